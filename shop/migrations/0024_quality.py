# 20a: specification books and inspection checklists, the surprise
# inspection plan and the routine calendar.
import datetime

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

STAFF_MODELS = {
    "specbook": ("add", "change", "delete", "view"),
    "speccriterion": ("add", "change", "delete", "view"),
    "criterionresult": ("add", "change", "view"),
    "routinecalendar": ("add", "change", "delete", "view"),
    # Drawing and reading the surprise plan: staff only, never cooperatives.
    "inspectionplan": ("add", "view"),
}


def grant(apps, schema_editor):
    config = apps.get_app_config("shop")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Foundation staff")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="shop",
            codename__in=[
                f"{action}_{model}"
                for model, actions in STAFF_MODELS.items()
                for action in actions
            ],
        )
    )


def books_from_versions(apps, schema_editor):
    """Lots received before books existed name their version as text: each
    (category, version) becomes a book in force from the first day a lot of
    it was received, its criteria left for staff to write, and the lots
    point at it. Lots without a version stay without a book."""
    Lot = apps.get_model("shop", "Lot")
    SpecBook = apps.get_model("shop", "SpecBook")
    ConsignmentLine = apps.get_model("shop", "ConsignmentLine")
    first_day = {}
    lots = Lot.objects.exclude(spec_book_version="").values_list(
        "pk", "spec_book_version", "variant__product__category_id", "created_at"
    )
    received = dict(
        ConsignmentLine.objects.exclude(lot=None)
        .values("lot_id")
        .annotate(day=models.Min("consignment__received_on"))
        .values_list("lot_id", "day")
    )
    grouped = {}
    for pk, version, category_id, created_at in lots:
        day = received.get(pk) or created_at.date()
        key = (category_id, version.strip())
        grouped.setdefault(key, []).append(pk)
        first_day[key] = min(first_day.get(key, day), day)
    for (category_id, version), pks in sorted(grouped.items(), key=str):
        day = first_day[(category_id, version)]
        while SpecBook.objects.filter(category_id=category_id, in_force_from=day).exists():
            day += datetime.timedelta(days=1)
        book, _created = SpecBook.objects.get_or_create(
            category_id=category_id, version=version, defaults={"in_force_from": day}
        )
        Lot.objects.filter(pk__in=pks).update(spec_book=book)


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0023_coverage_deductions"),
        ("cooperatives", "0002_seed_categories"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='inspection',
            name='form_token',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AddField(
            model_name='inspection',
            name='inspector',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='inspection',
            name='inspector_language',
            field=models.CharField(blank=True, editable=False, max_length=8),
        ),
        migrations.CreateModel(
            name='InspectionPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(unique=True, verbose_name='month')),
                ('seed', models.PositiveBigIntegerField(verbose_name='seed')),
                ('size', models.PositiveSmallIntegerField(verbose_name='lots drawn')),
                ('method', models.CharField(max_length=30, verbose_name='method')),
                ('parameters', models.JSONField(verbose_name='weighting parameters')),
                ('drawn_at', models.DateTimeField(auto_now_add=True, verbose_name='drawn at')),
                ('drawn_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'surprise inspection plan',
                'verbose_name_plural': 'surprise inspection plans',
                'ordering': ['-month'],
            },
        ),
        migrations.CreateModel(
            name='RoutineCalendar',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('every_months', models.PositiveSmallIntegerField(default=6, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(24)], verbose_name='every (months)')),
                ('cooperative', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cooperatives.cooperative', verbose_name='cooperative')),
            ],
            options={
                'verbose_name': 'routine inspection calendar',
                'verbose_name_plural': 'routine inspection calendars',
            },
        ),
        migrations.CreateModel(
            name='SpecBook',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.CharField(max_length=30, verbose_name='version')),
                ('in_force_from', models.DateField(verbose_name='in force from')),
                ('risk_class', models.CharField(choices=[('low', 'Low risk'), ('medium', 'Medium risk'), ('high', 'High risk')], default='medium', help_text='Weighs the surprise inspections drawn each month.', max_length=10, verbose_name='risk class')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='spec_books', to='cooperatives.productcategory', verbose_name='product category')),
            ],
            options={
                'verbose_name': 'specification book',
                'verbose_name_plural': 'specification books',
                'ordering': ['category', '-in_force_from'],
            },
        ),
        migrations.AddField(
            model_name='inspection',
            name='spec_book',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='inspections', to='shop.specbook', verbose_name='specification book'),
        ),
        migrations.AddField(
            model_name='lot',
            name='spec_book',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='lots', to='shop.specbook', verbose_name='specification book'),
        ),
        migrations.CreateModel(
            name='SpecCriterion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(max_length=150, verbose_name='name')),
                ('name_ar', models.CharField(max_length=150, null=True, verbose_name='name')),
                ('name_fr', models.CharField(max_length=150, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=150, null=True, verbose_name='name')),
                ('method', models.CharField(blank=True, max_length=255, verbose_name='method')),
                ('method_ar', models.CharField(blank=True, max_length=255, null=True, verbose_name='method')),
                ('method_fr', models.CharField(blank=True, max_length=255, null=True, verbose_name='method')),
                ('method_en', models.CharField(blank=True, max_length=255, null=True, verbose_name='method')),
                ('kind', models.CharField(choices=[('measured', 'Measured value'), ('check', 'Pass or fail')], default='measured', max_length=10, verbose_name='kind')),
                ('unit', models.CharField(blank=True, max_length=20, verbose_name='unit')),
                ('minimum', models.DecimalField(blank=True, decimal_places=3, max_digits=12, null=True, verbose_name='minimum')),
                ('maximum', models.DecimalField(blank=True, decimal_places=3, max_digits=12, null=True, verbose_name='maximum')),
                ('blocks_release', models.BooleanField(default=True, help_text='A lot that fails this criterion is put on hold.', verbose_name='blocks release')),
                ('book', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='shop.specbook')),
            ],
            options={
                'verbose_name': 'criterion',
                'verbose_name_plural': 'criteria',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='CriterionResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('measured', models.DecimalField(blank=True, decimal_places=3, max_digits=12, null=True, verbose_name='measured value')),
                ('passed', models.BooleanField(blank=True, null=True, verbose_name='passed')),
                ('conforms', models.BooleanField(editable=False, verbose_name='conforms')),
                ('evidence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document', verbose_name='photo or lab report')),
                ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criterion_results', to='shop.inspection')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='results', to='shop.speccriterion', verbose_name='criterion')),
            ],
            options={
                'verbose_name': 'criterion result',
                'verbose_name_plural': 'criterion results',
                'ordering': ['criterion__sort_order', 'criterion__pk'],
            },
        ),
        migrations.CreateModel(
            name='InspectionPlanEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('factors', models.JSONField()),
                ('weight', models.PositiveBigIntegerField()),
                ('rank', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('inspection', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='shop.inspection')),
                ('lot', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='shop.lot')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='shop.inspectionplan')),
            ],
            options={
                'ordering': ['plan', 'rank', 'lot_id'],
                'constraints': [models.UniqueConstraint(fields=('plan', 'lot'), name='plan_lot_unique')],
            },
        ),
        migrations.AddConstraint(
            model_name='specbook',
            constraint=models.UniqueConstraint(fields=('category', 'version'), name='spec_book_version_unique'),
        ),
        migrations.AddConstraint(
            model_name='specbook',
            constraint=models.UniqueConstraint(fields=('category', 'in_force_from'), name='spec_book_day_unique'),
        ),
        migrations.AddConstraint(
            model_name='criterionresult',
            constraint=models.UniqueConstraint(fields=('inspection', 'criterion'), name='criterion_result_unique'),
        ),
        migrations.RunPython(books_from_versions, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]

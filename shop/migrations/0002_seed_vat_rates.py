from django.db import migrations

# Moroccan VAT rates (Code général des impôts): 20 % standard, reduced 14 %,
# 10 % and 7 %, and exempt goods such as raw honey and dried herbs.
RATES = [
    ("standard", 2000, "Taux normal 20 %", "السعر العادي 20٪", "Standard rate 20 %"),
    ("reduced_14", 1400, "Taux réduit 14 %", "السعر المخفض 14٪", "Reduced rate 14 %"),
    ("reduced_10", 1000, "Taux réduit 10 %", "السعر المخفض 10٪", "Reduced rate 10 %"),
    ("reduced_7", 700, "Taux réduit 7 %", "السعر المخفض 7٪", "Reduced rate 7 %"),
    ("exempt", 0, "Exonéré", "معفى", "Exempt"),
]


def seed(apps, schema_editor):
    VatRate = apps.get_model("shop", "VatRate")
    for code, rate, fr, ar, en in RATES:
        VatRate.objects.update_or_create(
            code=code,
            defaults={
                "rate_bp": rate,
                "name": fr,
                "name_fr": fr,
                "name_ar": ar,
                "name_en": en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

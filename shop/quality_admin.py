"""Staff screens of the quality plan: an inspection recorded criterion by
criterion against the lot's specification book, its report as a PDF, the
monthly surprise plan (drawn by the system, audited by replaying its seed)
and the routine inspections due. Thin: the writes are
shop.services.quality's."""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cooperatives.models import today
from shop.admin_views import require_permission
from shop.models import Inspection, InspectionPlan, InspectionPlanEntry, Lot
from shop.models.quality import CriterionKind
from shop.quality_documents import acceptable, inspection_report_pdf, number
from shop.services.quality import (
    DEFAULT_PLAN_SIZE,
    CriterionInput,
    QualityError,
    inspection_checklist_record,
    inspection_plan_draw,
    inspection_plan_replay,
    routine_due,
)

EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp"]
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def validate_evidence_size(upload):
    if upload.size > EVIDENCE_MAX_BYTES:
        raise forms.ValidationError(_("A file may be at most 10 MB."))


EVIDENCE_COLLECTION = "Inspection evidence"


def evidence_collection() -> Collection:
    """The collection lab reports and photos go to: Wagtail serves documents
    at public addresses, so this one is restricted to the foundation's staff
    group (a cooperative reads the results in the portal instead)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=EVIDENCE_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=EVIDENCE_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name="Foundation staff"))
    return collection


class ChecklistForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    entry = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=Inspection.Kind.choices)
    body = forms.ChoiceField(
        label=_("inspecting body"), choices=Inspection.Body.choices
    )
    date = forms.DateField(label=_("date"), widget=AdminDateInput)
    notes = forms.CharField(label=_("notes"), widget=forms.Textarea, required=False)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            help_text = acceptable(criterion)
            if criterion.method:
                help_text = f"{help_text} — {criterion.method}"
            if criterion.kind == CriterionKind.MEASURED:
                field = forms.DecimalField(
                    max_digits=12,
                    decimal_places=3,
                    required=criterion.blocks_release,
                    label=f"{criterion.name} ({criterion.unit})"
                    if criterion.unit
                    else criterion.name,
                    help_text=help_text,
                )
            else:
                field = forms.ChoiceField(
                    choices=[("", "—"), ("pass", _("Passed")), ("fail", _("Failed"))],
                    required=criterion.blocks_release,
                    label=criterion.name,
                    help_text=help_text,
                )
            self.fields[f"criterion-{criterion.pk}"] = field
            self.fields[f"evidence-{criterion.pk}"] = forms.FileField(
                label=_("Photo or lab report"),
                required=False,
                validators=[
                    validate_evidence_size,
                    FileExtensionValidator(EVIDENCE_EXTENSIONS),
                ],
            )

    def rows(self):
        return [
            (
                criterion,
                self[f"criterion-{criterion.pk}"],
                self[f"evidence-{criterion.pk}"],
            )
            for criterion in self.criteria
        ]

    def inputs(self, evidence_ids: dict[int, int]) -> list[CriterionInput]:
        inputs = []
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"criterion-{criterion.pk}")
            if value in (None, ""):
                continue
            if criterion.kind == CriterionKind.MEASURED:
                inputs.append(
                    CriterionInput(
                        criterion_id=criterion.pk,
                        measured=value,
                        evidence_id=evidence_ids.get(criterion.pk),
                    )
                )
            else:
                inputs.append(
                    CriterionInput(
                        criterion_id=criterion.pk,
                        passed=value == "pass",
                        evidence_id=evidence_ids.get(criterion.pk),
                    )
                )
        return inputs


class QualityAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, self.permission)
        return super().dispatch(request, *args, **kwargs)


class LotChecklistView(QualityAdminView):
    template_name = "shop/admin/quality_checklist.html"
    permission = "shop.add_inspection"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, self.permission)
        self.lot = get_object_or_404(
            Lot.objects.select_related("variant__product", "cooperative", "spec_book"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Inspect lot %(code)s") % {"code": self.lot.code}

    def criteria(self):
        if self.lot.spec_book is None:
            return []
        return self.lot.spec_book.criteria.all()

    def get_form(self):
        if self.request.method == "POST":
            return ChecklistForm(
                self.request.POST, self.request.FILES, criteria=self.criteria()
            )
        entry = self.request.GET.get("entry", "")
        return ChecklistForm(
            criteria=self.criteria(),
            initial={
                "token": uuid.uuid4(),
                "date": today(),
                "entry": entry if entry.isdigit() else None,
                "kind": Inspection.Kind.SURPRISE if entry else Inspection.Kind.ROUTINE,
            },
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(lot=self.lot, form=kwargs.get("form") or self.get_form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        # A form sent again is answered as the first time, before its files
        # are read again.
        done = _recorded(request.POST.get("token", ""))
        if done is None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if done is None:
            try:
                done = self.record(form)
            except QualityError as error:
                for field, message in error.errors.items():
                    form.add_error(field if field in form.fields else None, message)
                return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            gettext("Inspection recorded: %(result)s.")
            % {"result": done.get_result_display()},
        )
        return redirect("shop_lot_detail", self.lot.pk)

    @transaction.atomic
    def record(self, form) -> Inspection:
        """The uploads become Wagtail documents in the same transaction as
        the inspection: a refused checklist leaves none behind."""
        Document = get_document_model()
        evidence = {}
        for criterion in form.criteria:
            upload = form.cleaned_data.get(f"evidence-{criterion.pk}")
            if upload:
                evidence[criterion.pk] = Document.objects.create(
                    title=f"{self.lot.code} — {criterion.name}"[:255],
                    file=upload,
                    collection=evidence_collection(),
                    uploaded_by_user=self.request.user,
                ).pk
        entry_id = form.cleaned_data.get("entry")
        if (
            entry_id
            and not InspectionPlanEntry.objects.filter(
                pk=entry_id, lot=self.lot
            ).exists()
        ):
            entry_id = None
        return inspection_checklist_record(
            lot_id=self.lot.pk,
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
            day=form.cleaned_data["date"],
            results=form.inputs(evidence),
            form_token=form.cleaned_data["token"],
            user=self.request.user,
            language=get_language(),
            notes=form.cleaned_data["notes"],
            plan_entry_id=entry_id,
        )


def _recorded(token: str) -> Inspection | None:
    try:
        return Inspection.objects.filter(form_token=uuid.UUID(token)).first()
    except ValueError:
        return None


def inspection_report_view(request, pk):
    require_permission(request, "shop.view_inspection")
    inspection = get_object_or_404(Inspection, pk=pk)
    response = HttpResponse(
        inspection_report_pdf(inspection), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{number(inspection)}.pdf"
    )
    return response


class PlansView(QualityAdminView):
    """The monthly surprise plans, and the button that draws this month's."""

    template_name = "shop/admin/quality_plans.html"
    permission = "shop.view_inspectionplan"
    page_title = _("Surprise inspection plans")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = today().replace(day=1)
        context.update(
            plans=InspectionPlan.objects.all()[:36],
            this_month=InspectionPlan.objects.filter(month=month).first(),
            month=month,
            default_size=DEFAULT_PLAN_SIZE,
            can_draw=self.request.user.has_perm("shop.add_inspectionplan"),
        )
        return context

    def post(self, request, *args, **kwargs):
        require_permission(request, "shop.add_inspectionplan")
        try:
            size = int(request.POST.get("size", DEFAULT_PLAN_SIZE))
        except ValueError:
            size = 0
        if not 1 <= size <= 50:
            messages.error(request, gettext("Draw between 1 and 50 lots."))
            return redirect("shop_inspection_plans")
        plan = inspection_plan_draw(month=today(), size=size, user=request.user)
        return redirect("shop_inspection_plan", plan.pk)


class PlanDetailView(QualityAdminView):
    template_name = "shop/admin/quality_plan.html"
    permission = "shop.view_inspectionplan"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, self.permission)
        self.plan = get_object_or_404(InspectionPlan, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Surprise inspections of %(month)s") % {
            "month": f"{self.plan.month:%Y-%m}"
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.plan.entries.select_related(
            "lot__variant__product", "lot__cooperative", "inspection"
        )
        total = sum(entry.weight for entry in entries) or 1
        context.update(
            plan=self.plan,
            drawn=[entry for entry in entries if entry.rank],
            candidates=sorted(entries, key=lambda entry: -entry.weight),
            total_weight=total,
            audit=inspection_plan_replay(self.plan),
        )
        return context


class RoutineDueView(QualityAdminView):
    template_name = "shop/admin/quality_due.html"
    permission = "shop.view_inspection"
    page_title = _("Routine inspections due")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = routine_due()
        return context

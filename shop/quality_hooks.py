"""Wagtail admin wiring of the quality plan (imported by shop.wagtail_hooks):
the specification books and routine calendars as snippets, the staff
screens' URLs and menu items, and the "Inspect" button on lots."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from shop.models import Lot, RoutineCalendar, SpecBook
from shop.quality_admin import (
    LotChecklistView,
    PlanDetailView,
    PlansView,
    RoutineDueView,
    inspection_report_view,
)
from shop.services.quality import spec_books_link_lots


class SpecBookViewSet(SnippetViewSet):
    model = SpecBook
    icon = "doc-full"
    menu_label = _("Specification books")
    list_display = ["category", "version", "in_force_from", "risk_class"]
    list_filter = ["category", "risk_class"]


class RoutineCalendarViewSet(SnippetViewSet):
    model = RoutineCalendar
    icon = "date"
    menu_label = _("Routine calendars")
    list_display = ["cooperative", "every_months"]


class QualityGroup(SnippetViewSetGroup):
    menu_label = _("Quality")
    menu_icon = "tasks"
    menu_order = 215
    items = (SpecBookViewSet, RoutineCalendarViewSet)


register_snippet(QualityGroup)


@hooks.register("register_admin_urls")
def quality_urls():
    return [
        path(
            "quality/lots/<int:pk>/inspect/",
            LotChecklistView.as_view(),
            name="shop_lot_checklist",
        ),
        path(
            "quality/inspections/<int:pk>/report/",
            inspection_report_view,
            name="shop_inspection_report",
        ),
        path("quality/plans/", PlansView.as_view(), name="shop_inspection_plans"),
        path(
            "quality/plans/<int:pk>/",
            PlanDetailView.as_view(),
            name="shop_inspection_plan",
        ),
        path("quality/due/", RoutineDueView.as_view(), name="shop_routine_due"),
    ]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def spec_book_links_earlier_lots(request, instance):
    # A book written after its lots arrived: they get the version in force
    # the day each was received.
    if isinstance(instance, SpecBook):
        spec_books_link_lots(category_id=instance.category_id)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def inspection_plans_menu_item():
    return PermissionMenuItem(
        _("Surprise inspection plans"),
        reverse("shop_inspection_plans"),
        icon_name="tasks",
        order=840,
        permission="shop.view_inspectionplan",
    )


@hooks.register("register_reports_menu_item")
def routine_due_menu_item():
    return PermissionMenuItem(
        _("Routine inspections due"),
        reverse("shop_routine_due"),
        icon_name="date",
        order=841,
        permission="shop.view_inspection",
    )


@hooks.register("register_snippet_listing_buttons")
def inspect_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, Lot)
        and snippet.spec_book_id
        and user.has_perm("shop.add_inspection")
    ):
        return [
            ListingButton(
                _("Inspect"), url=reverse("shop_lot_checklist", args=(snippet.pk,))
            )
        ]
    return []

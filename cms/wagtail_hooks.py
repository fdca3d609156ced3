from django.contrib import messages as django_messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from cms.admin_views import MissingTranslationsReport


@hooks.register("register_admin_urls")
def missing_translations_urls():
    return [
        path(
            "reports/missing-translations/",
            MissingTranslationsReport.as_view(),
            name="missing_translations_report",
        ),
        path(
            "reports/missing-translations/results/",
            MissingTranslationsReport.as_view(results_only=True),
            name="missing_translations_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def missing_translations_menu_item():
    return MenuItem(
        _("Missing translations"),
        reverse("missing_translations_report"),
        icon_name="globe",
        order=810,
    )


@hooks.register("insert_global_admin_js")
def field_direction_js():
    # Rich text and StreamField blocks are drawn in the browser: their
    # Arabic inputs get their direction there (cms/admin_forms.py does the
    # rest on the server).
    return format_html(
        '<script src="{}" defer></script>', static("cms/admin/field-direction.js")
    )


@hooks.register("insert_global_admin_css")
def field_direction_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("cms/admin/field-direction.css")
    )


@hooks.register("after_edit_page")
def say_approved_pages_are_published(request, page):
    """A moderator's "Approve and publish" in the editor publishes the page,
    but Wagtail then says it "has been updated": say what happened instead."""
    if not (
        request.method == "POST"
        and request.POST.get("action-workflow-action")
        and request.POST.get("workflow-action-name") == "approve"
    ):
        return
    live, unpublished = Page.objects.filter(pk=page.pk).values_list(
        "live", "has_unpublished_changes"
    )[0]
    title = page.get_admin_display_title()
    url = page.specific.url
    if live and not unpublished:
        text = gettext("Page '%(page_title)s' has been approved and published.")
        buttons = [messages.button(url, gettext("View live"))] if url else []
    else:
        text = gettext("Page '%(page_title)s' has been approved.")
        buttons = []
    # Wagtail's message is the last success of this request: the others are
    # put back as they were (reading the messages is the only way to drop one).
    stored = list(django_messages.get_messages(request))
    last = max(
        (i for i, m in enumerate(stored) if m.level == django_messages.SUCCESS),
        default=None,
    )
    for index, message in enumerate(stored):
        if index == last:
            messages.success(request, text % {"page_title": title}, buttons=buttons)
        else:
            django_messages.add_message(
                request, message.level, message.message, extra_tags=message.extra_tags
            )

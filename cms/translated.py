"""What every page of the site shares about its languages in the editor."""

from wagtail.models import PageViewRestriction

from cms.admin_forms import TranslatedPageForm
from cms.panels import promote_by_language


class TranslatedPage:
    """Mixed into every page model, before ``Page``.

    The editor's form and promote tab come from cms/admin_forms.py and
    cms/panels.py (each page declares its own content panels).
    """

    base_form_class = TranslatedPageForm
    promote_panels = promote_by_language()

    def minimal_clean(self):
        """Wagtail's check of a draft, without its ``self.title = ...``.

        Wagtail cleans the title by assigning it back; with modeltranslation
        that writes the title read in the active language (the Arabic one, by
        fallback) as that language's own: a draft saved from the French admin
        would store its Arabic title as its French one, and no report would
        find the French title missing.
        """
        self._set_core_field_defaults()
        self._meta.get_field("title").clean(self.title, self)
        self._check_slug_is_unique()

    def get_view_restrictions(self):
        """Wagtail's check before serving asks for the restrictions of the
        page and its ancestors (two queries). When the page cache found that
        none applies, for this page as served now
        (``core.page_cache.mark_cacheable``), the answer is known."""
        if getattr(self, "view_restrictions_ruled_out", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class ProductAdminForm(WagtailAdminModelForm):
    """A product may only show certifications its own cooperative holds."""

    def clean(self):
        data = super().clean()
        cooperative = data.get("cooperative")
        certifications = data.get("certifications") or []
        if cooperative is not None:
            foreign = [c for c in certifications if c.cooperative_id != cooperative.pk]
            if foreign:
                self.add_error(
                    "certifications",
                    forms.ValidationError(
                        _(
                            "These certifications belong to another "
                            "cooperative: %(list)s"
                        ),
                        params={"list": ", ".join(str(c) for c in foreign)},
                    ),
                )
        return data

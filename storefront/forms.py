"""The Wagtail document form, with the check Wagtail leaves to us: a
document must really be a PDF, not only named .pdf (Wagtail checks the
extension and, with WAGTAILDOCS_MAX_UPLOAD_SIZE, the size)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or "file" not in self.changed_data:
            return upload
        upload.seek(0)
        header = upload.read(5)
        upload.seek(0)
        if header != b"%PDF-":
            raise ValidationError(_("This file is not a PDF document."))
        return upload

"""Images and documents uploaded through Wagtail's admin pass the platform's
upload checks (egov/platform/core/uploads.py): the kind read from the
content, the size limit (UPLOAD_MAX_MB).

Hooked in through WAGTAILIMAGES_IMAGE_FORM_BASE and
WAGTAILDOCS_DOCUMENT_FORM_BASE, so every upload form Wagtail builds (single,
multiple, the choosers) runs the check. The stored name keeps the sender's
name, made a plain slug, with the extension of the detected kind.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from egov.platform.core.errors import InvalidInput
from egov.platform.core.uploads import check_upload

IMAGE_KINDS = ("jpg", "png", "webp")
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "odt", "ods")


def checked(file: Any, *, kinds: tuple[str, ...], label: str) -> Any:
    """The new upload renamed to its detected kind, or a ValidationError with
    the platform's code and message. A form edited without a new file keeps
    its stored one unchecked."""
    if not isinstance(file, UploadedFile):
        return file
    try:
        extension = check_upload(
            file, kinds=kinds, max_mb=settings.UPLOAD_MAX_MB, kinds_label=label
        )
    except InvalidInput as error:
        raise ValidationError(error.message, code=error.code) from error
    stem = slugify(PurePosixPath(file.name or "").stem)[:80] or "tep"
    file.name = f"{stem}.{extension}"
    return file


class CheckedImageForm(BaseImageForm):
    """An image needs its alternative text: Wagtail's description field, which
    its templates use as alt (WCAG 2.1 criterion 1.1.1; Circular 22/2023 asks
    for text alternatives of images). Wagtail leaves it optional."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = _("Mô tả thay thế (alt)")
            description.help_text = _("Mô tả nội dung ảnh cho người không xem được ảnh (bắt buộc).")
            description.error_messages["required"] = _(
                "Ảnh cần có mô tả thay thế cho người không xem được ảnh."
            )

    def clean_description(self) -> str:
        value = " ".join(str(self.cleaned_data.get("description") or "").split())
        if not value:
            raise ValidationError(
                _("Ảnh cần có mô tả thay thế cho người không xem được ảnh."),
                code="alt_text_required",
            )
        return value

    def clean_file(self) -> Any:
        return checked(
            self.cleaned_data.get("file"),
            kinds=IMAGE_KINDS,
            label=str(_("ảnh JPEG, PNG hoặc WebP")),
        )


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self) -> Any:
        return checked(
            self.cleaned_data.get("file"),
            kinds=DOCUMENT_KINDS,
            label=str(_("PDF, DOCX, XLSX, ODT hoặc ODS")),
        )

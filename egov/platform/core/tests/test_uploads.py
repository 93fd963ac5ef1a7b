"""The platform's upload checks: the kind is read from the content, never the name."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from egov.platform.core.errors import InvalidInput
from egov.platform.core.uploads import UploadError, check_upload, detect_kind


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3, 3), (0, 90, 160)).save(out, format=fmt)
    return out.getvalue()


def package(members: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members:
            archive.writestr(name, text)
    return out.getvalue()


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
SAMPLES = {
    "pdf": pdf(),
    "jpg": image("JPEG"),
    "png": image("PNG"),
    "webp": image("WEBP"),
    "docx": package([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")]),
    "xlsx": package([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<x/>")]),
    "odt": package([("mimetype", ODT), ("content.xml", "<office/>")]),
    "ods": package([("mimetype", ODS), ("content.xml", "<office/>")]),
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_kind_is_recognised_from_its_content(kind: str) -> None:
    # A misleading name: the content decides.
    upload = SimpleUploadedFile("tep.txt", SAMPLES[kind])

    assert detect_kind(upload) == kind


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n<html><script>alert(1)</script></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        package([("index.html", "<script>alert(1)</script>")]),
        package([("mimetype", "text/html"), ("index.html", "<p/>")]),
        b"PK\x03\x04 not a zip at all",
        b"",
    ],
)
def test_anything_else_is_no_kind(content: bytes) -> None:
    assert detect_kind(SimpleUploadedFile("van-ban.pdf", content)) is None


def test_a_kind_the_caller_does_not_accept_is_refused() -> None:
    upload = SimpleUploadedFile("bang-tinh.pdf", SAMPLES["xlsx"])

    with pytest.raises(InvalidInput) as refused:
        check_upload(upload, kinds=("pdf",), max_mb=20, kinds_label="PDF")

    assert refused.value.code == UploadError.INVALID_FILE_TYPE
    assert str(UploadError.INVALID_FILE_TYPE) == "invalid_file_type"
    assert refused.value.message == "Tệp «bang-tinh.pdf» không phải PDF."


def test_a_file_over_the_limit_is_refused_before_it_is_read() -> None:
    upload = SimpleUploadedFile("lon.pdf", SAMPLES["pdf"] + b"0" * (1024 * 1024))

    with pytest.raises(InvalidInput) as refused:
        check_upload(upload, kinds=("pdf",), max_mb=1, kinds_label="PDF")

    assert refused.value.code == UploadError.FILE_TOO_LARGE
    assert str(UploadError.FILE_TOO_LARGE) == "file_too_large"
    assert refused.value.message == "Tệp «lon.pdf» lớn hơn 1 MB."

"""The organisation's signature on an attachment: top right of the first
page, the main document's notation and the time, valid and trusted."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from weasyprint import HTML

from egov.platform.signatures.attachments import (
    FIELD,
    attachment_box,
    attachment_lines,
    seal_attachment,
)
from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.placeholders import Box
from egov.platform.signatures.validation import Verdict, validate_pdf

from .documents import plain_pdf


def landscape_pdf() -> bytes:
    pdf = HTML(string="<style>@page { size: A4 landscape }</style><p>Phụ lục</p>").write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def test_the_box_is_the_first_pages_top_right_corner() -> None:
    # A4 portrait is 595 x 842 points, landscape 842 x 595.
    assert attachment_box(plain_pdf()) == Box(page=0, x1=367, y1=778, x2=567, y2=814)
    assert attachment_box(landscape_pdf()) == Box(page=0, x1=614, y1=531, x2=814, y2=567)


def test_the_lines_are_the_notation_and_the_iso_time_in_vietnam() -> None:
    when = datetime(2026, 3, 5, 1, 2, 3, tzinfo=UTC)

    assert attachment_lines("15/QĐ-UBND", when) == ["15/QĐ-UBND", "2026-03-05T08:02:03+07:00"]


def test_a_sealed_attachment_is_valid_and_placed(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    signed = seal_attachment(
        plain_pdf(),
        org_backend,
        organisation="UBND huyện Chợ Đồn",
        notation="15/QĐ-UBND",
        config=config,
    )

    [report] = validate_pdf(signed, config)
    assert (report.field_name, report.organisation, report.verdict) == (
        FIELD,
        "UBND huyện Chợ Đồn",
        Verdict.VALID,
    )
    reader = PdfFileReader(BytesIO(signed))
    [field] = [f.get_object() for f in reader.root["/AcroForm"]["/Fields"]]
    assert [round(float(n)) for n in field["/Rect"]] == [367, 778, 567, 814]
    assert (str(field["/V"]["/Name"]), str(field["/V"]["/Reason"])) == (
        "UBND huyện Chợ Đồn",
        "Phát hành",
    )


def test_a_file_that_is_not_a_pdf_is_refused(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    with pytest.raises(SigningError) as raised:
        seal_attachment(b"PK\x03\x04", org_backend, organisation="X", notation="1", config=config)

    assert raised.value.code == "signature.not_pdf"

"""The clerk's number and date, and the signature placeholders."""

from __future__ import annotations

from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.platform.signatures.errors import SignatureErrorCode, SigningError
from egov.platform.signatures.forms import fill_text_fields, text_field_names
from egov.platform.signatures.placeholders import Box, add_signature_fields, signature_fields

from .documents import decision_with_fields, plain_pdf

NUMBER = "15/QĐ-UBND"


def field_values(pdf: bytes) -> dict[str, str]:
    reader = PdfFileReader(BytesIO(pdf))
    return {
        str(field.get_object()["/T"]): str(field.get_object().get("/V", ""))
        for field in reader.root["/AcroForm"]["/Fields"]
        if field.get_object().get("/FT") == "/Tx"
    }


def test_values_are_written_in_a_new_revision() -> None:
    original = decision_with_fields()

    filled = fill_text_fields(original, {"so_ky_hieu": NUMBER, "ngay_ban_hanh": "ngày 06"})

    assert filled.startswith(original)
    assert field_values(filled) == {"so_ky_hieu": NUMBER, "ngay_ban_hanh": "ngày 06"}


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(SigningError) as raised:
        fill_text_fields(decision_with_fields(), {"so_van_ban": NUMBER})

    assert (raised.value.code, raised.value.details) == (
        SignatureErrorCode.FIELD_NOT_FOUND,
        {"detail": "so_van_ban"},
    )


def test_placeholders_are_empty_signature_fields() -> None:
    laid_out = add_signature_fields(
        decision_with_fields(), [("LanhDao", Box(page=0, x1=330, y1=120, x2=530, y2=200))]
    )

    assert signature_fields(PdfFileReader(BytesIO(laid_out))) == {"LanhDao": False}


def test_a_placeholder_is_laid_out_once() -> None:
    laid_out = add_signature_fields(
        decision_with_fields(), [("LanhDao", Box(page=0, x1=330, y1=120, x2=530, y2=200))]
    )

    with pytest.raises(SigningError) as raised:
        add_signature_fields(laid_out, [("LanhDao", Box(page=0, x1=30, y1=20, x2=230, y2=100))])

    assert raised.value.code == SignatureErrorCode.FIELD_EXISTS


def test_a_pdf_whose_form_pyhanko_created_has_no_text_fields() -> None:
    # A draft without a form gets its /AcroForm from pyHanko when the
    # signature fields are laid out: an indirect object (the demo's drafts).
    laid_out = add_signature_fields(plain_pdf(), [("LanhDao", Box(0, 330, 90, 530, 190))])

    assert text_field_names(laid_out) == set()
    assert text_field_names(decision_with_fields()) == {"so_ky_hieu", "ngay_ban_hanh"}

"""The edXML status labels follow the language of the request, not of the import."""

from __future__ import annotations

from django.utils import translation

from egov.office.exchange.selectors import status_label


def test_status_labels_in_vietnamese_and_in_english() -> None:
    # The labels were once translated when the module was imported, so an
    # English page showed "01 Đã đến".
    with translation.override("vi"):
        assert status_label("01") == "01 Đã đến"
        assert status_label("16") == "16 Từ chối thu hồi, cập nhật"
    with translation.override("en"):
        assert status_label("01") == "01 Arrived"
        assert status_label("16") == "16 Revocation or update refused"
    # A code the standard does not define is shown as it came.
    assert status_label("99") == "99"

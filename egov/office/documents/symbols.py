"""Numbers and symbols (số, ký hiệu) as Decree 30/2020/NĐ-CP writes them.

Appendix I, section I.3:
- the number is written in Arabic numerals, with a leading 0 below 10 ("05");
- a document with a type name: number / type abbreviation - body abbreviation
  ("15/QĐ-UBND");
- a công văn: number / body abbreviation - drafting unit's abbreviation
  ("120/UBND-VP"); without a drafting unit, the body alone ("120/UBND").
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.platform.core.errors import InvalidInput


def format_number(number: int) -> str:
    """The number as printed: "01".."09", then "10", "11", ..."""
    return f"{number:02d}"


def compose_notation(
    *,
    number: int,
    type_abbreviation: str,
    is_letter: bool,
    body_abbreviation: str,
    unit_abbreviation: str = "",
) -> str:
    """The full number and symbol of a document, e.g. "15/QĐ-UBND" or "120/UBND-VP"."""
    if not body_abbreviation:
        raise InvalidInput(
            OfficeError.BODY_WITHOUT_ABBREVIATION,
            _("Cơ quan ban hành chưa có chữ viết tắt tên: quản trị cần nhập trước khi cấp số."),
        )
    if is_letter:
        parts = [body_abbreviation, unit_abbreviation] if unit_abbreviation else [body_abbreviation]
    else:
        if not type_abbreviation:
            raise InvalidInput(
                OfficeError.TYPE_NOT_FOUND,
                _("Loại văn bản chưa có chữ viết tắt: quản trị cần nhập trước khi cấp số."),
            )
        parts = [type_abbreviation, body_abbreviation]
    return f"{format_number(number)}/{'-'.join(parts)}"

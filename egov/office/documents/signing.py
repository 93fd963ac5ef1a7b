"""Where an outgoing document's two signatures go, and the text written into it.

Decree 30/2020/NĐ-CP, Appendix I: the signing leader's signature (the
handwritten image and the name) and the organisation's (the red seal over the
left third of the leader's image, the organisation's name and the time).
The place comes from the document, never from guesswork:

1. a placeholder: the draft's template laid out empty signature fields named
   `LanhDao` (the leader) and `CoQuan` (the organisation); they are used as
   they are;
2. otherwise the box configured for the document type in the setting
   `EGOV_SIGNATURE_BOXES`, keyed by the type's abbreviation ("QĐ", "TB";
   "CV" for a công văn) or "*" for every other type:

       EGOV_SIGNATURE_BOXES = {"*": [-1, 330, 90, 530, 190]}  # page, x1, y1, x2, y2

   the leader's box on that page (-1: the last page), in points from the
   page's lower left corner; the organisation's box is derived from it
   (placeholders.seal_box);
3. neither: approval is refused (`office_signature_box_missing`).

The number and date go into the text fields `so_ky_hieu` and
`ngay_ban_hanh` where the template has them (forms.fill_text_fields).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import OutgoingDocument
from egov.platform.core.errors import InvalidInput
from egov.platform.signatures.pdfinput import page_count, read_pdf
from egov.platform.signatures.placeholders import Box, seal_box, signature_fields

PURPOSE = "office.outgoing"
# The signature checks (signatures.SignatureCheck) of the document office's
# files: an incoming document's main file and its PDF attachments, an
# outgoing document's issued PDF.
INCOMING_CHECK = "office.incoming"
ATTACHMENT_CHECK = "office.incoming_attachment"
OUTGOING_CHECK = "office.outgoing"
LEADER_FIELD = "LanhDao"
ORG_FIELD = "CoQuan"
NUMBER_FIELD = "so_ky_hieu"
DATE_FIELD = "ngay_ban_hanh"
LETTER_KEY = "CV"


def configured_box(document: OutgoingDocument, pdf: bytes) -> Box | None:
    boxes = getattr(settings, "EGOV_SIGNATURE_BOXES", {}) or {}
    key = document.document_type.abbreviation or LETTER_KEY
    raw = boxes.get(key, boxes.get("*"))
    if raw is None:
        return None
    page, x1, y1, x2, y2 = (int(value) for value in raw)
    if page < 0:
        page += page_count(read_pdf(pdf))
    return Box(page=page, x1=x1, y1=y1, x2=x2, y2=y2)


def field_layout(
    document: OutgoingDocument, pdf: bytes, leader_image: bytes
) -> list[tuple[str, Box]]:
    """The fields to lay out before the leader signs: none where the template
    has both placeholders, else the leader's configured box and the seal's."""
    existing = signature_fields(read_pdf(pdf))
    if LEADER_FIELD in existing and ORG_FIELD in existing:
        return []
    box = configured_box(document, pdf)
    if box is None or LEADER_FIELD in existing or ORG_FIELD in existing:
        raise InvalidInput(
            OfficeError.SIGNATURE_BOX_MISSING,
            _(
                "Chưa xác định được vị trí chữ ký: văn bản không có ô chữ ký "
                "và loại văn bản chưa được cấu hình vị trí."
            ),
        )
    return [(LEADER_FIELD, box), (ORG_FIELD, seal_box(box, leader_image))]


def written_date(day: date) -> str:
    """ "ngày 05 tháng 3 năm 2026": days below 10 and the months January and
    February with a leading zero (Decree 30/2020, Appendix I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"

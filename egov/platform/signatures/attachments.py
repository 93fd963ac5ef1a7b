"""The organisation's signature on an attachment sent as a file of its own.

Decree 30/2020/NĐ-CP, Appendix I (the organisation's digital signature on
an attached document not in the main document's file): the clerk signs it
for the organisation at the top right of its first page; the signature
shows no seal image, only the main document's number and notation and the
signing time (ISO 8601, Vietnam time), in Times New Roman 10. The box's size
and margin below are this platform's choice (two lines of 10 pt text), kept
as data: the decree names the corner, not the measurements.

The place is computed from the first page's visible area (its /CropBox, or
its /MediaBox), so it follows A4, A3 or a landscape annex alike.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from .appearance import VIETNAM
from .backends.base import SignerBackend
from .config import SignatureConfig
from .pdfinput import read_pdf
from .placeholders import Box
from .signing import sign_pdf

FIELD = "CoQuanVanBanKemTheo"
# Points: 200 x 36 holds two lines of 10 pt text; about 1 cm from the edges.
WIDTH = 200
HEIGHT = 36
MARGIN = 28


def attachment_box(pdf: bytes) -> Box:
    """The top right corner of the first page."""
    reader = read_pdf(pdf)
    page_ref, _resources = reader.find_page_for_modification(0)  # type: ignore[no-untyped-call]
    page = page_ref.get_object()
    area = page.get("/CropBox") or page["/MediaBox"]
    left, bottom, right, top = (float(n) for n in area)
    x2 = round(max(left, right) - MARGIN)
    y2 = round(max(bottom, top) - MARGIN)
    return Box(page=0, x1=x2 - WIDTH, y1=y2 - HEIGHT, x2=x2, y2=y2)


def attachment_lines(notation: str, when: datetime) -> list[str]:
    return [notation, when.astimezone(VIETNAM).isoformat(timespec="seconds")]


def seal_attachment(
    pdf: bytes,
    backend: SignerBackend,
    *,
    organisation: str,
    notation: str,
    config: SignatureConfig | None = None,
) -> bytes:
    """`pdf` signed by the organisation at the top right of its first page."""
    return sign_pdf(
        pdf,
        backend,
        field_name=FIELD,
        box=attachment_box(pdf),
        reason="Phát hành",
        name=organisation,
        appearance=attachment_lines(notation, timezone.now()),
        config=config,
    )

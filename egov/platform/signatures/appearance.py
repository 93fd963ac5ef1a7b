"""What a visible signature shows: text lines in the document's font.

Decree 30/2020/NĐ-CP, Appendix I: beside the signature, the signer's or the
organisation's name and the signing time, in Times New Roman 10, Vietnam
time. pyHanko's own stamp fonts have no Vietnamese diacritics, so WeasyPrint
(printing/) draws the lines and pyHanko places that page as the signature's
appearance. The handwritten signature and the red seal images come with the
document-office flow; they go into the same template.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from asn1crypto import x509
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp.static import StaticStampStyle

from egov.platform.printing import PdfRenderer

RENDERER = PdfRenderer(Path(__file__).with_name("templates"))
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def default_lines(certificate: x509.Certificate, when: datetime) -> list[str]:
    """Who signed, for which organisation, and when (Vietnam time)."""
    subject = certificate.subject.native
    lines = [f"Ký bởi: {subject.get('common_name', '')}"]
    organisation = subject.get("organization_name")
    if organisation and organisation != subject.get("common_name"):
        lines.append(f"Cơ quan: {organisation}")
    lines.append(f"Thời gian ký: {when.astimezone(VIETNAM):%d/%m/%Y %H:%M:%S} +07:00")
    return lines


def stamp_style(lines: Sequence[str], width: float, height: float) -> StaticStampStyle:
    html = RENDERER.html(
        "signature_stamp.html",
        {"width": f"{width:.2f}", "height": f"{height:.2f}", "lines": list(lines)},
    )
    return StaticStampStyle(background=_PdfPage(RENDERER.pdf_from_html(html)), border_width=0)


class _PdfPage(PdfContent):
    """The first page of a PDF held in memory, as a form XObject."""

    def __init__(self, pdf: bytes) -> None:
        super().__init__()
        self.pdf = pdf

    def render(self) -> bytes:
        reader = PdfFileReader(BytesIO(self.pdf))
        xobject = self._ensure_writer.import_page_as_xobject(reader)
        self.resources.xobject["/Lines"] = xobject
        x1, y1, x2, y2 = (float(number) for number in xobject.get_object()["/BBox"])
        self.box = BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return b"/Lines Do"

"""What a visible signature shows: text lines in the document's font.

Decree 30/2020/NĐ-CP, Appendix I: beside the signature, the signer's or the
organisation's name and the signing time, in Times New Roman 10, Vietnam
time. pyHanko's own stamp fonts have no Vietnamese diacritics, so WeasyPrint
(printing/) draws the lines and pyHanko places that page as the signature's
appearance. The handwritten signature and the red seal images come with the
document-office flow (`Visual`): the image is drawn by pyHanko beside the
lines, with its transparency kept (an /SMask), so the seal of a later
signature lies over the signer's image as on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from asn1crypto import x509
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.images import pil_image
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


class Layout(StrEnum):
    # The signer's handwritten signature across the top of the box, the
    # name below it (between the position and the name, Appendix I).
    SIGNER = "signer"
    # The seal at the right end of the box, the organisation's name and
    # the time to its left: the box is placed so the seal covers the left
    # third of the signer's image (layout.seal_box).
    SEAL = "seal"


# The share of a signer's box the handwritten image takes (the rest is the name).
SIGNER_IMAGE_SHARE = 0.72


@dataclass(frozen=True)
class Visual:
    """An image in a visible signature: a checked transparent PNG (images.py)."""

    image: bytes
    layout: Layout


@dataclass(frozen=True)
class Placed:
    """Where an image is drawn in the box, in points from its lower left."""

    x: float
    y: float
    width: float
    height: float


def image_size(png: bytes) -> tuple[int, int]:
    with Image.open(BytesIO(png)) as image:
        width, height = image.size
    return width, height


def signer_image_place(png: bytes, width: float, height: float) -> Placed:
    """The handwritten image, as large as fits the top of the box, at its left."""
    pixels_w, pixels_h = image_size(png)
    area_h = height * SIGNER_IMAGE_SHARE
    scale = min(width / pixels_w, area_h / pixels_h)
    drawn_w, drawn_h = pixels_w * scale, pixels_h * scale
    return Placed(x=0.0, y=height - drawn_h, width=drawn_w, height=drawn_h)


def seal_image_place(width: float, height: float) -> Placed:
    """The seal, a square as high as the box, at its right end."""
    side = min(width, height)
    return Placed(x=width - side, y=0.0, width=side, height=side)


def stamp_style(
    lines: Sequence[str], width: float, height: float, visual: Visual | None = None
) -> StaticStampStyle:
    context: dict[str, object] = {
        "width": f"{width:.2f}",
        "height": f"{height:.2f}",
        "lines": list(lines),
        "top": "0",
        "right": "0",
    }
    placed: Placed | None = None
    if visual is not None and visual.layout == Layout.SIGNER:
        placed = signer_image_place(visual.image, width, height)
        context["top"] = f"{height * SIGNER_IMAGE_SHARE:.2f}"
    elif visual is not None:
        placed = seal_image_place(width, height)
        context["right"] = f"{placed.width:.2f}"
    html = RENDERER.html("signature_stamp.html", context)
    background = _PdfPage(
        RENDERER.pdf_from_html(html),
        image=visual.image if visual is not None else None,
        placed=placed,
    )
    return StaticStampStyle(background=background, border_width=0)


class _PdfPage(PdfContent):
    """The first page of a PDF held in memory, as a form XObject, with an
    image drawn over it."""

    def __init__(
        self, pdf: bytes, *, image: bytes | None = None, placed: Placed | None = None
    ) -> None:
        super().__init__()
        self.pdf = pdf
        self.image = image
        self.placed = placed

    def render(self) -> bytes:
        writer = self._ensure_writer
        reader = PdfFileReader(BytesIO(self.pdf))
        xobject = writer.import_page_as_xobject(reader)
        self.resources.xobject["/Lines"] = xobject
        x1, y1, x2, y2 = (float(number) for number in xobject.get_object()["/BBox"])
        self.box = BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        operators = b"/Lines Do"
        if self.image is not None and self.placed is not None:
            with Image.open(BytesIO(self.image)) as picture:
                picture.load()
                reference: generic.IndirectObject = pil_image(picture, writer)
            self.resources.xobject["/Img"] = reference
            p = self.placed
            operators += (
                f" q {p.width:.2f} 0 0 {p.height:.2f} {p.x:.2f} {p.y:.2f} cm /Img Do Q".encode()
            )
        return operators

"""Empty signature fields: where the signatures of a document will go.

The template (or a configured box) decides where each signature sits, and
the fields are laid out before the first signature. They have to be: after
a certification signature, even with DocMDP P=2, a validator (pyHanko,
Acrobat) accepts the signing of existing fields but not new visible ones, so
the organisation's seal field must exist before the leader certifies
(ISO 32000-1, 12.8.2.2; issue 12, point 2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields

from .appearance import signer_image_place
from .errors import SignatureErrorCode, SigningError
from .pdfinput import page_count, read_pdf


@dataclass(frozen=True)
class Box:
    """A visible signature's place: a page (0-based) and a rectangle in PDF
    points from the page's lower left corner."""

    page: int
    x1: int
    y1: int
    x2: int
    y2: int

    def check(self, reader: PdfFileReader) -> None:
        if not (0 <= self.page < page_count(reader) and self.x1 < self.x2 and self.y1 < self.y2):
            raise SigningError(SignatureErrorCode.INVALID_BOX)

    def spec(self, field_name: str) -> fields.SigFieldSpec:
        return fields.SigFieldSpec(
            sig_field_name=field_name,
            on_page=self.page,
            box=(self.x1, self.y1, self.x2, self.y2),
        )


def signature_fields(reader: PdfFileReader) -> dict[str, bool]:
    """The document's signature fields: name → already signed."""
    return {
        str(name): value is not None
        for name, value, _reference in fields.enumerate_sig_fields(reader)
    }


def field_size(reader: PdfFileReader, field_name: str) -> tuple[float, float] | None:
    """Width and height of a placeholder's widget; None if it is invisible."""
    for name, _value, reference in fields.enumerate_sig_fields(reader):
        if str(name) != field_name:
            continue
        field = reference.get_object()
        widget = field["/Kids"][0].get_object() if "/Kids" in field else field
        x1, y1, x2, y2 = (float(number) for number in widget.get("/Rect", (0, 0, 0, 0)))
        width, height = abs(x2 - x1), abs(y2 - y1)
        return (width, height) if width and height else None
    return None


def add_signature_fields(pdf: bytes, placements: Iterable[tuple[str, Box]]) -> bytes:
    """`pdf` with an empty signature field for each (name, box), in one revision."""
    reader = read_pdf(pdf)
    existing = signature_fields(reader)
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    for name, box in placements:
        box.check(reader)
        if name in existing:
            raise SigningError(SignatureErrorCode.FIELD_EXISTS, detail=name)
        fields.append_signature_field(writer, box.spec(name))
    output = BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]
    return output.getvalue()


# Width left of the seal for the organisation's name and the time.
SEAL_TEXT_WIDTH = 150
# The seal's side at most, in points (a round seal of about 36 mm).
SEAL_MAX_SIDE = 102


def seal_box(signer: Box, signer_image: bytes) -> Box:
    """The organisation's box for a signer's box, so that the seal (drawn at
    the right end of its box, appearance.seal_image_place) covers the left
    third of the signer's handwritten image (Decree 30/2020, Appendix I),
    centred on it vertically, with the organisation's name and the time to
    the seal's left."""
    width, height = signer.x2 - signer.x1, signer.y2 - signer.y1
    placed = signer_image_place(signer_image, width, height)
    side = min(SEAL_MAX_SIDE, height)
    right = signer.x1 + placed.x + placed.width / 3
    centre = signer.y1 + placed.y + placed.height / 2
    bottom = max(0, round(centre - side / 2))
    return Box(
        page=signer.page,
        x1=max(0, round(right - side - SEAL_TEXT_WIDTH)),
        y1=bottom,
        x2=round(right),
        y2=bottom + side,
    )

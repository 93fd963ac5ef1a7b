"""Filling a signed document's text fields in an incremental update.

After the leader signs, the clerk writes the document's number and date
(Decree 30/2020/NĐ-CP, art. 15: numbering happens at issue, after signing)
into text fields the template laid out. The fields' values and appearances
change in a new revision appended after the signed bytes; the signed bytes
stay as they were, and a certification signature with DocMDP P=2 permits
exactly this kind of change (see signing.sign_pdf).

The appearance of a value is drawn by WeasyPrint (printing/) in the same
fonts as the document, so Vietnamese diacritics show as they should; it
becomes the field's /AP stream, an object only that field refers to.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.platform.printing import PdfRenderer

from .errors import SignatureErrorCode, SigningError
from .pdfinput import read_pdf

RENDERER = PdfRenderer(Path(__file__).with_name("templates"))


def fill_text_fields(pdf: bytes, values: Mapping[str, str]) -> bytes:
    """`pdf` with the named text fields set to `values`, in one new revision."""
    read_pdf(pdf)
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    found = dict(_text_fields(writer))
    missing = sorted(set(values) - set(found))
    if missing:
        raise SigningError(SignatureErrorCode.FIELD_NOT_FOUND, detail=", ".join(missing))
    for name, value in values.items():
        reference = found[name]
        field = reference.get_object()  # type: ignore[no-untyped-call]
        field["/V"] = generic.TextStringObject(value)
        field["/AP"] = generic.DictionaryObject(  # type: ignore[no-untyped-call]
            {generic.NameObject("/N"): _appearance(writer, field, value)}
        )
        writer.mark_update(reference)
    output = BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]
    return output.getvalue()


def _text_fields(
    writer: IncrementalPdfFileWriter,
) -> Iterator[tuple[str, generic.IndirectObject]]:
    # Indexing dereferences; pyHanko writes /AcroForm as an indirect object
    # when it lays out the signature fields of a PDF that had no form.
    if "/AcroForm" not in writer.root:
        return
    form = writer.root["/AcroForm"]
    fields = form["/Fields"] if "/Fields" in form else []  # noqa: SIM401 - [] dereferences, get() not
    pending: list[tuple[str, generic.IndirectObject]] = [("", reference) for reference in fields]
    while pending:
        prefix, reference = pending.pop()
        field = reference.get_object()  # type: ignore[no-untyped-call]
        name = f"{prefix}{field.get('/T', '')}"
        kids = field.get("/Kids")
        if kids is not None and "/T" in kids[0].get_object():
            pending.extend((f"{name}.", kid) for kid in kids)
        elif field.get("/FT") == "/Tx":
            yield name, reference


def _appearance(
    writer: IncrementalPdfFileWriter, field: generic.DictionaryObject, value: str
) -> generic.IndirectObject:
    x1, y1, x2, y2 = (float(number) for number in field["/Rect"])
    width, height = abs(x2 - x1), abs(y2 - y1)
    html = RENDERER.html(
        "field_value.html",
        {
            "width": f"{width:.2f}",
            "height": f"{height:.2f}",
            "font_size": f"{min(12.0, height * 0.8):.1f}",
            "value": value,
        },
    )
    snippet = PdfFileReader(BytesIO(RENDERER.pdf_from_html(html)))
    appearance: generic.IndirectObject = writer.import_page_as_xobject(snippet)
    return appearance


def text_field_names(pdf: bytes) -> set[str]:
    """The names of the document's text fields (fully qualified)."""
    read_pdf(pdf)
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    return {name for name, _reference in _text_fields(writer)}

"""Reading the PDFs the views return: text, fonts and vector drawings."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


def reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def text(data: bytes) -> str:
    """All pages' text with runs of whitespace (line breaks) made one space."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader(data).pages)


def _resources(resources: DictionaryObject, seen: set[int]) -> list[DictionaryObject]:
    """Font dictionaries of a resource dictionary and the XObjects it draws."""
    found: list[DictionaryObject] = []
    fonts = resources.get("/Font")
    if fonts is not None:
        found.extend(f.get_object() for f in fonts.get_object().values())
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            if id(ref.get_object()) in seen:
                continue
            seen.add(id(ref.get_object()))
            inner = ref.get_object().get("/Resources")
            if inner is not None:
                found.extend(_resources(inner.get_object(), seen))
    return found


def fonts(data: bytes) -> dict[str, bool]:
    """Every font used, by base name: True when its program is embedded."""
    result: dict[str, bool] = {}
    seen: set[int] = set()
    for page in reader(data).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in _resources(resources.get_object(), seen):
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descendants = font["/DescendantFonts"].get_object()
                assert isinstance(descendants, ArrayObject)
                descendant = descendants[0].get_object()
                descriptor = descendant.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            result[str(font["/BaseFont"])] = embedded
    return result

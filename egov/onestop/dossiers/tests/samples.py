"""Real files for upload tests: the upload check opens them with pypdf and Pillow."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter


def pdf_bytes(title: str = "") -> bytes:
    """A one-page PDF; `title` goes into its metadata so two files differ."""
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    if title:
        writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(fmt: str = "PNG") -> bytes:
    """A 2×2 white image in `fmt` (PNG or JPEG)."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format=fmt)
    return buffer.getvalue()


PDF = pdf_bytes()
PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")

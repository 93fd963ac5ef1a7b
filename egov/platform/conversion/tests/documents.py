"""Test documents made on the spot: a DOCX and a scanned page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs: list[str]) -> bytes:
    """The smallest valid DOCX holding these paragraphs in Times New Roman."""
    runs = "".join(
        f'<w:p><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
        f"</w:rPr><w:t>{escape(text)}</w:t></w:r></w:p>"
        for text in paragraphs
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{runs}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def scanned_page(lines: list[str]) -> bytes:
    """An A4 page at 300 dpi with these lines drawn as pixels: a PDF with no text layer."""
    page = Image.new("L", (2480, 3508), color=255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(_FONT), 64)
    for number, line in enumerate(lines):
        draw.text((200, 300 + number * 140), line, fill=0, font=font)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=300.0)
    return buffer.getvalue()

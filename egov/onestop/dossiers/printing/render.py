"""The one-stop desk's print templates, rendered by the platform's offline PDF renderer.

The forms carry personal data (Decree 13/2023/NĐ-CP), so nothing in them may
make the server fetch a URL: `egov.platform.printing` refuses every scheme but
`file:`, and files outside the font folder and this module's templates.
"""

from __future__ import annotations

from pathlib import Path

from egov.platform.printing import PdfRenderer, RefusedURL

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

renderer = PdfRenderer(TEMPLATE_DIR)
html_to_pdf = renderer.pdf_from_html
render_pdf = renderer.pdf

__all__ = ["TEMPLATE_DIR", "RefusedURL", "html_to_pdf", "render_pdf", "renderer"]

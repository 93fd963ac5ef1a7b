"""HTML templates to PDF with WeasyPrint, offline: only local fonts are read.

The forms carry personal data (Decree 13/2023/NĐ-CP), so nothing in them may
make the server fetch a URL: the fetcher refuses every scheme but `file:`,
and files outside the font and template folders.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.template import Context, Engine
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
FONT_DIR = Path("/usr/share/fonts/truetype")
_ALLOWED_DIRS = (FONT_DIR, TEMPLATE_DIR)

# Templates live beside this module (printing is not an installed app), so
# they get their own engine; autoescaping protects the PDF from the data in it.
engine = Engine(
    dirs=[str(TEMPLATE_DIR)],
    libraries={"i18n": "django.templatetags.i18n"},
    autoescape=True,
)


class RefusedURL(ValueError):
    """A resource the PDF may not load."""


class LocalFileFetcher(URLFetcher):  # type: ignore[misc]
    """Reads `file:` URLs under the font and template folders; refuses the rest."""

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"Only local files may be loaded, not {url!r}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in _ALLOWED_DIRS):
            raise RefusedURL(f"{path} is outside the font and template folders")
        return super().fetch(path.as_uri(), headers)


def render_html(template: str, context: dict[str, Any]) -> str:
    with translation.override("vi"):
        return engine.get_template(template).render(Context(context))


def html_to_pdf(html: str) -> bytes:
    document = HTML(
        string=html,
        base_url=TEMPLATE_DIR.as_uri() + "/",
        url_fetcher=LocalFileFetcher(fail_on_errors=False),
    )
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)  # noqa: S101 - write_pdf() without a target returns bytes
    return pdf


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_html(template, context))

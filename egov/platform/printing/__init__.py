"""HTML templates to PDF with WeasyPrint, offline, for every domain.

A domain keeps its print templates in a folder of its own and makes one
`PdfRenderer` for it; the renderer loads only local fonts and files under
that folder, never a URL (the documents carry personal data, Decree
13/2023/NĐ-CP, and the machines have no internet).
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

FONT_DIR = Path("/usr/share/fonts/truetype")


class RefusedURL(ValueError):
    """A resource the PDF may not load."""


class LocalFileFetcher(URLFetcher):  # type: ignore[misc]
    """Reads `file:` URLs under the allowed folders; refuses the rest."""

    def __init__(self, allowed: tuple[Path, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._allowed = allowed

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"Only local files may be loaded, not {url!r}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._allowed):
            raise RefusedURL(f"{path} is outside the font and template folders")
        return super().fetch(path.as_uri(), headers)


class PdfRenderer:
    """Renders the templates of one folder to PDF, in Vietnamese."""

    def __init__(self, template_dir: Path) -> None:
        self.template_dir = template_dir
        # The templates are not an installed app's, so they get their own
        # engine; autoescaping protects the PDF from the data in it.
        self.engine = Engine(
            dirs=[str(template_dir)],
            libraries={"i18n": "django.templatetags.i18n"},
            autoescape=True,
        )

    def html(self, template: str, context: dict[str, Any]) -> str:
        with translation.override("vi"):
            return self.page_html(template, context)

    def page_html(self, template: str, context: dict[str, Any]) -> str:
        """A print template shown on a page: in the language the page speaks."""
        return self.engine.get_template(template).render(Context(context))

    def fetcher(self) -> LocalFileFetcher:
        """The fetcher every PDF of this folder uses: fonts and this folder only."""
        return LocalFileFetcher((FONT_DIR, self.template_dir), fail_on_errors=False)

    def pdf_from_html(self, html: str) -> bytes:
        document = HTML(
            string=html,
            base_url=self.template_dir.as_uri() + "/",
            url_fetcher=self.fetcher(),
        )
        pdf = document.write_pdf()
        assert isinstance(pdf, bytes)  # noqa: S101 - write_pdf() without a target returns bytes
        return pdf

    def pdf(self, template: str, context: dict[str, Any]) -> bytes:
        return self.pdf_from_html(self.html(template, context))

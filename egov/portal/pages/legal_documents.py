"""The legal and directing documents page of a unit's site (Decree 42/2022/NĐ-CP art. 4).

Published straight from the document office: the documents the unit issues
and marks public appear here once issued, with their metadata (Decree
30/2020 art. 8: number and notation, date, type, summary, signer) and the
issued PDF, read through the office's interface on every view (never copied,
so a recall or a correction shows at once). Anything else, a draft, a
document not public, a classified one or another unit's, answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from egov.office.interfaces import (
    PublicDocument,
    public_document,
    public_document_file,
    public_documents,
)
from egov.portal.pages.models import RICH_TEXT_FEATURES, PortalPage

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def route(pattern: str) -> Callable[[View], View]:
    """Wagtail's untyped `path` decorator, typed."""
    return cast(Callable[[View], View], path(pattern))


class LegalDocumentsPage(RoutablePageMixin, PortalPage):
    """The unit's public issued documents: the list, each document, its PDF."""

    intro = RichTextField(_("giới thiệu"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal_pages.UnitHomePage"]
    subpage_types: list[str] = []
    template = "portal_pages/legal_documents_page.html"

    class Meta:
        verbose_name = _("trang văn bản")
        verbose_name_plural = _("trang văn bản")

    def _unit_id(self) -> int | None:
        home = self.site_home()
        return home.unit_id if home is not None else None

    def _document(self, pk: int) -> PublicDocument:
        document = public_document(pk=pk)
        if document is None or document.body_id != self._unit_id():
            raise Http404
        return document

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        unit_id = self._unit_id()
        context["documents"] = public_documents(body_id=unit_id) if unit_id is not None else []
        return context

    @route("")
    def index(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.render(request)
        return response

    @route("<int:pk>/")
    def document(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self._document(pk)
        return TemplateResponse(
            request,
            "portal_pages/legal_document.html",
            {"page": self, "self": self, "document": document},
        )

    @route("<int:pk>/tep/")
    def document_file(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        document = self._document(pk)
        file = public_document_file(pk=document.pk)
        if file is None:
            raise Http404
        response = FileResponse(
            file.open("rb"),
            content_type="application/pdf",
            filename=f"{document.notation.replace('/', '-')}.pdf",
        )
        # Stored as issued (a PDF checked on upload); never sniffed as anything else.
        response["X-Content-Type-Options"] = "nosniff"
        return response

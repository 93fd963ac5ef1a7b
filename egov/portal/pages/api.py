"""The portal's content as structured data (Circular 22/2023/TT-BTTTT asks a
portal to store its content as data and share it through web services).

Read only and public: the sites, the live public pages with their fields,
one page, and the same search as /cong-thong-tin/tim-kiem/. A draft, an
expired page or a page behind a view restriction answers 404, as on the site.
Rich text comes as HTML with Wagtail's internal links expanded to URLs.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from egov.platform.core.errors import InvalidInput, NotFound
from egov.platform.core.schemas import ErrorOut
from egov.portal.pages.errors import PortalError
from egov.portal.pages.models import PortalPage, UnitHomePage
from egov.portal.pages.public_views import site_root
from egov.portal.pages.search import MAX_QUERY, PAGES_LABEL, search_everything

router = Router()
LIST_LIMIT = 200


class SiteOut(Schema):
    id: int
    title: str
    url: str
    unit_id: int
    unit_name: str
    parent_site_id: int | None


class PageOut(Schema):
    id: int
    type: str  # the page type's model name: "newsarticlepage", "organisationpage"...
    title: str
    url: str
    site_id: int | None
    parent_id: int | None
    decree_category: str
    first_published_at: datetime | None
    last_published_at: datetime | None


class PageDetailOut(PageOut):
    # The text fields the page type adds (rich text as HTML), by field name.
    fields: dict[str, str]
    date: date | None
    categories: list[str]


class PageListOut(Schema):
    count: int
    items: list[PageOut]


class PageFilters(Schema):
    site_id: int | None = None
    type: str = ""
    limit: int = Field(50, ge=1, le=LIST_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


class HitOut(Schema):
    title: str
    url: str
    summary: str
    date: date | None


class SectionOut(Schema):
    key: str
    label: str
    total: int
    hits: list[HitOut]
    more_url: str


class SearchOut(Schema):
    query: str
    total: int
    sections: list[SectionOut]


class SearchFilters(Schema):
    q: str = ""


def _published() -> Any:
    return Page.objects.live().public()


def _page_types() -> dict[str, type[Page]]:
    return {model._meta.model_name: model for model in PortalPage.__subclasses__()}


def _site_ids(pages: list[Page]) -> dict[int, int]:
    """Each page's site: the nearest unit home above it (itself for a home)."""
    homes = UnitHomePage.objects.live().values_list("pk", "path")
    by_path = {path: pk for pk, path in homes}
    found: dict[int, int] = {}
    for page in pages:
        for end in range(len(page.path), 0, -Page.steplen):
            home = by_path.get(page.path[:end])
            if home is not None:
                found[page.pk] = home
                break
    return found


def _out(page: Page, site_ids: dict[int, int], parents: dict[str, int]) -> dict[str, Any]:
    return {
        "id": page.pk,
        "type": page.specific_class._meta.model_name if page.specific_class else "",
        "title": page.title,
        "url": page.get_url() or page.url_path,
        "site_id": site_ids.get(page.pk),
        "parent_id": parents.get(page.path[: -Page.steplen]),
        "decree_category": getattr(page, "decree_category", ""),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def _parents(pages: list[Page]) -> dict[str, int]:
    paths = {page.path[: -Page.steplen] for page in pages if page.depth > 1}
    return dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))


@router.get("/sites", response=list[SiteOut], summary="Các trang thông tin điện tử của đơn vị")
def sites(request: HttpRequest) -> list[dict[str, Any]]:
    homes = list(UnitHomePage.objects.live().public().select_related("unit").order_by("path"))
    ids = {home.path: home.pk for home in homes}
    return [
        {
            "id": home.pk,
            "title": home.title,
            "url": home.get_url() or home.url_path,
            "unit_id": home.unit_id,
            "unit_name": home.unit.name,
            "parent_site_id": next(
                (
                    ids[home.path[:end]]
                    for end in range(len(home.path) - Page.steplen, 0, -Page.steplen)
                    if home.path[:end] in ids
                ),
                None,
            ),
        }
        for home in homes
    ]


@router.get(
    "/pages",
    response={200: PageListOut, 404: ErrorOut, 422: ErrorOut},
    summary="Các trang đã đăng của cổng (lọc theo trang đơn vị, loại trang)",
)
def pages(request: HttpRequest, filters: Query[PageFilters]) -> dict[str, Any]:
    found = _published().order_by("path")
    if filters.site_id is not None:
        home = UnitHomePage.objects.live().public().filter(pk=filters.site_id).first()
        if home is None:
            raise NotFound(PortalError.PAGE_NOT_FOUND, _("Không tìm thấy trang đơn vị."))
        found = found.descendant_of(home, inclusive=True)
    if filters.type:
        model = _page_types().get(filters.type)
        if model is None:
            raise InvalidInput(PortalError.UNKNOWN_PAGE_TYPE, _("Loại trang không có."))
        found = found.type(model)
    chosen = list(found[filters.offset : filters.offset + filters.limit])
    site_ids, parents = _site_ids(chosen), _parents(chosen)
    return {"count": found.count(), "items": [_out(page, site_ids, parents) for page in chosen]}


def _text_fields(page: Page) -> dict[str, str]:
    values: dict[str, str] = {}
    for field in type(page)._meta.concrete_fields:
        if field.model is Page or field.name == "decree_category":
            continue
        if isinstance(field, RichTextField):
            values[field.name] = expand_db_html(getattr(page, field.name) or "")
        elif isinstance(field, models.CharField | models.TextField):
            values[field.name] = str(getattr(page, field.name) or "")
    return values


@router.get(
    "/pages/{page_id}",
    response={200: PageDetailOut, 404: ErrorOut},
    summary="Một trang đã đăng của cổng, với nội dung",
)
def page_detail(request: HttpRequest, page_id: int) -> dict[str, Any]:
    base = _published().filter(pk=page_id).first()
    if base is None:
        raise NotFound(PortalError.PAGE_NOT_FOUND, _("Không tìm thấy trang."))
    page = base.specific
    categories = page.categories.all() if hasattr(page, "categories") else []
    return {
        **_out(page, _site_ids([page]), _parents([page])),
        "fields": _text_fields(page),
        "date": getattr(page, "date", None),
        "categories": [category.slug for category in categories],
    }


@router.get(
    "/search",
    response={200: SearchOut, 422: ErrorOut},
    summary="Tìm trên cổng: trang, thủ tục, hỏi đáp (có dấu hoặc không dấu)",
)
def search(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, Any]:
    if len(filters.q) > MAX_QUERY:
        raise InvalidInput(PortalError.QUERY_TOO_LONG, _("Từ khóa quá dài (tối đa 200 ký tự)."))
    root = site_root(request)
    if root is None:
        return {"query": filters.q, "total": 0, "sections": []}
    found = search_everything(root, filters.q)
    pages = {
        "key": "pages",
        "label": str(PAGES_LABEL),
        "total": found.pages.total,
        "hits": found.pages.hits,
        "more_url": "",
    }
    return {
        "query": found.query,
        "total": found.total,
        "sections": [
            pages,
            *(
                {
                    "key": s.key,
                    "label": s.label,
                    "total": s.found.total,
                    "hits": s.found.hits,
                    "more_url": s.more_url,
                }
                for s in found.sections
            ),
        ],
    }

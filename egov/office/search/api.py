"""Search and the register book in the REST API: the same selectors and checks as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.security import django_auth

from egov.office.documents.models import IncomingDocument, IncomingStatus
from egov.office.search import books
from egov.office.search.errors import SearchError
from egov.office.search.models import SearchEntry
from egov.office.search.selectors import Criteria, entries_for, search_incoming
from egov.office.search.text import MAX_QUERY_CHARS
from egov.platform.accounts.access import request_user
from egov.platform.core.errors import InvalidInput
from egov.platform.core.schemas import ErrorOut

router = Router(auth=django_auth)
MAX_LIMIT = 100


class OfficeSearchFilters(Schema):
    q: str = ""
    document_type_id: int | None = None
    register_id: int | None = None
    body_id: int | None = None
    arrived_from: date | None = None
    arrived_to: date | None = None
    status: Literal["", "awaiting", "in_progress", "completed"] = ""
    holder_unit_id: int | None = None
    holder_user: str = ""
    offset: int = 0
    limit: int = 20


class OfficeSearchHitOut(Schema):
    id: int
    body_id: int
    register_id: int
    register_year: int
    arrival_number: int
    arrived_at: datetime
    sender: str
    notation: str
    issued_on: date
    document_type: str
    summary: str
    status: str
    secrecy: str
    rank: float
    text_status: str
    text_status_label: str


class OfficeSearchOut(Schema):
    count: int
    # True: the words matched more documents than are ranked; `count` and the
    # results are the newest CANDIDATES matches (narrow with the filters).
    bounded: bool
    results: list[OfficeSearchHitOut]


class OfficeBookFilters(Schema):
    format: Literal["pdf", "xlsx"] = "pdf"
    date_from: date | None = None
    date_to: date | None = None


def _hit(document: IncomingDocument, entry: SearchEntry | None) -> OfficeSearchHitOut:
    return OfficeSearchHitOut(
        id=document.pk,
        body_id=document.body_id,
        register_id=document.register_id,
        register_year=document.register.year,
        arrival_number=document.arrival_number,
        arrived_at=document.arrived_at,
        sender=document.sender,
        notation=document.notation,
        issued_on=document.issued_on,
        document_type=document.document_type.name,
        summary=document.summary,
        status=document.status,
        secrecy=document.secrecy,
        rank=float(getattr(document, "search_rank", 0.0) or 0.0),
        text_status=entry.text_status if entry else "",
        text_status_label=entry.progress_label if entry else "",
    )


@router.get(
    "/search",
    response={200: OfficeSearchOut, 422: ErrorOut},
    summary="Tìm văn bản đến (có dấu hoặc không dấu), chỉ những văn bản được xem",
)
def search(request: HttpRequest, filters: Query[OfficeSearchFilters]) -> OfficeSearchOut:
    if len(filters.q) > MAX_QUERY_CHARS or len(filters.holder_user) > 100:
        raise InvalidInput(SearchError.QUERY_TOO_LONG, "Nội dung tìm kiếm quá dài.")
    if not 1 <= filters.limit <= MAX_LIMIT or filters.offset < 0:
        raise InvalidInput(
            SearchError.INVALID_FILTER,
            f"“limit” phải từ 1 đến {MAX_LIMIT}, “offset” không được âm.",
        )
    if filters.arrived_from and filters.arrived_to and filters.arrived_from > filters.arrived_to:
        raise InvalidInput(
            SearchError.INVALID_FILTER, "“arrived_from” phải trước hoặc bằng “arrived_to”."
        )
    if filters.status and filters.status not in IncomingStatus.values:
        raise InvalidInput(SearchError.INVALID_FILTER, "Trạng thái không hợp lệ.")
    results = search_incoming(
        request_user(request),
        Criteria(
            text=filters.q,
            document_type_id=filters.document_type_id,
            register_id=filters.register_id,
            body_id=filters.body_id,
            arrived_from=filters.arrived_from,
            arrived_to=filters.arrived_to,
            status=filters.status,
            holder_unit_id=filters.holder_unit_id,
            holder_user=filters.holder_user,
        ),
    )
    page = list(results.documents[filters.offset : filters.offset + filters.limit])
    entries = entries_for(page)
    return OfficeSearchOut(
        count=results.documents.count(),
        bounded=results.bounded,
        results=[_hit(d, entries.get(d.pk)) for d in page],
    )


@router.get(
    "/registers/{register_id}/book",
    response={200: None, 404: ErrorOut, 422: ErrorOut},
    summary="Sổ đăng ký văn bản đến (PDF hoặc XLSX) cho một khoảng thời gian",
)
def register_book(
    request: HttpRequest, register_id: int, filters: Query[OfficeBookFilters]
) -> HttpResponse:
    user = request_user(request)
    register = books.book_register(user, register_id)
    book = books.incoming_book(
        actor=user,
        register=register,
        date_from=filters.date_from,
        date_to=filters.date_to,
        fmt=filters.format,
    )
    return books.download(book, filters.format)

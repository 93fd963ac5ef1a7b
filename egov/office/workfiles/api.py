"""Work files in the REST API: the same services and checks as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.platform.core.schemas import ErrorOut

from . import selectors, services
from .access import may_draft
from .errors import WorkfileError
from .models import FileList, WorkFile, WorkFileItem

router = Router(auth=django_auth)
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class WorkfileOut(Schema):
    id: int
    unit_id: int
    year: int
    code: str
    notation: str
    title: str
    retention_years: int | None
    maintenance: str
    must_deposit: bool
    rights: str
    responsible: str
    status: str
    status_label: str
    start_date: date | None
    end_date: date | None
    doc_total: int
    page_total: int
    deposit_status: str
    deposit_due: date | None
    closed_at: datetime | None

    @staticmethod
    def resolve_unit_id(obj: WorkFile) -> int:
        return obj.file_list.unit_id

    @staticmethod
    def resolve_year(obj: WorkFile) -> int:
        return obj.file_list.year

    @staticmethod
    def resolve_code(obj: WorkFile) -> str:
        parts = [selectors.organ_id(obj.file_list.unit), str(obj.file_list.year), obj.notation]
        return ".".join(part for part in parts if part)

    @staticmethod
    def resolve_responsible(obj: WorkFile) -> str:
        return obj.responsible.username

    @staticmethod
    def resolve_status_label(obj: WorkFile) -> str:
        return str(obj.get_status_display())


class WorkfileItemOut(Schema):
    id: int
    ordinal: int
    kind: str
    incoming_id: int | None
    notation: str
    summary: str
    dated: date | None
    pages: int
    discard: str

    @staticmethod
    def resolve_notation(obj: WorkFileItem) -> str:
        return obj.incoming.notation if obj.incoming is not None else ""

    @staticmethod
    def resolve_summary(obj: WorkFileItem) -> str:
        return obj.incoming.summary if obj.incoming is not None else obj.note

    @staticmethod
    def resolve_pages(obj: WorkFileItem) -> int:
        return obj.incoming.pages if obj.incoming is not None else obj.note_pages


class WorkfileDetailOut(WorkfileOut):
    items: list[WorkfileItemOut]

    @staticmethod
    def resolve_items(obj: WorkFile) -> list[WorkFileItem]:
        return selectors.items(obj)


class WorkfileListOut(Schema):
    unit_id: int
    year: int
    status: str
    approved_at: datetime | None
    files: list[WorkfileOut]


class WorkfileEntryIn(Schema):
    notation: str
    title: str
    retention_years: int | None = None
    responsible: str  # username
    rights: Literal["public", "restricted"] = "restricted"


class WorkfileDocumentIn(Schema):
    incoming_id: int


class WorkfileNoteIn(Schema):
    text: str
    dated: date | None = None


class WorkfileMarkIn(Schema):
    discard: Literal["", "draft", "duplicate"]


def _file(user: User, file_id: int) -> WorkFile:
    return selectors.work_file_for_user(user, file_id)


@router.get("", response=list[WorkfileOut], summary="Hồ sơ công việc tôi lập")
def mine(request: HttpRequest) -> list[WorkFile]:
    return list(selectors.my_files(request_user(request))[:200])


def _listing_out(user: User, unit_id: int, year: int) -> dict[str, object]:
    """The list as WorkfileListOut reads it (the files validated from the rows)."""
    unit = selectors.unit_for_list(user, unit_id, year)
    listing: FileList | None = selectors.file_list(unit, year)
    return {
        "unit_id": unit.pk,
        "year": year,
        "status": listing.status if listing is not None else "draft",
        "approved_at": listing.approved_at if listing is not None else None,
        "files": selectors.list_files(listing),
    }


@router.get(
    "/units/{unit_id}/lists/{year}",
    response={200: WorkfileListOut, 404: ErrorOut},
    summary="Danh mục hồ sơ của một đơn vị trong năm",
)
def get_list(request: HttpRequest, unit_id: int, year: int) -> dict[str, object]:
    return _listing_out(request_user(request), unit_id, year)


@router.post(
    "/units/{unit_id}/lists/{year}/entries",
    response={201: WorkfileOut, **ERRORS},
    summary="Thêm hồ sơ vào dự thảo danh mục (văn thư, lãnh đạo)",
)
def add_entry(
    request: HttpRequest, unit_id: int, year: int, payload: WorkfileEntryIn
) -> Status[WorkFile]:
    user = request_user(request)
    unit = selectors.unit_for_list(user, unit_id, year)
    if not may_draft(user, unit):
        # Before looking the person up: no answer says which usernames exist.
        raise PermissionDenied(
            WorkfileError.NOT_ALLOWED,
            _("Chỉ văn thư, lãnh đạo phòng và lãnh đạo đơn vị được lập danh mục hồ sơ."),
        )
    responsible = User.objects.filter(username=payload.responsible, is_active=True).first()
    if responsible is None:
        raise InvalidInput(
            WorkfileError.RESPONSIBLE_NOT_ELIGIBLE, _("Không tìm thấy người lập hồ sơ.")
        )
    work_file = services.add_list_entry(
        actor=user,
        unit=unit,
        year=year,
        entry=services.Entry(
            notation=payload.notation,
            title=payload.title,
            retention_years=payload.retention_years,
            responsible=responsible,
            rights=payload.rights,
        ),
    )
    return Status(201, _file(user, work_file.pk))


@router.post(
    "/units/{unit_id}/lists/{year}/approve",
    response={200: WorkfileListOut, **ERRORS},
    summary="Lãnh đạo duyệt danh mục hồ sơ",
)
def approve(request: HttpRequest, unit_id: int, year: int) -> dict[str, object]:
    user = request_user(request)
    unit = selectors.unit_for_list(user, unit_id, year)
    services.approve_list(actor=user, unit=unit, year=year)
    return _listing_out(user, unit_id, year)


@router.get(
    "/{file_id}", response={200: WorkfileDetailOut, 404: ErrorOut}, summary="Một hồ sơ công việc"
)
def get_file(request: HttpRequest, file_id: int) -> WorkFile:
    return _file(request_user(request), file_id)


@router.post("/{file_id}/open", response={200: WorkfileDetailOut, **ERRORS}, summary="Mở hồ sơ")
def open_file(request: HttpRequest, file_id: int) -> WorkFile:
    user = request_user(request)
    services.open_file(actor=user, work_file=_file(user, file_id))
    return _file(user, file_id)


@router.post(
    "/{file_id}/documents",
    response={201: WorkfileItemOut, **ERRORS},
    summary="Đưa một văn bản đến vào hồ sơ",
)
def add_document(
    request: HttpRequest, file_id: int, payload: WorkfileDocumentIn
) -> Status[WorkFileItem]:
    user = request_user(request)
    item = services.add_document(
        actor=user, work_file=_file(user, file_id), document_id=payload.incoming_id
    )
    return Status(201, item)


@router.post(
    "/{file_id}/notes",
    response={201: WorkfileItemOut, **ERRORS},
    summary="Thêm ghi chú vào hồ sơ (multipart: nội dung và tệp PDF tùy chọn)",
)
def add_note(
    request: HttpRequest,
    file_id: int,
    payload: Form[WorkfileNoteIn],
    file: UploadedFile | None = File(None),  # type: ignore[type-arg]  # noqa: B008 - ninja's optional file
) -> Status[WorkFileItem]:
    user = request_user(request)
    item = services.add_note(
        actor=user,
        work_file=_file(user, file_id),
        text=payload.text,
        file=file,
        dated=payload.dated,
    )
    return Status(201, item)


@router.post(
    "/{file_id}/items/{item_id}/mark",
    response={200: WorkfileItemOut, **ERRORS},
    summary="Đánh dấu bản nháp, bản trùng (loại khi kết thúc hồ sơ)",
)
def mark(request: HttpRequest, file_id: int, item_id: int, payload: WorkfileMarkIn) -> WorkFileItem:
    user = request_user(request)
    return services.mark_item(
        actor=user, work_file=_file(user, file_id), item_id=item_id, discard=payload.discard
    )


@router.delete(
    "/{file_id}/items/{item_id}",
    response={204: None, **ERRORS},
    summary="Bỏ một văn bản, ghi chú khỏi hồ sơ đang lập",
)
def remove(request: HttpRequest, file_id: int, item_id: int) -> Status[None]:
    user = request_user(request)
    services.remove_item(actor=user, work_file=_file(user, file_id), item_id=item_id)
    return Status(204, None)


@router.post(
    "/{file_id}/close", response={200: WorkfileDetailOut, **ERRORS}, summary="Kết thúc hồ sơ"
)
def close(request: HttpRequest, file_id: int) -> WorkFile:
    user = request_user(request)
    services.close_file(actor=user, work_file=_file(user, file_id))
    return _file(user, file_id)


@router.post(
    "/{file_id}/deposit",
    response={200: WorkfileOut, **ERRORS},
    summary="Nộp lưu hồ sơ đã kết thúc vào lưu trữ cơ quan",
)
def deposit(request: HttpRequest, file_id: int) -> WorkFile:
    user = request_user(request)
    services.request_deposit(actor=user, work_file=_file(user, file_id))
    return _file(user, file_id)


@router.post(
    "/{file_id}/deposit/receive",
    response={200: WorkfileOut, **ERRORS},
    summary="Lưu trữ cơ quan xác nhận đã nhận hồ sơ nộp lưu",
)
def receive(request: HttpRequest, file_id: int) -> WorkFile:
    user = request_user(request)
    services.receive_deposit(actor=user, work_file=_file(user, file_id))
    return _file(user, file_id)

"""State changes of file lists and work files: each one audited in its transaction.

The order of a file's life (Decree 30/2020/NĐ-CP art. 28-30):
list entry (drafted) → list approved → file opened by the person responsible
→ documents and notes put in (and taken out) → file closed (drafts and
duplicates dropped, dates and totals computed) → handed to the archive
(requested) → received by the archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader

from egov.office.documents.files import checked_pdf
from egov.office.documents.models import IncomingDocument, Secrecy
from egov.office.documents.selectors import visible_incoming
from egov.platform.accounts.models import Membership, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from egov.platform.organisation.models import Unit

from .access import may_approve, may_draft, may_read_file, may_receive
from .errors import WorkfileError
from .models import (
    DepositStatus,
    Discard,
    FileList,
    FileListStatus,
    ItemKind,
    Rights,
    WorkFile,
    WorkFileItem,
    WorkFileStatus,
)
from .selectors import FIRST_YEAR, LAST_YEAR

NOTE_LIMIT = 2000
MAX_RETENTION = 100


def _audit(
    event: str, actor: User, target: FileList | WorkFile, unit: Unit, details: dict[str, Any]
) -> None:
    """The audit event, last: the chain head is the last lock a service takes."""
    record_event(
        event_type=f"office.workfile.{event}",
        actor=actor,
        target=target,
        unit=unit,
        details=details,
    )


def _text(value: str, label: str, *, limit: int) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise InvalidInput(
            WorkfileError.INVALID_FIELD,
            _("Cần nhập %(field)s.") % {"field": label},
            details={"field": label},
        )
    if len(text) > limit:
        raise InvalidInput(
            WorkfileError.INVALID_FIELD,
            _("%(field)s dài quá %(limit)s ký tự.") % {"field": label, "limit": limit},
            details={"field": label},
        )
    return text


@dataclass(frozen=True)
class Entry:
    """A line of the file list: code, title, retention (None: permanent), responsible."""

    notation: str
    title: str
    retention_years: int | None
    responsible: User
    rights: str = Rights.RESTRICTED


def _checked_entry(unit: Unit, entry: Entry) -> Entry:
    notation = "".join(_text(entry.notation, _("số và ký hiệu hồ sơ"), limit=30).split())
    title = _text(entry.title, _("tiêu đề hồ sơ"), limit=500)
    if entry.retention_years is not None and not 1 <= entry.retention_years <= MAX_RETENTION:
        raise InvalidInput(
            WorkfileError.INVALID_FIELD,
            _("Thời hạn bảo quản phải từ 1 đến 100 năm, hoặc để trống nếu vĩnh viễn."),
        )
    if entry.rights not in Rights.values:
        raise InvalidInput(WorkfileError.INVALID_FIELD, _("Chế độ sử dụng không hợp lệ."))
    works_here = Membership.objects.filter(
        user=entry.responsible, unit__path__startswith=unit.path, unit__is_active=True
    ).exists()
    if not entry.responsible.is_active or not works_here:
        raise InvalidInput(
            WorkfileError.RESPONSIBLE_NOT_ELIGIBLE,
            _("Người lập hồ sơ phải là cán bộ đang làm việc tại đơn vị."),
        )
    return Entry(
        notation=notation,
        title=title,
        retention_years=entry.retention_years,
        responsible=entry.responsible,
        rights=entry.rights,
    )


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(WorkfileError.INVALID_FIELD, _("Năm của danh mục không hợp lệ."))


def add_list_entry(*, actor: User, unit: Unit, year: int, entry: Entry) -> WorkFile:
    """Add a file to the unit's draft list of `year` (the list is made on first use)."""
    if not may_draft(actor, unit):
        raise PermissionDenied(
            WorkfileError.NOT_ALLOWED,
            _("Chỉ văn thư, lãnh đạo phòng và lãnh đạo đơn vị được lập danh mục hồ sơ."),
        )
    _check_year(year)
    entry = _checked_entry(unit, entry)
    with transaction.atomic(durable=True):
        FileList.objects.get_or_create(unit=unit, year=year)
        listing = FileList.objects.select_for_update().get(unit=unit, year=year)
        if listing.status != FileListStatus.DRAFT:
            raise Conflict(
                WorkfileError.LIST_APPROVED,
                _("Danh mục hồ sơ năm %(year)s đã được duyệt, không thêm được.") % {"year": year},
            )
        if listing.files.filter(notation=entry.notation).exists():
            raise Conflict(
                WorkfileError.CODE_TAKEN,
                _("Danh mục đã có hồ sơ số %(code)s.") % {"code": entry.notation},
            )
        work_file = WorkFile.objects.create(
            file_list=listing,
            notation=entry.notation,
            title=entry.title,
            retention_years=entry.retention_years,
            rights=entry.rights,
            responsible=entry.responsible,
        )
        _audit(
            "list_entry_added",
            actor,
            work_file,
            unit,
            {
                "year": year,
                "notation": entry.notation,
                "title": entry.title,
                "retention_years": entry.retention_years,
                "responsible": entry.responsible.pk,
            },
        )
    return work_file


def approve_list(*, actor: User, unit: Unit, year: int) -> FileList:
    """The leader approves the list at the start of the year (art. 28): it is frozen."""
    if not may_approve(actor, unit):
        raise PermissionDenied(
            WorkfileError.NOT_ALLOWED, _("Chỉ lãnh đạo được duyệt danh mục hồ sơ.")
        )
    _check_year(year)
    with transaction.atomic(durable=True):
        listing = FileList.objects.select_for_update().filter(unit=unit, year=year).first()
        if listing is None or not listing.files.exists():
            raise InvalidInput(
                WorkfileError.LIST_EMPTY, _("Danh mục hồ sơ chưa có hồ sơ nào để duyệt.")
            )
        if listing.status != FileListStatus.DRAFT:
            raise Conflict(WorkfileError.LIST_APPROVED, _("Danh mục hồ sơ đã được duyệt."))
        listing.status = FileListStatus.APPROVED
        listing.approved_at = timezone.now()
        listing.approved_by = actor
        listing.save(update_fields=["status", "approved_at", "approved_by"])
        _audit(
            "list_approved", actor, listing, unit, {"year": year, "files": listing.files.count()}
        )
    return listing


def _locked(actor: User, work_file_id: int) -> WorkFile:
    work_file = (
        WorkFile.objects.select_for_update()
        .select_related("file_list__unit")
        .filter(pk=work_file_id)
        .first()
    )
    if work_file is None or not may_read_file(
        actor, work_file.file_list.unit, work_file.responsible_id
    ):
        # Never say whether a file exists to someone who may not read it.
        raise NotFound(WorkfileError.NOT_FOUND, _("Không tìm thấy hồ sơ."))
    return work_file


def _making(actor: User, work_file_id: int, *, status: str = WorkFileStatus.OPEN) -> WorkFile:
    """The file locked for its maker, in the state the action needs."""
    work_file = _locked(actor, work_file_id)
    if work_file.responsible_id != actor.pk:
        raise PermissionDenied(
            WorkfileError.NOT_ALLOWED, _("Chỉ người được giao lập hồ sơ mới thay đổi được hồ sơ.")
        )
    if work_file.status != status:
        message = {
            WorkFileStatus.PLANNED: _("Hồ sơ đã được mở."),
            WorkFileStatus.OPEN: _("Hồ sơ chưa mở hoặc đã kết thúc: không thay đổi được."),
            WorkFileStatus.CLOSED: _("Hồ sơ chưa kết thúc."),
        }[WorkFileStatus(status)]
        raise Conflict(WorkfileError.WRONG_STATE, message)
    return work_file


def open_file(*, actor: User, work_file: WorkFile) -> WorkFile:
    with transaction.atomic(durable=True):
        locked = _making(actor, work_file.pk, status=WorkFileStatus.PLANNED)
        if locked.file_list.status != FileListStatus.APPROVED:
            raise Conflict(
                WorkfileError.LIST_NOT_APPROVED,
                _("Danh mục hồ sơ chưa được duyệt: chưa mở được hồ sơ."),
            )
        locked.status = WorkFileStatus.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at"])
        _audit("opened", actor, locked, locked.file_list.unit, {"notation": locked.notation})
    return locked


def _next_ordinal(work_file: WorkFile) -> int:
    last = work_file.items.aggregate(last=Max("ordinal"))["last"]
    return (last or 0) + 1


def add_document(*, actor: User, work_file: WorkFile, document_id: int) -> WorkFileItem:
    """Put an incoming document the maker may see into the file (it may be in others too)."""
    with transaction.atomic(durable=True):
        locked = _making(actor, work_file.pk)
        document: IncomingDocument | None = (
            visible_incoming(actor).filter(pk=document_id).first()
            if 0 < document_id < 2**63
            else None
        )
        if document is None:
            raise NotFound(WorkfileError.NOT_FOUND, _("Không tìm thấy văn bản."))
        if document.secrecy != Secrecy.NONE:
            raise InvalidInput(
                WorkfileError.SECRET_DOCUMENT,
                _("Văn bản mật được lập hồ sơ riêng, không đưa vào hồ sơ công việc này."),
            )
        if locked.items.filter(incoming=document).exists():
            raise Conflict(WorkfileError.ALREADY_IN_FILE, _("Văn bản này đã có trong hồ sơ."))
        try:
            with transaction.atomic():
                item = WorkFileItem.objects.create(
                    work_file=locked,
                    kind=ItemKind.INCOMING,
                    incoming=document,
                    ordinal=_next_ordinal(locked),
                    added_by=actor,
                )
        except IntegrityError as error:  # pragma: no cover - the row lock prevents it
            raise Conflict(
                WorkfileError.ALREADY_IN_FILE, _("Văn bản này đã có trong hồ sơ.")
            ) from error
        _audit(
            "document_added",
            actor,
            locked,
            locked.file_list.unit,
            {"item": item.pk, "incoming": document.pk, "notation": document.notation},
        )
    return item


def add_note(
    *,
    actor: User,
    work_file: WorkFile,
    text: str,
    file: UploadedFile | None = None,
    dated: date | None = None,
) -> WorkFileItem:
    """A note of the maker, with an optional PDF (a draft, minutes, a working paper)."""
    note = _text(text, _("nội dung ghi chú"), limit=NOTE_LIMIT)
    upload = checked_pdf(file) if file is not None else None
    pages = len(PdfReader(upload, strict=False).pages) if upload is not None else 0
    if upload is not None:
        upload.seek(0)
    item = WorkFileItem(
        kind=ItemKind.NOTE,
        note=note,
        note_date=dated or timezone.localdate(),
        note_pages=pages,
        added_by=actor,
    )
    try:
        with transaction.atomic(durable=True):
            locked = _making(actor, work_file.pk)
            item.work_file = locked
            item.ordinal = _next_ordinal(locked)
            if upload is not None:
                item.note_file.save(upload.name or "ghi-chu.pdf", upload, save=False)
            item.save()
            _audit(
                "note_added",
                actor,
                locked,
                locked.file_list.unit,
                {"item": item.pk, "pages": pages},
            )
    except BaseException:
        # The row rolled back; the file the storage wrote did not.
        if item.note_file.name:
            item.note_file.storage.delete(item.note_file.name)
        raise
    return item


def mark_item(*, actor: User, work_file: WorkFile, item_id: int, discard: str) -> WorkFileItem:
    """Mark an item as a draft or a duplicate (dropped at closing), or keep it again."""
    if discard not in Discard.values:
        raise InvalidInput(WorkfileError.INVALID_FIELD, _("Đánh dấu không hợp lệ."))
    with transaction.atomic(durable=True):
        locked = _making(actor, work_file.pk)
        item = locked.items.filter(pk=item_id).first() if 0 < item_id < 2**63 else None
        if item is None:
            raise NotFound(WorkfileError.NOT_FOUND, _("Không tìm thấy văn bản trong hồ sơ."))
        item.discard = discard
        item.save(update_fields=["discard"])
        _audit(
            "item_marked",
            actor,
            locked,
            locked.file_list.unit,
            {"item": item.pk, "discard": discard},
        )
    return item


def _drop_files_after_commit(names: list[str], item: WorkFileItem) -> None:
    storage = item.note_file.storage
    for name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))  # type: ignore[misc]


def remove_item(*, actor: User, work_file: WorkFile, item_id: int) -> None:
    """Take a document or note out of an open file."""
    with transaction.atomic(durable=True):
        locked = _making(actor, work_file.pk)
        item = locked.items.filter(pk=item_id).first() if 0 < item_id < 2**63 else None
        if item is None:
            raise NotFound(WorkfileError.NOT_FOUND, _("Không tìm thấy văn bản trong hồ sơ."))
        details = {"item": item.pk, "kind": item.kind, "incoming": item.incoming_id}
        if item.note_file.name:
            _drop_files_after_commit([item.note_file.name], item)
        item.delete()
        _audit("item_removed", actor, locked, locked.file_list.unit, details)


def close_file(*, actor: User, work_file: WorkFile) -> WorkFile:
    """Close the file (art. 29): drop drafts and duplicates, order by date, count.

    StartDate and EndDate are the dates of the earliest and the latest
    document or note; DocTotal counts what stays; PageTotal adds the pages
    recorded for each document and the pages of each note's PDF.
    """
    with transaction.atomic(durable=True):
        locked = _making(actor, work_file.pk)
        dropped = list(locked.items.exclude(discard=Discard.KEEP))
        kept = list(
            locked.items.filter(discard=Discard.KEEP).select_related("incoming").order_by("pk")
        )
        if not kept:
            raise InvalidInput(
                WorkfileError.EMPTY_FILE,
                _("Hồ sơ chưa có văn bản, tài liệu nào được giữ lại: chưa kết thúc được."),
            )
        for item in dropped:
            if item.note_file.name:
                _drop_files_after_commit([item.note_file.name], item)
        locked.items.exclude(discard=Discard.KEEP).delete()
        kept.sort(key=lambda item: (item.dated or date.min, item.ordinal, item.pk))
        for ordinal, item in enumerate(kept, start=1):
            item.ordinal = ordinal
        WorkFileItem.objects.bulk_update(kept, ["ordinal"])
        dates = [item.dated for item in kept if item.dated is not None]
        locked.start_date = min(dates) if dates else None
        locked.end_date = max(dates) if dates else None
        locked.doc_total = len(kept)
        locked.page_total = sum(
            item.incoming.pages if item.incoming is not None else item.note_pages for item in kept
        )
        locked.status = WorkFileStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(
            update_fields=[
                "start_date",
                "end_date",
                "doc_total",
                "page_total",
                "status",
                "closed_at",
            ]
        )
        _audit(
            "closed",
            actor,
            locked,
            locked.file_list.unit,
            {
                "dropped": [item.pk for item in dropped],
                "doc_total": locked.doc_total,
                "page_total": locked.page_total,
            },
        )
    return locked


def request_deposit(*, actor: User, work_file: WorkFile) -> WorkFile:
    """The maker hands the closed file to the agency's archive (nộp lưu, art. 30)."""
    with transaction.atomic(durable=True):
        locked = _making(actor, work_file.pk, status=WorkFileStatus.CLOSED)
        if locked.deposit_status != DepositStatus.NONE:
            raise Conflict(WorkfileError.DEPOSIT_STATE, _("Hồ sơ đã được nộp lưu."))
        locked.deposit_status = DepositStatus.REQUESTED
        locked.deposit_requested_at = timezone.now()
        locked.deposit_requested_by = actor
        locked.save(
            update_fields=["deposit_status", "deposit_requested_at", "deposit_requested_by"]
        )
        _audit(
            "deposit_requested",
            actor,
            locked,
            locked.file_list.unit,
            {"notation": locked.notation, "must_deposit": locked.must_deposit},
        )
    return locked


def receive_deposit(*, actor: User, work_file: WorkFile) -> WorkFile:
    """The agency's archive (its clerks) confirms it received the file."""
    with transaction.atomic(durable=True):
        locked = _locked(actor, work_file.pk)
        if not may_receive(actor, locked.file_list.unit):
            raise PermissionDenied(
                WorkfileError.NOT_ALLOWED, _("Chỉ văn thư, lưu trữ cơ quan nhận hồ sơ nộp lưu.")
            )
        if locked.deposit_status != DepositStatus.REQUESTED:
            raise Conflict(
                WorkfileError.DEPOSIT_STATE, _("Hồ sơ chưa được nộp lưu hoặc đã được nhận.")
            )
        locked.deposit_status = DepositStatus.RECEIVED
        locked.deposit_received_at = timezone.now()
        locked.deposit_received_by = actor
        locked.save(update_fields=["deposit_status", "deposit_received_at", "deposit_received_by"])
        _audit(
            "deposit_received", actor, locked, locked.file_list.unit, {"notation": locked.notation}
        )
    return locked

"""State changes of the records register (issue 19, item 2): open a year, add a kind, roll over.

The agency's head, leader or administrator keeps it. Every change writes its
audit event in its own transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.quality.audits.services import MANAGERS
from egov.onestop.quality.content import RECORDS, RETENTION
from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.models import DocumentKind, EditionStatus, QualityProcedure
from egov.onestop.quality.records.models import QualityRecord, RecordRegister, RecordSource
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit

# Section 7's rows (content.RECORDS), in order, and the platform's source of each.
SEED_SOURCES = (RecordSource.DOSSIERS, RecordSource.CONTROL_SLIPS, RecordSource.REGISTER)
assert len(SEED_SOURCES) == len(RECORDS)  # noqa: S101 - a wiring check at import


def _deny() -> PermissionDenied:
    return PermissionDenied(
        QualityError.PERMISSION_DENIED,
        _("Chỉ lãnh đạo hoặc quản trị của cơ quan được quản lý danh mục hồ sơ."),
    )


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(
        QualityError.INVALID_RECORD, message, details={"fields": {field: [message]}}
    )


def _seed_rows(document: QualityProcedure) -> list[tuple[str, str, str]]:
    """Section 7 of the edition in force (else the latest): name, location, retention note."""
    edition = (
        document.editions.filter(status=EditionStatus.APPROVED).first()
        or document.editions.order_by("-number").first()
    )
    rows = edition.content.get("records", []) if edition is not None else []
    if not rows:
        rows = [[name, where, RETENTION] for name, where in RECORDS]
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


@transaction.atomic(durable=True)
def open_register(*, actor: User, document: QualityProcedure, year: int) -> RecordRegister:
    """A procedure's first register, from section 7 of its quality procedure."""
    if not has_role_over(actor, document.agency, MANAGERS):
        raise _deny()
    if document.kind != DocumentKind.PROCEDURE:
        raise _invalid("year", _("Chỉ quy trình ISO của thủ tục có danh mục hồ sơ."))
    if not 2000 <= year <= 2100:
        raise _invalid("year", _("Năm không hợp lệ."))
    if RecordRegister.objects.filter(document=document, year=year).exists():
        raise Conflict(
            QualityError.INVALID_RECORD,
            _("Quy trình đã có danh mục hồ sơ năm %(year)s.") % {"year": year},
        )
    register = RecordRegister.objects.create(document=document, year=year, created_by=actor)
    records = []
    for position, (name, where, note) in enumerate(_seed_rows(document), start=1):
        source = SEED_SOURCES[position - 1] if position <= len(SEED_SOURCES) else "other"
        records.append(
            QualityRecord(
                register=register,
                position=position,
                name=name[:300],
                source=source,
                location=where[:300],
                retention_note=note[:300],
            )
        )
    QualityRecord.objects.bulk_create(records)
    record_event(
        event_type="quality.records_opened",
        actor=actor,
        target=register,
        unit=document.agency,
        details={"document": document.code, "year": year, "records": len(records)},
    )
    return register


@transaction.atomic(durable=True)
def add_record(
    *,
    actor: User,
    register: RecordRegister,
    name: str,
    source: str,
    location: str = "",
    retention_years: int | None = None,
    retention_note: str = "",
) -> QualityRecord:
    locked = (
        RecordRegister.objects.select_for_update()
        .select_related("document__agency")
        .get(pk=register.pk)
    )
    if not has_role_over(actor, locked.document.agency, MANAGERS):
        raise _deny()
    text = name.strip()
    if not text or len(text) > 300:
        raise _invalid("name", _("Hãy ghi tên hồ sơ (tối đa 300 ký tự)."))
    if source not in RecordSource.values:
        raise _invalid("source", _("Hãy chọn nơi lưu trên hệ thống."))
    if source == RecordSource.OTHER and not location.strip():
        raise _invalid("location", _("Hồ sơ lưu ngoài hệ thống cần ghi nơi lưu."))
    if len(location.strip()) > 300 or len(retention_note.strip()) > 300:
        raise _invalid("location", _("Nơi lưu và căn cứ tối đa 300 ký tự."))
    if retention_years is not None and not 1 <= retention_years <= 100:
        raise _invalid("retention_years", _("Thời hạn lưu từ 1 đến 100 năm."))
    last = locked.records.order_by("-position").values_list("position", flat=True).first()
    record = QualityRecord.objects.create(
        register=locked,
        position=(last or 0) + 1,
        name=text,
        source=source,
        location=location.strip(),
        retention_years=retention_years,
        retention_note=retention_note.strip(),
    )
    record_event(
        event_type="quality.record_added",
        actor=actor,
        target=record,
        unit=locked.document.agency,
        details={"register": locked.pk, "position": record.position, "source": source},
    )
    return record


@transaction.atomic(durable=True)
def roll_over(*, actor: User, agency: Unit, year: int) -> list[RecordRegister]:
    """Carry every `year` register of the agency's procedures into `year + 1`.

    The kinds, sources, locations and retention are copied (the records
    themselves are the platform's, linked by year). A procedure already
    carried forward is left as it is, so running it twice changes nothing.
    """
    if not has_role_over(actor, agency, MANAGERS):
        raise _deny()
    sources = list(
        RecordRegister.objects.select_for_update()
        .filter(document__agency=agency, year=year)
        .select_related("document")
        .order_by("pk")
    )
    if not sources:
        raise _invalid("year", _("Cơ quan chưa có danh mục hồ sơ năm %(year)s.") % {"year": year})
    done = set(
        RecordRegister.objects.filter(document__agency=agency, year=year + 1).values_list(
            "document_id", flat=True
        )
    )
    created: list[RecordRegister] = []
    for source in sources:
        if source.document_id in done:
            continue
        register = RecordRegister.objects.create(
            document=source.document, year=year + 1, carried_from=source, created_by=actor
        )
        QualityRecord.objects.bulk_create(
            QualityRecord(
                register=register,
                position=r.position,
                name=r.name,
                source=r.source,
                location=r.location,
                retention_years=r.retention_years,
                retention_note=r.retention_note,
            )
            for r in source.records.order_by("position")
        )
        created.append(register)
    record_event(
        event_type="quality.records_rolled_over",
        actor=actor,
        target=agency,
        unit=agency,
        details={"from": year, "to": year + 1, "documents": [r.document.code for r in created]},
    )
    return created

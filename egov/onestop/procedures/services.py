"""State changes of the procedure catalogue. The only way procedures change.

A procedure is described by a `ProcedureSpec` (what the national catalogue
publishes); `create_procedure`, `update_procedure` and `upsert_procedure`
write it with its documents and an audit event in one transaction.

The transactions are not `durable`: the importer runs each row in its own
savepoint, and the demo loader runs the whole import inside its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.events import ProcedureChanged
from egov.onestop.procedures.errors import ProcedureError
from egov.onestop.procedures.models import (
    Field,
    OnlineClass,
    Procedure,
    ProcedureDocument,
    ProcedureLevel,
    procedure_code_validator,
)
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.core.events import publish

CHANNELS = ("direct", "online", "postal")


@dataclass(frozen=True)
class DocumentSpec:
    """One document of the dossier (thành phần hồ sơ)."""

    name: str
    originals: int = 1
    copies: int = 0
    required: bool = True
    form_template: str = ""
    filled_by_eform: bool = False


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    field_name: str
    level: str
    implementing_agency: str
    result_type: str
    channels: frozenset[str] = frozenset({"direct"})
    processing_days: Decimal | None = None
    processing_hours: Decimal | None = None
    fee_vnd: int = 0
    charge_vnd: int = 0
    fee_online_vnd: int | None = None
    charge_online_vnd: int | None = None
    fee_set_by_council: bool = False
    fee_note: str = ""
    legal_basis: str = ""
    conditions: str = ""
    online_class: str = OnlineClass.NONE
    unverified: str = ""
    documents: tuple[DocumentSpec, ...] = field(default_factory=tuple)


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def _invalid(code: ProcedureError, message: str) -> InvalidInput:
    return InvalidInput(code, message)


def validate_spec(spec: ProcedureSpec) -> None:
    """Reject a spec the catalogue cannot hold, with a message for people."""
    try:
        procedure_code_validator(spec.code)
    except ValidationError as exc:
        raise _invalid(
            ProcedureError.INVALID_PROCEDURE_CODE, _("Mã thủ tục không đúng dạng (ví dụ 1.001193).")
        ) from exc
    if not spec.name.strip():
        raise _invalid(ProcedureError.MISSING_NAME, _("Thiếu tên thủ tục."))
    if not spec.field_name.strip():
        raise _invalid(ProcedureError.MISSING_FIELD, _("Thiếu lĩnh vực."))
    if spec.level not in ProcedureLevel.values:
        raise _invalid(
            ProcedureError.UNKNOWN_LEVEL,
            _("Cấp thực hiện không hợp lệ: “%s” (dùng province, commune hoặc central).")
            % spec.level,
        )
    if not spec.implementing_agency.strip():
        raise _invalid(ProcedureError.MISSING_AGENCY, _("Thiếu cơ quan thực hiện."))
    if not spec.result_type.strip():
        raise _invalid(ProcedureError.MISSING_RESULT, _("Thiếu kết quả thực hiện."))
    unknown = sorted(spec.channels - set(CHANNELS))
    if unknown or not spec.channels:
        raise _invalid(
            ProcedureError.UNKNOWN_CHANNEL,
            _("Cách thức thực hiện không hợp lệ (dùng direct, online, postal)."),
        )
    if spec.online_class not in OnlineClass.values:
        raise _invalid(
            ProcedureError.UNKNOWN_ONLINE_CLASS,
            _("Mức dịch vụ công trực tuyến không hợp lệ: “%s” (dùng full, partial hoặc none).")
            % spec.online_class,
        )
    _validate_time(spec)
    online = (spec.fee_online_vnd or 0, spec.charge_online_vnd or 0)
    if spec.fee_vnd < 0 or spec.charge_vnd < 0 or min(online) < 0:
        raise _invalid(ProcedureError.NEGATIVE_FEE, _("Phí, lệ phí không được âm."))
    for number, document in enumerate(spec.documents, start=1):
        if not document.name.strip():
            raise _invalid(
                ProcedureError.INVALID_DOCUMENT,
                _("Thành phần hồ sơ thứ %d thiếu tên giấy tờ.") % number,
            )
        if document.originals < 0 or document.copies < 0:
            raise _invalid(
                ProcedureError.INVALID_DOCUMENT,
                _("Thành phần hồ sơ thứ %d có số bản chính hoặc bản sao âm.") % number,
            )


def _validate_time(spec: ProcedureSpec) -> None:
    days, hours = spec.processing_days, spec.processing_hours
    if days is not None and hours is not None:
        raise _invalid(
            ProcedureError.BOTH_TIME_UNITS,
            _("Chỉ ghi thời hạn giải quyết theo ngày hoặc theo giờ, không ghi cả hai."),
        )
    if days is None and hours is None:
        raise _invalid(ProcedureError.MISSING_PROCESSING_TIME, _("Thiếu thời hạn giải quyết."))
    value = days if days is not None else hours
    if value is not None and (value < 0 or value >= Decimal(10000)):
        raise _invalid(
            ProcedureError.INVALID_PROCESSING_TIME,
            _("Thời hạn giải quyết phải từ 0 đến dưới 10.000."),
        )


def _check_actor(actor: User | None) -> None:
    """The catalogue is province-wide data: platform administrators edit it.

    `actor=None` is the system itself (import command, demo loader).
    """
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(
            ProcedureError.PERMISSION_DENIED, _("Chỉ quản trị nền tảng được sửa danh mục thủ tục.")
        )


def field_named(*, actor: User | None, name: str) -> Field:
    """The field (lĩnh vực) with that name, created (and audited) if new."""
    clean = " ".join(name.split())
    existing = Field.objects.filter(name=clean).first()
    if existing is not None:
        return existing
    created = Field.objects.create(name=clean)
    record_event(
        event_type="procedures.field_created",
        actor=actor,
        target=created,
        details={"name": created.name},
    )
    return created


def _values(spec: ProcedureSpec) -> dict[str, Any]:
    def as_decimal(value: Decimal | None) -> Decimal | None:
        return None if value is None else Decimal(value).quantize(Decimal("0.01"))

    return {
        "name": " ".join(spec.name.split()),
        "level": spec.level,
        "implementing_agency": spec.implementing_agency.strip(),
        "channel_direct": "direct" in spec.channels,
        "channel_online": "online" in spec.channels,
        "channel_postal": "postal" in spec.channels,
        "processing_days": as_decimal(spec.processing_days),
        "processing_hours": as_decimal(spec.processing_hours),
        "fee_vnd": spec.fee_vnd,
        "charge_vnd": spec.charge_vnd,
        "fee_online_vnd": spec.fee_online_vnd,
        "charge_online_vnd": spec.charge_online_vnd,
        "fee_set_by_council": spec.fee_set_by_council,
        "fee_note": spec.fee_note.strip(),
        "result_type": spec.result_type.strip(),
        "legal_basis": spec.legal_basis.strip(),
        "conditions": spec.conditions.strip(),
        "online_class": spec.online_class,
        "unverified": spec.unverified.strip(),
    }


DocumentRow = tuple[str, int, int, bool, str, bool]


def _document_rows(documents: tuple[DocumentSpec, ...]) -> list[DocumentRow]:
    return [
        (
            " ".join(d.name.split()),
            d.originals,
            d.copies,
            d.required,
            d.form_template.strip(),
            d.filled_by_eform,
        )
        for d in documents
    ]


def _stored_documents(procedure: Procedure) -> list[DocumentRow]:
    return [
        (d.name, d.originals, d.copies, d.required, d.form_template, d.filled_by_eform)
        for d in procedure.documents.order_by("position", "pk")
    ]


def _write_documents(procedure: Procedure, rows: list[DocumentRow]) -> None:
    # Replaced as a whole: the catalogue publishes the list as one unit, and
    # dossiers keep their own copy of what was submitted. A blank template an
    # administrator uploaded stays with the document of the same name.
    templates = {
        d.name: d.template_file.name
        for d in procedure.documents.exclude(template_file="")
        if d.template_file.name
    }
    procedure.documents.all().delete()
    ProcedureDocument.objects.bulk_create(
        ProcedureDocument(
            procedure=procedure,
            position=position,
            name=name,
            originals=originals,
            copies=copies,
            required=required,
            form_template=form_template,
            filled_by_eform=filled_by_eform,
            template_file=templates.get(name, ""),
        )
        for position, (
            name,
            originals,
            copies,
            required,
            form_template,
            filled_by_eform,
        ) in enumerate(rows, 1)
    )


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def create_procedure(
    *, actor: User | None, spec: ProcedureSpec, source: str | None = None
) -> Procedure:
    _check_actor(actor)
    validate_spec(spec)
    if Procedure.objects.filter(code=spec.code).exists():
        raise Conflict(
            ProcedureError.PROCEDURE_CODE_TAKEN,
            _("Mã thủ tục %s đã có trong danh mục.") % spec.code,
        )
    return _create(actor=actor, spec=spec, source=source)


def _create(*, actor: User | None, spec: ProcedureSpec, source: str | None) -> Procedure:
    procedure = Procedure(
        code=spec.code, field=field_named(actor=actor, name=spec.field_name), **_values(spec)
    )
    procedure.save()
    rows = _document_rows(spec.documents)
    _write_documents(procedure, rows)
    details: dict[str, Any] = {"code": procedure.code, "documents": len(rows)}
    if source:
        details["source"] = source
    record_event(
        event_type="procedures.procedure_created", actor=actor, target=procedure, details=details
    )
    return procedure


@transaction.atomic
def update_procedure(
    *, actor: User | None, procedure: Procedure, spec: ProcedureSpec, source: str | None = None
) -> tuple[Procedure, Outcome]:
    """Apply `spec` to `procedure`; nothing is written when nothing differs."""
    _check_actor(actor)
    validate_spec(spec)
    if spec.code != procedure.code:
        raise InvalidInput(ProcedureError.PROCEDURE_CODE_FIXED, _("Không được đổi mã thủ tục."))
    return _update(actor=actor, procedure=procedure, spec=spec, source=source)


def _update(
    *, actor: User | None, procedure: Procedure, spec: ProcedureSpec, source: str | None
) -> tuple[Procedure, Outcome]:
    # Lock the row so two imports (or an import and the admin) cannot interleave.
    locked = Procedure.objects.select_for_update().select_related("field").get(pk=procedure.pk)
    wanted = _values(spec)
    changes = {
        name: {"from": _plain(getattr(locked, name)), "to": _plain(value)}
        for name, value in wanted.items()
        if getattr(locked, name) != value
    }
    field_name = " ".join(spec.field_name.split())
    if locked.field.name != field_name:
        changes["field"] = {"from": locked.field.name, "to": field_name}
        locked.field = field_named(actor=actor, name=field_name)
    rows = _document_rows(spec.documents)
    documents_differ = _stored_documents(locked) != rows
    if not changes and not documents_differ:
        return locked, Outcome.UNCHANGED
    for name, value in wanted.items():
        setattr(locked, name, value)
    locked.save()
    if documents_differ:
        _write_documents(locked, rows)
    details: dict[str, Any] = {"changes": changes, "documents_replaced": documents_differ}
    if source:
        details["source"] = source
    record_event(
        event_type="procedures.procedure_updated", actor=actor, target=locked, details=details
    )
    publish(ProcedureChanged(procedure=locked, actor=actor))
    return locked, Outcome.UPDATED


@transaction.atomic
def upsert_procedure(
    *, actor: User | None, spec: ProcedureSpec, source: str | None = None
) -> tuple[Procedure, Outcome]:
    """Create the procedure with `spec.code`, or bring it in line with `spec`."""
    _check_actor(actor)
    validate_spec(spec)
    existing = Procedure.objects.filter(code=spec.code).first()
    if existing is None:
        return _create(actor=actor, spec=spec, source=source), Outcome.CREATED
    return _update(actor=actor, procedure=existing, spec=spec, source=source)

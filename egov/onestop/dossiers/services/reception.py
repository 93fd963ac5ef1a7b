"""Reception at a service centre: register, then accept, ask for more, or refuse.

Decree 118/2025/NĐ-CP: the officer checks completeness and either accepts
(issuing the receipt and appointment, form 01), asks for a supplement (form
02) or refuses with the reason (form 03). Any centre of the province may
receive for any agency of the province (phi địa giới).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.dossiers import transitions
from egov.onestop.dossiers.codes import new_tracking_reference, next_dossier_code
from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import (
    ApplicantKind,
    Channel,
    Dossier,
    DossierDocument,
    DossierStatus,
    SupplementRequest,
)
from egov.onestop.dossiers.permissions import SUPERVISORS, require_role
from egov.onestop.dossiers.scan_checks import request_scan_checks
from egov.onestop.dossiers.services.common import (
    Locked,
    audit,
    end,
    enter_step,
    hand_over,
    lock,
    now,
)
from egov.onestop.dossiers.transitions import END_STATUSES
from egov.onestop.dossiers.uploads import check_upload, discard_stored
from egov.onestop.events import DossierEvent
from egov.onestop.procedures.models import Procedure, ProcedureDocument, Process, ProcessStep
from egov.platform.accounts.models import Role, User, citizen_id_validator, phone_validator
from egov.platform.core.errors import Conflict, InvalidInput, NotFound
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.workcalendar.deadlines import WorkingCalendar

# Unambiguous characters for the short secret printed on the receipt.
_SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 - an alphabet, not a secret


@dataclass(frozen=True)
class Applicant:
    name: str
    kind: ApplicantKind = ApplicantKind.PERSON
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    delegate_name: str = ""
    delegate_id_number: str = ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what the desk typed: the field it is about, a code, a message."""

    field: str
    code: str
    message: str


def applicant_problems(applicant: Applicant) -> list[Problem]:
    """Every problem of the applicant's data, in the form's order."""
    problems = []
    if not applicant.name.strip():
        problems.append(
            Problem(
                "applicant_name",
                DossierError.APPLICANT_NAME_REQUIRED,
                _("Cần nhập họ tên người nộp hồ sơ."),
            )
        )
    checks: list[tuple[str, object, Callable[[str], None], str]] = [
        (
            "applicant_id_number",
            applicant.kind == ApplicantKind.PERSON and applicant.id_number,
            citizen_id_validator,
            applicant.id_number,
        ),
        (
            "delegate_id_number",
            applicant.delegate_id_number,
            citizen_id_validator,
            applicant.delegate_id_number,
        ),
        ("applicant_phone", applicant.phone, phone_validator, applicant.phone),
        ("applicant_email", applicant.email, validate_email, applicant.email),
    ]
    for field, present, validator, value in checks:
        if not present:
            continue
        try:
            validator(value)
        except ValidationError as exc:
            problems.append(Problem(field, DossierError.INVALID_APPLICANT, exc.messages[0]))
    return problems


def _check_applicant(applicant: Applicant) -> None:
    problems = applicant_problems(applicant)
    if problems:
        raise InvalidInput(problems[0].code, problems[0].message)


def reception_problems(
    *,
    procedure: Procedure | None,
    applicant: Applicant,
    outcome: str,
    received_document_ids: Sequence[int],
    items: Sequence[str],
    reason: str,
) -> list[Problem]:
    """Every problem `receive_dossier` would refuse in what the desk typed, all at once.

    The form shows them together (issue 17 item 3); the service still
    checks each one, so nothing depends on this having run.
    """
    problems = applicant_problems(applicant)
    if procedure is not None and outcome == Outcome.ACCEPT:
        received = set(received_document_ids)
        missing = [
            d.name
            for d in ProcedureDocument.objects.filter(procedure=procedure, required=True).order_by(
                "position", "pk"
            )
            if d.pk not in received
        ]
        if missing:
            problems.append(
                Problem(
                    "documents",
                    DossierError.MISSING_DOCUMENTS,
                    _("Còn thiếu giấy tờ bắt buộc: %s.") % "; ".join(missing),
                )
            )
    if outcome == Outcome.SUPPLEMENT and not any(item.strip() for item in items):
        problems.append(
            Problem(
                "items",
                DossierError.SUPPLEMENT_ITEMS_REQUIRED,
                _("Cần liệt kê giấy tờ công dân phải bổ sung."),
            )
        )
    if outcome == Outcome.REFUSE and not reason.strip():
        problems.append(
            Problem(
                "reason", DossierError.REASON_REQUIRED, _("Cần ghi rõ lý do từ chối tiếp nhận.")
            )
        )
    return problems


def _province_root(unit: Unit) -> str:
    return unit.path.split("/")[1]


def _process_and_first_step(
    procedure: Procedure, agency: Unit, first_step: ProcessStep | None = None
) -> tuple[Process, ProcessStep]:
    """The agency's active process for the procedure, and its first step.

    `first_step`: read by the caller already (with its process joined); used
    when it is that process's, so the two reads are not made again.
    """
    if first_step is not None:
        process = first_step.process
        mine = process.procedure_id == procedure.pk and process.agency_id == agency.pk
        if mine and process.is_active:
            return process, first_step
    found = Process.objects.filter(procedure=procedure, agency=agency, is_active=True).first()
    first = None if found is None else found.steps.order_by("position").first()
    if found is None or first is None:
        raise InvalidInput(
            DossierError.NO_PROCESS,
            _("Thủ tục này chưa có quy trình nội bộ tại cơ quan đã chọn."),
        )
    return found, first


def find_process(procedure: Procedure, agency: Unit) -> Process:
    return _process_and_first_step(procedure, agency)[0]


@dataclass(frozen=True)
class _Registration:
    """What a registration is asked to record: where, what, for whom, with which papers.

    `first_step`: the procedure's first step at the agency, with its process,
    when the caller read it already (the API reads it with the procedure).
    """

    receiving_unit: Unit
    procedure: Procedure
    agency: Unit
    channel: Channel
    applicant: Applicant
    received_document_ids: Sequence[int] = ()
    scans: Mapping[int, UploadedFile] | None = None
    applicant_user: User | None = None
    form_data: Mapping[str, Any] | None = None
    first_step: ProcessStep | None = None


@dataclass(frozen=True)
class _Registered:
    """A dossier registration wrote in this transaction, with its documents."""

    held: Locked
    documents: list[DossierDocument]


@dataclass(frozen=True)
class _Checked:
    """A registration that passed every check, not written yet."""

    dossier: Dossier  # unsaved, status 1
    known: dict[int, ProcedureDocument]
    received: set[int]


@transaction.atomic
def register_dossier(
    *,
    actor: User | None,
    receiving_unit: Unit,
    procedure: Procedure,
    agency: Unit,
    channel: Channel,
    applicant: Applicant,
    received_document_ids: Sequence[int] = (),
    scans: Mapping[int, UploadedFile] | None = None,
    applicant_user: User | None = None,
    form_data: Mapping[str, Any] | None = None,
) -> Dossier:
    """Record a dossier as newly registered (status 1), before the check.

    `applicant_user` and `form_data`: the account and the electronic form of
    an application submitted online.
    """
    request = _Registration(
        receiving_unit=receiving_unit,
        procedure=procedure,
        agency=agency,
        channel=channel,
        applicant=applicant,
        received_document_ids=received_document_ids,
        scans=scans,
        applicant_user=applicant_user,
        form_data=form_data,
    )
    return _register(actor, request).held.dossier


def _check_registration(actor: User | None, request: _Registration) -> _Checked:
    """Every check of registration, in its order; the dossier built, not written."""
    receiving_unit, procedure, agency = request.receiving_unit, request.procedure, request.agency
    channel, applicant, scans = request.channel, request.applicant, request.scans
    received_document_ids = request.received_document_ids
    if receiving_unit.kind != UnitKind.SERVICE_CENTRE:
        raise InvalidInput(
            DossierError.NOT_A_SERVICE_CENTRE,
            _("Hồ sơ chỉ được tiếp nhận tại Trung tâm Phục vụ hành chính công."),
        )
    if actor is not None and channel == Channel.DIRECT:
        require_role(actor, receiving_unit, [Role.RECEPTION])
    if not procedure.is_active:
        raise NotFound(DossierError.PROCEDURE_NOT_FOUND, _("Không tìm thấy thủ tục."))
    if _province_root(agency) != _province_root(receiving_unit):
        raise InvalidInput(
            DossierError.AGENCY_OUTSIDE_PROVINCE,
            _("Cơ quan giải quyết không thuộc tỉnh của nơi tiếp nhận."),
        )
    process, _first = _process_and_first_step(procedure, agency, request.first_step)
    _check_applicant(applicant)
    # In the procedure's order (the default ordering would join the procedure).
    documents = ProcedureDocument.objects.filter(procedure=procedure).order_by("position", "pk")
    known = {d.pk: d for d in documents}
    unknown = set(received_document_ids) - set(known)
    if unknown or (scans and set(scans) - set(known)):
        raise InvalidInput(
            DossierError.UNKNOWN_DOCUMENT, _("Giấy tờ đã chọn không thuộc thủ tục này.")
        )
    for upload in (scans or {}).values():
        check_upload(upload)
    dossier = Dossier(
        procedure=procedure,
        process=process,
        receiving_unit=receiving_unit,
        agency=agency,
        channel=channel,
        status=DossierStatus.NEW,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        applicant_id_number=applicant.id_number.strip(),
        applicant_address=applicant.address.strip(),
        applicant_phone=applicant.phone.strip(),
        applicant_email=applicant.email.strip(),
        delegate_name=applicant.delegate_name.strip(),
        delegate_id_number=applicant.delegate_id_number.strip(),
        current_unit=receiving_unit,
        applicant_user=request.applicant_user,
        form_data=dict(request.form_data or {}),
        tracking_secret="".join(secrets.choice(_SECRET_ALPHABET) for _i in range(6)),
        # Trackable from now on, before any official code (codes.py).
        tracking_reference=new_tracking_reference(),
    )
    return _Checked(dossier=dossier, known=known, received=set(received_document_ids))


def _write_documents(
    checked: _Checked, scans: Mapping[int, UploadedFile] | None
) -> list[DossierDocument]:
    """The procedure's documents on the (saved) dossier: received or not, scans stored."""
    received = checked.received
    rows = []
    for pk, document in checked.known.items():
        row = DossierDocument(
            dossier=checked.dossier,
            procedure_document=document,
            name=document.name,
            received=pk in received,
            originals=document.originals if pk in received else 0,
            copies=document.copies if pk in received else 0,
        )
        if scans and pk in scans:
            row.scan = scans[pk]  # stored by the insert (FileField.pre_save)
        rows.append(row)
    try:
        DossierDocument.objects.bulk_create(rows)
    except Exception:
        # Each scan is stored as its row is prepared: when a later one fails
        # (a full disk), the ones stored before it go with the rollback too.
        _delete_scans([row for row in rows if row.scan and row.scan._committed])
        raise
    request_scan_checks(rows)
    return rows


def _register(actor: User | None, request: _Registration) -> _Registered:
    """`register_dossier` without its own transaction (the caller's is used)."""
    checked = _check_registration(actor, request)
    dossier = checked.dossier
    dossier.save(force_insert=True)
    documents = _write_documents(checked, request.scans)
    held = Locked.new(dossier)
    audit(
        held,
        actor,
        DossierEvent.REGISTERED,
        channel=int(request.channel),
        procedure=request.procedure.code,
    )
    return _Registered(held=held, documents=documents)


def _missing_required(dossier: Dossier) -> list[str]:
    return [
        d.name
        for d in dossier.documents.select_related("procedure_document").order_by("pk")
        if not d.received and d.procedure_document is not None and d.procedure_document.required
    ]


def _check_receiver(actor: User, dossier: Dossier) -> None:
    require_role(actor, dossier.receiving_unit, [Role.RECEPTION])


@transaction.atomic
def accept_dossier(*, actor: User, dossier: Dossier) -> Dossier:
    """Accept: code, receipt time, appointment from the working calendar."""
    return _accept(actor=actor, held=lock(dossier))


def _check_acceptance(actor: User, dossier: Dossier) -> None:
    _check_receiver(actor, dossier)
    transitions.check(dossier, DossierStatus.ACCEPTED)
    if dossier.code:
        raise InvalidInput(DossierError.ALREADY_ACCEPTED, _("Hồ sơ đã được tiếp nhận."))
    missing = _missing_required(dossier)
    if missing:
        raise InvalidInput(
            DossierError.MISSING_DOCUMENTS,
            _("Còn thiếu giấy tờ bắt buộc: %s.") % "; ".join(missing),
            details={"missing": missing},
        )


def _accept(*, actor: User, held: Locked) -> Dossier:
    """Accept a dossier this transaction holds (locked, or registered by it)."""
    dossier = held.dossier
    _check_acceptance(actor, dossier)
    at = now()
    calendar = WorkingCalendar.load()
    assert dossier.process is not None  # noqa: S101 - set at registration
    first = dossier.process.steps.order_by("position").first()
    assert first is not None  # noqa: S101 - find_process checked it
    # Taken last before the writes: the day's sequence row stays locked until
    # the commit, and every desk of the centre waits on it.
    dossier.code = next_dossier_code(unit=dossier.receiving_unit, moment=at)
    dossier.received_by = actor
    dossier.received_at = at
    dossier.appointment_at = calendar.add_seconds(at, dossier.procedure.processing_seconds)
    dossier.deadline_at = dossier.appointment_at
    hand_over(dossier, actor=actor, action="accept", to_step=first, at=at)
    enter_step(dossier, first, at, calendar)
    dossier.assignee = actor
    transitions.move(dossier, DossierStatus.ACCEPTED)
    dossier.save()
    audit(held, actor, DossierEvent.ACCEPTED, appointment_at=dossier.appointment_at.isoformat())
    return dossier


@transaction.atomic
def request_supplement_at_reception(
    *, actor: User, dossier: Dossier, items: Sequence[str], reason: str = ""
) -> Dossier:
    """Not accepted yet: list what is missing (form 02). No clock runs."""
    held = lock(dossier)
    dossier = held.dossier
    _check_receiver(actor, dossier)
    if dossier.status != DossierStatus.NEW:
        raise Conflict(
            DossierError.NOT_AT_RECEPTION,
            _("Hồ sơ đã qua bước tiếp nhận; yêu cầu bổ sung tại bước đang xử lý."),
        )
    cleaned = [item.strip() for item in items if item.strip()]
    if not cleaned:
        raise InvalidInput(
            DossierError.SUPPLEMENT_ITEMS_REQUIRED, _("Cần liệt kê giấy tờ công dân phải bổ sung.")
        )
    transitions.move(dossier, DossierStatus.SUPPLEMENT)
    dossier.status_before_pause = DossierStatus.NEW
    dossier.clock_stopped_at = None
    dossier.save()
    SupplementRequest.objects.create(
        dossier=dossier,
        requested_by=actor,
        requested_at=now(),
        items=cleaned,
        reason=reason.strip(),
    )
    audit(held, actor, DossierEvent.SUPPLEMENT_REQUESTED, items=cleaned, at_reception=True)
    return dossier


@transaction.atomic
def refuse_at_reception(*, actor: User, dossier: Dossier, reason: str) -> Dossier:
    """Not accepted (status 3), with the reason (form 03)."""
    held = lock(dossier)
    dossier = held.dossier
    _check_receiver(actor, dossier)
    if dossier.status not in (DossierStatus.NEW, DossierStatus.SUPPLEMENT) or dossier.code:
        raise Conflict(
            DossierError.NOT_AT_RECEPTION,
            _("Hồ sơ đã được tiếp nhận; dùng thao tác dừng hoặc từ chối giải quyết."),
        )
    if not reason.strip():
        raise InvalidInput(DossierError.REASON_REQUIRED, _("Cần ghi rõ lý do từ chối tiếp nhận."))
    dossier.outcome_reason = reason.strip()
    dossier.received_by = actor
    end(dossier, DossierStatus.NOT_ACCEPTED, now())
    dossier.save()
    audit(held, actor, DossierEvent.REFUSED_AT_RECEPTION, reason=dossier.outcome_reason)
    return dossier


class Outcome:
    ACCEPT = "accept"
    SUPPLEMENT = "supplement"
    REFUSE = "refuse"
    ALL = (ACCEPT, SUPPLEMENT, REFUSE)


@transaction.atomic
def receive_dossier(
    *,
    actor: User,
    receiving_unit: Unit,
    procedure: Procedure,
    agency: Unit,
    applicant: Applicant,
    outcome: str,
    channel: Channel = Channel.DIRECT,
    received_document_ids: Sequence[int] = (),
    scans: Mapping[int, UploadedFile] | None = None,
    items: Sequence[str] = (),
    reason: str = "",
    first_step: ProcessStep | None = None,
) -> Dossier:
    """The desk in one step: register and decide. Nothing is kept if it fails.

    `first_step`: the procedure's first step at the agency, with its process,
    when the caller read it already (the API reads it with the procedure).
    """
    if outcome not in Outcome.ALL:
        raise InvalidInput(DossierError.INVALID_OUTCOME, _("Kết quả tiếp nhận không hợp lệ."))
    request = _Registration(
        receiving_unit=receiving_unit,
        procedure=procedure,
        agency=agency,
        channel=channel,
        applicant=applicant,
        received_document_ids=received_document_ids,
        scans=scans,
        first_step=first_step,
    )
    registered = _register(actor, request)
    dossier = registered.held.dossier
    try:
        if outcome == Outcome.ACCEPT:
            return _accept(actor=actor, held=registered.held)
        if outcome == Outcome.SUPPLEMENT:
            return request_supplement_at_reception(
                actor=actor, dossier=dossier, items=items, reason=reason
            )
        return refuse_at_reception(actor=actor, dossier=dossier, reason=reason)
    except Exception:
        _delete_scans(registered.documents)
        raise


def _delete_scans(documents: Sequence[DossierDocument]) -> None:
    # The scans were written to storage when their rows were inserted; the
    # rows go with the rollback, so the files must go too (a refusal without
    # a reason would otherwise leave the citizen's papers on disk).
    discard_stored(document.scan for document in documents)


@transaction.atomic
def attach_scan(
    *, actor: User, dossier: Dossier, document: DossierDocument, upload: UploadedFile
) -> DossierDocument:
    """Attach (or replace) the scan of a document received at the desk."""
    held = lock(dossier)
    dossier = held.dossier
    require_role(actor, dossier.receiving_unit, [Role.RECEPTION, Role.SPECIALIST, *SUPERVISORS])
    if document.dossier_id != dossier.pk:
        raise InvalidInput(
            DossierError.UNKNOWN_DOCUMENT, _("Giấy tờ đã chọn không thuộc hồ sơ này.")
        )
    if dossier.status in END_STATUSES:
        raise Conflict(
            DossierError.DOSSIER_CLOSED, _("Hồ sơ đã kết thúc, không thể bổ sung bản quét.")
        )
    check_upload(upload)
    document.scan = upload
    document.save(update_fields=["scan"])
    request_scan_checks([document])
    audit(held, actor, DossierEvent.SCAN_ATTACHED, document=document.name)
    return document

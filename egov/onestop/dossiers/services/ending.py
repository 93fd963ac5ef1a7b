"""Results, returns, apologies, withdrawals and stops."""

from __future__ import annotations

from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Apology, Dossier, DossierStatus, ReturnMethod
from egov.onestop.dossiers.permissions import SUPERVISORS, require_role, require_step_actor
from egov.onestop.dossiers.services import result_signing
from egov.onestop.dossiers.services.common import audit, end, hand_over, lock, now
from egov.onestop.dossiers.transitions import OPEN_STATUSES
from egov.onestop.dossiers.uploads import check_upload, discard_stored
from egov.onestop.events import DossierEvent
from egov.platform.accounts.models import Role, User
from egov.platform.core.errors import Conflict, InvalidInput
from egov.platform.signatures.errors import SigningError


def _check_signed_on(dossier: Dossier, signed_on: date) -> None:
    """A result is signed between the dossier's reception and today (local time)."""
    today = timezone.localdate(now())
    received = timezone.localdate(dossier.received_at) if dossier.received_at else None
    if signed_on > today:
        raise InvalidInput(
            DossierError.RESULT_DATE_INVALID,
            _("Ngày ký kết quả không được sau ngày hôm nay (%s).") % today.strftime("%d/%m/%Y"),
        )
    if received is not None and signed_on < received:
        raise InvalidInput(
            DossierError.RESULT_DATE_INVALID,
            _("Ngày ký kết quả không được trước ngày tiếp nhận hồ sơ (%s).")
            % received.strftime("%d/%m/%Y"),
        )


def record_result(
    *,
    actor: User,
    dossier: Dossier,
    number: str,
    signed_on: date,
    signer: str,
    file: UploadedFile | None = None,
    expected_step: int | None = None,
) -> Dossier:
    """The signed result is ready (status 9): number, date, signer, scan.

    A PDF result is signed by the organisation where the deployment signs
    (result_signing.py); a failed signing records nothing and is audited."""
    try:
        return _record_result(
            actor=actor,
            dossier=dossier,
            number=number,
            signed_on=signed_on,
            signer=signer,
            file=file,
            expected_step=expected_step,
        )
    except SigningError as error:
        result_signing.audit_failure(actor, dossier, error)
        raise


@transaction.atomic
def _record_result(
    *,
    actor: User,
    dossier: Dossier,
    number: str,
    signed_on: date,
    signer: str,
    file: UploadedFile | None,
    expected_step: int | None,
) -> Dossier:
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    if dossier.status != DossierStatus.PROCESSING or dossier.current_step is None:
        raise Conflict(
            DossierError.NOT_IN_PROCESSING, _("Hồ sơ chưa ở bước có thể ghi nhận kết quả.")
        )
    if not dossier.current_step.is_final:
        raise Conflict(
            DossierError.NOT_APPROVED,
            _("Hồ sơ chưa được phê duyệt: chỉ ghi nhận kết quả ở bước cuối."),
        )
    require_step_actor(actor, dossier, [Role(dossier.current_step.role), Role.CLERK])
    if not number.strip() or not signer.strip():
        raise InvalidInput(
            DossierError.RESULT_INCOMPLETE, _("Cần nhập số, ngày và người ký kết quả.")
        )
    _check_signed_on(dossier, signed_on)
    dossier.result_number, dossier.result_date, dossier.result_signer = (
        number.strip(),
        signed_on,
        signer.strip(),
    )
    signed = None
    if file is not None:
        kind = check_upload(file)
        signed = result_signing.sign_result(dossier, file) if kind == "application/pdf" else None
        dossier.result_file = signed or file
    end(dossier, DossierStatus.FINISHED, now())
    try:
        dossier.save()
        details: dict[str, object] = {}
        if signed is not None:
            check = result_signing.keep_verdict(dossier, signed)
            details = {"signed": True, "signature_status": str(check.status)}
        audit(
            held,
            actor,
            DossierEvent.RESULT_RECORDED,
            number=dossier.result_number,
            signer=signer,
            **details,
        )
    except BaseException:
        if signed is not None:
            discard_stored([dossier.result_file])
        raise
    return dossier


@transaction.atomic
def return_result(
    *,
    actor: User,
    dossier: Dossier,
    method: ReturnMethod,
    collected_by: str = "",
    expected_step: int | None = None,
) -> Dossier:
    """Hand the result over (status 10) and close the dossier."""
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    if dossier.status != DossierStatus.FINISHED:
        raise Conflict(DossierError.RESULT_NOT_READY, _("Hồ sơ chưa có kết quả để trả."))
    require_role(actor, dossier.receiving_unit, [Role.RECEPTION])
    if method == ReturnMethod.DESK and not collected_by.strip():
        raise InvalidInput(
            DossierError.COLLECTOR_REQUIRED,
            _("Cần ghi tên người nhận kết quả tại bộ phận một cửa."),
        )
    at = now()
    hand_over(dossier, actor=actor, action="deliver", to_step=None, at=at, note=collected_by)
    dossier.return_method, dossier.collected_by, dossier.returned_at = (
        method,
        collected_by.strip(),
        at,
    )
    dossier.current_step = None
    end(dossier, DossierStatus.RETURNED, at)
    dossier.save()
    audit(held, actor, DossierEvent.RETURNED, method=str(method), collected_by=dossier.collected_by)
    return dossier


@transaction.atomic
def issue_apology(
    *,
    actor: User,
    dossier: Dossier,
    reason: str,
    new_appointment: datetime,
    expected_step: int | None = None,
) -> Apology:
    """Form 04: the dossier will be late; apologise and set a new date."""
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    if dossier.status not in OPEN_STATUSES or dossier.appointment_at is None:
        raise Conflict(DossierError.NOT_OPEN, _("Chỉ lập thư xin lỗi cho hồ sơ đang giải quyết."))
    require_step_actor(actor, dossier, [Role.SPECIALIST, Role.RECEPTION])
    if not reason.strip():
        raise InvalidInput(DossierError.REASON_REQUIRED, _("Cần ghi rõ lý do chậm."))
    if new_appointment <= dossier.appointment_at:
        raise InvalidInput(
            DossierError.APPOINTMENT_NOT_LATER, _("Ngày hẹn mới phải sau ngày hẹn hiện tại.")
        )
    apology = Apology.objects.create(
        dossier=dossier,
        issued_by=actor,
        issued_at=now(),
        reason=reason.strip(),
        previous_appointment_at=dossier.appointment_at,
        new_appointment_at=new_appointment,
    )
    dossier.appointment_at = new_appointment
    dossier.save(update_fields=["appointment_at", "updated_at"])
    audit(held, actor, DossierEvent.APOLOGY_ISSUED, new_appointment=new_appointment.isoformat())
    return apology


@transaction.atomic
def withdraw(
    *, actor: User, dossier: Dossier, reason: str, expected_step: int | None = None
) -> Dossier:
    """Accept the citizen's written request to withdraw (status 7)."""
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    if dossier.status not in OPEN_STATUSES:
        raise Conflict(DossierError.NOT_OPEN, _("Hồ sơ đã kết thúc, không thể rút."))
    require_role(actor, dossier.receiving_unit, [Role.RECEPTION, *SUPERVISORS])
    if not reason.strip():
        raise InvalidInput(DossierError.REASON_REQUIRED, _("Cần ghi rõ lý do."))
    dossier.outcome_reason = reason.strip()
    end(dossier, DossierStatus.WITHDRAWN, now())
    dossier.save()
    audit(held, actor, DossierEvent.WITHDRAWN, reason=dossier.outcome_reason)
    return dossier


@transaction.atomic
def stop_processing(
    *, actor: User, dossier: Dossier, reason: str, expected_step: int | None = None
) -> Dossier:
    """Stop processing (status 8, notice form 05), decided by a head or leader."""
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    if dossier.status not in OPEN_STATUSES:
        raise Conflict(DossierError.NOT_OPEN, _("Hồ sơ đã kết thúc."))
    require_role(actor, dossier.current_unit or dossier.agency, SUPERVISORS)
    if not reason.strip():
        raise InvalidInput(DossierError.REASON_REQUIRED, _("Cần ghi rõ lý do."))
    dossier.outcome_reason = reason.strip()
    end(dossier, DossierStatus.STOPPED, now())
    dossier.save()
    audit(held, actor, DossierEvent.STOPPED, reason=dossier.outcome_reason)
    return dossier

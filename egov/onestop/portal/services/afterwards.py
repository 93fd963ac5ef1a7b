"""After submission: supplements online, withdrawal requests, ratings, results.

Each acts only on the applicant's own dossier; anything else is NotFound,
so the citizen learns nothing about dossiers that are not theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.scan_checks import request_scan_checks
from egov.onestop.dossiers.services import receive_supplement
from egov.onestop.dossiers.transitions import OPEN_STATUSES
from egov.onestop.dossiers.uploads import check_upload
from egov.onestop.events import DossierFiguresChanged
from egov.onestop.portal.errors import PortalError
from egov.onestop.portal.models import Rating, RatingValue, StoredResult, WithdrawalRequest
from egov.onestop.portal.selectors import result_downloadable
from egov.onestop.portal.services.applying import require_applicant
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, NotFound
from egov.platform.core.events import publish

COMMENT_MAX_LENGTH = 2000


def _own_locked(actor: User, dossier: Dossier) -> Dossier:
    require_applicant(actor)
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "receiving_unit")
        .filter(pk=dossier.pk, applicant_user=actor)
        .first()
    )
    if locked is None:
        raise NotFound(PortalError.DOSSIER_NOT_FOUND, _("Không tìm thấy hồ sơ."))
    return locked


def _audit(dossier: Dossier, actor: User | None, event: str, **details: Any) -> None:
    record_event(
        event_type=f"portal.{event}",
        actor=actor,
        target=dossier,
        unit=dossier.receiving_unit,
        details={"code": dossier.code, **details},
    )


@transaction.atomic
def supplement_online(
    *, actor: User, dossier: Dossier, uploads: Mapping[int, UploadedFile], note: str = ""
) -> Dossier:
    """The applicant uploads what was asked for; the clock restarts.

    `uploads` is keyed by the dossier document's id.
    """
    dossier = _own_locked(actor, dossier)
    if dossier.status != DossierStatus.SUPPLEMENT:
        raise Conflict(
            PortalError.NOT_WAITING_FOR_SUPPLEMENT, _("Hồ sơ không ở trạng thái chờ bổ sung.")
        )
    if not uploads:
        raise InvalidInput(
            PortalError.SUPPLEMENT_FILES_REQUIRED, _("Cần tải lên ít nhất một giấy tờ bổ sung.")
        )
    documents = {d.pk: d for d in dossier.documents.select_related("procedure_document")}
    if set(uploads) - set(documents):
        raise InvalidInput(
            PortalError.UNKNOWN_DOCUMENT, _("Giấy tờ đã chọn không thuộc hồ sơ này.")
        )
    for upload in uploads.values():
        check_upload(upload)
    for pk, upload in uploads.items():
        document = documents[pk]
        document.scan = upload
        if not document.received:
            required = document.procedure_document
            document.received = True
            document.originals = required.originals if required is not None else 0
            document.copies = required.copies if required is not None else 0
        document.save()
        request_scan_checks([document])
    _audit(
        dossier,
        actor,
        "supplement_uploaded",
        documents=sorted(documents[pk].name for pk in uploads),
    )
    return receive_supplement(actor=actor, dossier=dossier, note=note.strip(), by_applicant=True)


@transaction.atomic
def request_withdrawal(*, actor: User, dossier: Dossier, reason: str) -> WithdrawalRequest:
    """Ask to withdraw; an officer at the desk accepts it (status 7)."""
    dossier = _own_locked(actor, dossier)
    if dossier.status not in OPEN_STATUSES:
        raise Conflict(PortalError.NOT_OPEN, _("Hồ sơ đã kết thúc, không thể rút."))
    if not reason.strip():
        raise InvalidInput(PortalError.REASON_REQUIRED, _("Cần ghi rõ lý do rút hồ sơ."))
    if WithdrawalRequest.objects.filter(dossier=dossier, handled_at__isnull=True).exists():
        raise Conflict(
            PortalError.WITHDRAWAL_PENDING,
            _("Yêu cầu rút hồ sơ đã được gửi, đang chờ cán bộ xử lý."),
        )
    request = WithdrawalRequest.objects.create(
        dossier=dossier, user=actor, reason=reason.strip()[:COMMENT_MAX_LENGTH]
    )
    _audit(dossier, actor, "withdrawal_requested", reason=request.reason)
    return request


def close_withdrawal_requests(dossier: Dossier) -> None:
    """The desk accepted a withdrawal: the citizen's requests are handled.

    Called by `egov.onestop.dossiers.services.ending.withdraw` in its transaction.
    """
    WithdrawalRequest.objects.filter(dossier=dossier, handled_at__isnull=True).update(
        handled_at=timezone.now()
    )


@transaction.atomic
def rate_dossier(*, actor: User, dossier: Dossier, value: str, comment: str = "") -> Rating:
    """The applicant's satisfaction, once, after the result was returned."""
    dossier = _own_locked(actor, dossier)
    if dossier.status != DossierStatus.RETURNED:
        raise Conflict(PortalError.NOT_RETURNED, _("Chỉ đánh giá sau khi đã nhận kết quả."))
    if value not in RatingValue.values:
        raise InvalidInput(PortalError.INVALID_RATING, _("Vui lòng chọn mức độ hài lòng."))
    if Rating.objects.filter(dossier=dossier).exists():
        raise Conflict(PortalError.ALREADY_RATED, _("Bạn đã đánh giá hồ sơ này."))
    rating = Rating.objects.create(
        dossier=dossier, user=actor, value=value, comment=comment.strip()[:COMMENT_MAX_LENGTH]
    )
    _audit(dossier, actor, "rated", value=value)
    # An "unsatisfied" rating counts against the satisfaction indicator (rollups).
    publish(DossierFiguresChanged(dossier_id=dossier.pk, cause="rated"))
    return rating


def store_result(dossier: Dossier) -> StoredResult | None:
    """Keep a result the citizen may have online in their personal store.

    Called inside the transaction that records or returns the result; does
    nothing for desk dossiers or results that are not given online, and
    nothing twice (Decree 45/2020/NĐ-CP: the result is stored once).
    """
    if dossier.applicant_user_id is None or not result_downloadable(dossier):
        return None
    stored, created = StoredResult.objects.get_or_create(
        user_id=dossier.applicant_user_id,
        dossier=dossier,
        defaults={
            "title": _("%(result)s số %(number)s")
            % {"result": dossier.procedure.result_type, "number": dossier.result_number},
            "file": dossier.result_file.name,
        },
    )
    if created:
        _audit(dossier, None, "result_stored", stored=stored.pk)
    return stored

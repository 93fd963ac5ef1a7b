"""6-digit SMS codes: issued, sent by the worker, checked with a bounded number of tries.

Only an HMAC of the code (keyed with SECRET_KEY) is stored, so a copy of the
database alone does not reveal live codes; the SMS carrying it waits in the
platform's SMS outbox sealed, and its text is emptied once sent. A code lives 10 minutes and
allows 5 wrong entries; after that it is spent and a new one must be asked
for. A new code can be asked for once a minute.
"""

from __future__ import annotations

import hmac
import math
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.citizens.contacts import Contact, mask_contact
from egov.platform.citizens.errors import CitizenError
from egov.platform.citizens.models import CodePurpose, PhoneCode
from egov.platform.core.errors import Conflict, DomainError, InvalidInput
from egov.platform.notifications.services import queue_sms

CODE_LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5
RESEND_INTERVAL = timedelta(seconds=60)


def _hash(code_id_salt: str, code: str) -> str:
    return salted_hmac(
        "egov.citizens.sms-code:" + code_id_salt, code, algorithm="sha256"
    ).hexdigest()


def _salt(user: User, purpose: str, phone: str) -> str:
    return f"{user.pk}:{purpose}:{phone}"


def _sms_text(purpose: str, code: str) -> str:
    # Without diacritics on purpose: Vietnamese operators send unaccented SMS
    # as GSM-7 (160 characters per message); accented text is UCS-2 (70).
    if purpose == CodePurpose.RESET_PASSWORD:
        return _("Ma dat lai mat khau egov: %(code)s. Hieu luc 10 phut. Khong chia se ma nay.") % {
            "code": code
        }
    return _("Ma xac nhan so dien thoai egov: %(code)s. Hieu luc 10 phut.") % {"code": code}


@transaction.atomic
def issue_code(*, user: User, phone: str, purpose: CodePurpose) -> PhoneCode:
    """Create a code for `user` and queue it for `phone` (the worker sends it)."""
    now = timezone.now()
    last = (
        PhoneCode.objects.filter(user=user, purpose=purpose).order_by("-created_at", "-id").first()
    )
    if last is not None and now - last.created_at < RESEND_INTERVAL:
        wait = math.ceil((RESEND_INTERVAL - (now - last.created_at)).total_seconds())
        raise Conflict(
            CitizenError.CODE_TOO_SOON,
            ngettext(
                "Vui lòng đợi %(n)d giây rồi yêu cầu mã mới.",
                "Vui lòng đợi %(n)d giây rồi yêu cầu mã mới.",
                wait,
            )
            % {"n": wait},
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    phone_code = PhoneCode.objects.create(
        user=user,
        purpose=purpose,
        phone=phone,
        code_hash=_hash(_salt(user, purpose, phone), code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    record_event(
        event_type="citizens.sms_code_sent",
        actor=user,
        target=user,
        details={"purpose": str(purpose), "phone": mask_contact(Contact("phone", phone))},
    )
    queue_sms(
        phone=phone,
        text=_sms_text(purpose, code),
        dedupe_key=f"citizens.code:{phone_code.pk}",
        sealed=True,
    )
    return phone_code


def use_code(
    *,
    user: User,
    purpose: CodePurpose,
    code: str,
    apply: Callable[[PhoneCode], None],
) -> None:
    """Check `code` against the latest code for `user` and `purpose`; run
    `apply` in the same transaction when it matches.

    A wrong code counts as an attempt even though the call fails, so the
    count is committed before the error is raised.
    """
    error: DomainError | None = None
    with transaction.atomic():
        phone_code = (
            PhoneCode.objects.select_for_update()
            .filter(user=user, purpose=purpose)
            .order_by("-created_at", "-id")
            .first()
        )
        error = _refusal(phone_code)
        if error is None and phone_code is not None:
            if _matches(phone_code, user, purpose, code):
                phone_code.used_at = timezone.now()
                phone_code.save(update_fields=["used_at"])
                apply(phone_code)
                return
            error = _count_wrong_entry(phone_code, user, purpose)
    assert error is not None  # noqa: S101 (the match returned above)
    raise error


def _matches(phone_code: PhoneCode, user: User, purpose: CodePurpose, code: str) -> bool:
    given = _hash(_salt(user, purpose, phone_code.phone), code.strip())
    return hmac.compare_digest(phone_code.code_hash, given)


def _count_wrong_entry(phone_code: PhoneCode, user: User, purpose: CodePurpose) -> DomainError:
    """Count a wrong entry (the code locked, at the last); the error to give."""
    phone_code.attempts += 1
    phone_code.save(update_fields=["attempts"])
    left = MAX_ATTEMPTS - phone_code.attempts
    if left > 0:
        return wrong_error(left)
    record_event(
        event_type="citizens.sms_code_locked",
        actor=user,
        target=user,
        details={"purpose": str(purpose)},
    )
    return locked_error()


def wrong_error(left: int) -> InvalidInput:
    return InvalidInput(
        CitizenError.CODE_WRONG,
        ngettext(
            "Mã xác nhận không đúng. Bạn còn %(n)d lần thử.",
            "Mã xác nhận không đúng. Bạn còn %(n)d lần thử.",
            left,
        )
        % {"n": left},
    )


def locked_error() -> InvalidInput:
    return InvalidInput(
        CitizenError.CODE_LOCKED,
        _("Bạn đã nhập sai mã quá 5 lần. Hãy yêu cầu gửi mã mới."),
    )


def _refusal(phone_code: PhoneCode | None) -> DomainError | None:
    if phone_code is None or phone_code.used_at is not None:
        return InvalidInput(
            CitizenError.CODE_MISSING, _("Không có mã đang chờ. Hãy yêu cầu gửi mã mới.")
        )
    if phone_code.attempts >= MAX_ATTEMPTS:
        return locked_error()
    if timezone.now() >= phone_code.expires_at:
        return InvalidInput(
            CitizenError.CODE_EXPIRED, _("Mã xác nhận đã hết hạn. Hãy yêu cầu gửi mã mới.")
        )
    return None

"""Two-factor authentication (TOTP) of staff accounts, on django-otp (issue 16 item 4).

A staff member enrols an authenticator app (RFC 6238 TOTP, 6 digits, 30 s)
and receives 10 single-use recovery codes, shown once (django-otp's static
device keeps them). From then on, logging in asks for a code after the
password. With EGOV_REQUIRE_2FA on (the default in production), the roles
that can change other people's rights or sign decisions (administrators,
leaders, heads of office) and superusers must enrol before they can use
anything: see middleware.TwoFactorMiddleware.

The secret being enrolled lives in the session until a code from the app
confirms it, so an abandoned enrolment leaves nothing in the database.
"""

from __future__ import annotations

import secrets
import time
from binascii import unhexlify
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from egov.platform.accounts.errors import AccountError
from egov.platform.accounts.models import AccountKind, Membership, Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied

RECOVERY_CODES = 10
# Password checked, code not yet: {"user": pk, "backend": path, "next": url, "at": epoch}.
PENDING_LOGIN = "egov_2fa_pending"
PENDING_SECONDS = 300
# The roles that must use a second factor when EGOV_REQUIRE_2FA is on.
REQUIRED_ROLES = frozenset({Role.ADMINISTRATOR, Role.LEADER, Role.HEAD})
TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


def start_pending_login(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """After the password, for a user with a device: not logged in yet; ask for the code.

    Every login page calls this (staff and citizens' pages both accept a
    username), so no page logs an enrolled user in on the password alone.
    """
    request.session[PENDING_LOGIN] = {
        "user": user.pk,
        "backend": getattr(user, "backend", ""),
        "next": next_url,
        "at": int(time.time()),
    }
    return redirect("web:2fa-login")


def new_secret() -> str:
    """A fresh TOTP secret, hex as django-otp stores it (20 bytes, RFC 4226's size)."""
    return secrets.token_hex(20)


def config_url(user: User, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return str(TOTPDevice(user=user, key=key).config_url)


def required_for(user: User) -> bool:
    """Whether `user` must have a second factor (EGOV_REQUIRE_2FA on, and a role that needs it)."""
    if not settings.EGOV_REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.kind != AccountKind.STAFF:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return Membership.objects.filter(user=user, role__in=REQUIRED_ROLES).exists()


def has_device(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


@transaction.atomic
def enrol_totp(*, actor: User, key: str, token: str) -> Enrolment:
    """Confirm the secret `key` with a code from the app; the device and 10 recovery codes."""
    if has_device(actor):
        raise Conflict(
            AccountError.OTP_ALREADY_ENROLLED,
            _("Tài khoản đã bật xác thực hai lớp. Hãy tắt trước khi đăng ký lại."),
        )
    code = token.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6 and TOTP(unhexlify(key)).verify(int(code), 1)):
        raise _wrong()
    device = TOTPDevice.objects.create(user=actor, name=TOTP_NAME, key=key, confirmed=True)
    codes = _new_recovery_codes(actor)
    record_event(
        event_type="accounts.2fa_enrolled", actor=actor, target=actor, details={"device": "totp"}
    )
    return Enrolment(device=device, recovery_codes=codes)


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify(*, user: User, token: str) -> Device:
    """The device that accepts `token`: the app's code, or a recovery code (used up).

    Each device counts its own failures and refuses for a growing time after
    them (django-otp's throttling: 1, 2, 4 ... seconds), so codes cannot be
    guessed at speed. The failure count is committed even though this raises.
    """
    code = token.strip().replace(" ", "").lower()
    devices: list[Device] = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    if not devices:
        raise _wrong()
    throttled = False
    for device in devices:
        allowed, _data = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        with transaction.atomic():
            if isinstance(device, TOTPDevice) and not code.isdigit():
                continue
            if device.verify_token(code):
                if isinstance(device, StaticDevice):
                    record_event(
                        event_type="accounts.2fa_recovery_used",
                        actor=user,
                        target=user,
                        details={"left": device.token_set.count()},
                    )
                return device
    if throttled:
        raise InvalidInput(
            AccountError.OTP_THROTTLED,
            _("Bạn đã nhập sai mã nhiều lần. Vui lòng đợi vài giây rồi thử lại."),
        )
    raise _wrong()


def _wrong() -> InvalidInput:
    return InvalidInput(AccountError.OTP_WRONG, _("Mã xác thực không đúng hoặc đã được dùng."))


@transaction.atomic
def reset_two_factor(*, actor: User, user: User, verified: bool) -> int:
    """Remove `user`'s devices: by the owner in a verified session, or a superuser.

    Returns how many devices were removed. A lost phone is reset by a
    superuser, after checking who asks (the owner cannot, unverified).
    """
    own = actor.pk == user.pk and verified
    if not (own or (actor.is_superuser and verified)):
        raise PermissionDenied(
            AccountError.PERMISSION_DENIED,
            _("Bạn không được thay đổi xác thực hai lớp của tài khoản này."),
        )
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        devices = model.objects.filter(user=user)
        removed += devices.count()
        devices.delete()
    record_event(
        event_type="accounts.2fa_reset", actor=actor, target=user, details={"removed": removed}
    )
    return removed

"""State changes of citizen and business accounts.

Registration creates the account INACTIVE (so no login path, including the
staff login and every authentication backend, accepts it) with a profile
whose contacts are unconfirmed. Confirming the e-mail (signed link) or the
phone (SMS code) activates it. An account an administrator deactivated after
its first confirmation stays inactive: confirming again does not reopen it.
"""

from __future__ import annotations

import logging
import secrets
from datetime import date

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import AccountKind, User, citizen_id_validator
from egov.platform.accounts.services import create_account
from egov.platform.audit.services import record_event
from egov.platform.citizens import attempts, codes
from egov.platform.citizens.contacts import Contact, parse_contact
from egov.platform.citizens.errors import CitizenError
from egov.platform.citizens.models import CitizenProfile, CodePurpose, PhoneCode
from egov.platform.citizens.selectors import PUBLIC_KINDS, accounts_by_contact, contact_taken
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.notifications.services import queue_email
from egov.platform.organisation.models import Unit, UnitKind

logger = logging.getLogger(__name__)

EMAIL_TOKEN_SALT = "egov.citizens.confirm-email"  # noqa: S105 (a salt, not a secret)
DEFAULT_EMAIL_CONFIRM_SECONDS = 3 * 24 * 3600


def email_confirm_max_age() -> int:
    return int(getattr(settings, "CITIZEN_EMAIL_CONFIRM_SECONDS", DEFAULT_EMAIL_CONFIRM_SECONDS))


def password_problems(password: str, user: User) -> list[str]:
    """The password validators' refusals, worded in Vietnamese here: Django's
    Vietnamese catalogue lacks some of them (the minimum length among them)."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return [_password_message(error) for error in exc.error_list]
    return []


def _password_message(error: ValidationError) -> str:
    params = error.params or {}
    if error.code == "password_too_short":
        return _("Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.") % {"n": params.get("min_length", 8)}
    if error.code == "password_too_common":
        return _("Mật khẩu này quá phổ biến, dễ bị đoán.")
    if error.code == "password_entirely_numeric":
        return _("Mật khẩu không được chỉ gồm chữ số.")
    if error.code == "password_too_similar":
        return _("Mật khẩu quá giống họ tên, e-mail hoặc số điện thoại.")
    return " ".join(error.messages)


def check_password_strength(password: str, user: User) -> None:
    problems = password_problems(password, user)
    if problems:
        raise InvalidInput(
            CitizenError.WEAK_PASSWORD, " ".join(problems), details={"messages": problems}
        )


def _lock_contact(contact: Contact) -> None:
    # Two registrations with the same address at once must not both pass the
    # "not taken" check. SQLite serialises writers already (IMMEDIATE
    # transactions); PostgreSQL takes a transaction-scoped advisory lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            key = f"egov.citizens.contact:{contact.kind}:{contact.value.lower()}"
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])


def _refuse_taken(contact: Contact, *, exclude: User | None = None) -> None:
    if contact_taken(contact, exclude=exclude):
        if contact.kind == "email":
            raise Conflict(
                CitizenError.EMAIL_TAKEN, _("E-mail này đã được dùng cho một tài khoản khác.")
            )
        raise Conflict(
            CitizenError.PHONE_TAKEN, _("Số điện thoại này đã được dùng cho một tài khoản khác.")
        )


@transaction.atomic
def register_citizen(
    *,
    kind: AccountKind,
    full_name: str,
    contact: str,
    password: str,
    id_number: str = "",
) -> User | None:
    """Register a citizen or business with an e-mail or phone; send the confirmation.

    If the contact or the ID number already has an account, no account is
    created and None is returned; the owner is told at their own address
    (attempts.py). The caller answers exactly as for a new account, so the
    form does not reveal who has one (issue 16 item 4). Every refusal that
    does not depend on existing accounts (the password among them) comes
    first, for the same reason.
    """
    parsed, id_number = _checked_registration(kind, full_name, contact, id_number)
    email = parsed.value if parsed.kind == "email" else ""
    phone = parsed.value if parsed.kind == "phone" else ""
    check_password_strength(
        password, User(full_name=full_name.strip(), email=email, phone=phone, kind=kind)
    )
    _lock_contact(parsed)
    if id_number:
        _lock_contact(Contact("id_number", id_number))
    if _told_existing_owner(parsed, id_number):
        return None
    user = _create_inactive_account(kind, full_name, parsed, password, id_number)
    record_event(
        event_type="citizens.registered",
        actor=user,
        target=user,
        details={"kind": str(kind), "contact": parsed.kind},
    )
    if parsed.kind == "email":
        schedule_confirmation_email(user, parsed.value)
    else:
        codes.issue_code(user=user, phone=parsed.value, purpose=CodePurpose.CONFIRM_PHONE)
    return user


def _told_existing_owner(parsed: Contact, id_number: str) -> bool:
    """Tell the owner of an account with this contact or ID number; whether there was one."""
    owner = accounts_by_contact(parsed).order_by("pk").first()
    if owner is not None:
        # The address as the owner's account spells it (e-mails match without case).
        via = Contact("email", owner.email) if parsed.kind == "email" else parsed
        attempts.tell_owner(owner=owner, via=via, matched=parsed.kind)
        return True
    owner = User.objects.filter(id_number=id_number).first() if id_number else None
    if owner is None:
        return False
    if owner.email:
        attempts.tell_owner(owner=owner, via=Contact("email", owner.email), matched="id_number")
    elif owner.phone:
        attempts.tell_owner(owner=owner, via=Contact("phone", owner.phone), matched="id_number")
    return True


def _checked_registration(
    kind: AccountKind, full_name: str, contact: str, id_number: str
) -> tuple[Contact, str]:
    """The contact parsed and the ID number stripped, once the form's fields pass."""
    if kind not in PUBLIC_KINDS:
        raise InvalidInput(CitizenError.INVALID_KIND, _("Loại tài khoản không hợp lệ."))
    if not full_name.strip():
        raise InvalidInput(CitizenError.NAME_REQUIRED, _("Hãy nhập họ và tên."))
    parsed = parse_contact(contact)
    id_number = id_number.strip()
    if id_number:
        if kind != AccountKind.CITIZEN:
            raise InvalidInput(
                CitizenError.ID_NUMBER_FOR_CITIZENS,
                _("Chỉ tài khoản công dân có số định danh cá nhân."),
            )
        try:
            citizen_id_validator(id_number)
        except ValidationError as exc:
            raise InvalidInput(CitizenError.INVALID_ID_NUMBER, exc.messages[0]) from exc
    return parsed, id_number


def _create_inactive_account(
    kind: AccountKind, full_name: str, parsed: Contact, password: str, id_number: str
) -> User:
    """The account with its (empty) profile, inactive until a contact is confirmed."""
    email = parsed.value if parsed.kind == "email" else ""
    phone = parsed.value if parsed.kind == "phone" else ""
    prefix = "cd" if kind == AccountKind.CITIZEN else "dn"
    user = create_account(
        actor=None,
        username=f"{prefix}-{secrets.token_hex(5)}",
        password=password,
        full_name=full_name,
        kind=kind,
        email=email,
        phone=phone,
        id_number=id_number or None,
    )
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    CitizenProfile.objects.create(user=user)
    return user


# --- e-mail confirmation ---------------------------------------------------


def email_token(user: User, email: str) -> str:
    return signing.TimestampSigner(salt=EMAIL_TOKEN_SALT).sign_object(
        {"user": user.pk, "email": email}
    )


def schedule_confirmation_email(user: User, email: str) -> None:
    """Queue the confirmation link to `email`, in the caller's transaction.

    The link is a key to the account: the e-mail waits sealed and its body is
    emptied once the worker has sent it.
    """
    public_url = str(getattr(settings, "PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/")
    link = public_url + reverse("citizens:confirm-email", args=[email_token(user, email)])
    body = render_to_string(
        "citizens/email/confirm_email.txt",
        {"name": user.display_name, "link": link, "hours": email_confirm_max_age() // 3600},
    )
    queue_email(to=email, subject=_("Xác nhận địa chỉ e-mail"), body=body, sealed=True)


def _first_confirmation(profile: CitizenProfile) -> bool:
    return not profile.is_confirmed


@transaction.atomic
def confirm_email(*, token: str) -> User:
    """Confirm the e-mail named in a signed link; activate a new account."""
    try:
        payload = signing.TimestampSigner(salt=EMAIL_TOKEN_SALT).unsign_object(
            token, max_age=email_confirm_max_age()
        )
    except signing.SignatureExpired as exc:
        raise InvalidInput(
            CitizenError.CONFIRMATION_EXPIRED,
            _("Đường dẫn xác nhận đã hết hạn. Hãy yêu cầu gửi lại đường dẫn mới."),
        ) from exc
    except signing.BadSignature as exc:
        raise InvalidInput(
            CitizenError.CONFIRMATION_INVALID, _("Đường dẫn xác nhận không hợp lệ.")
        ) from exc
    user = (
        User.objects.select_for_update()
        .filter(pk=payload.get("user"), kind__in=PUBLIC_KINDS)
        .first()
    )
    if user is None:
        raise InvalidInput(CitizenError.CONFIRMATION_INVALID, _("Đường dẫn xác nhận không hợp lệ."))
    email = str(payload["email"])
    profile, _created = CitizenProfile.objects.get_or_create(user=user)
    if user.email == email and profile.email_confirmed_at is not None:
        return user
    contact = Contact("email", email)
    _lock_contact(contact)
    _refuse_taken(contact, exclude=user)
    activate = _first_confirmation(profile)
    user.email = email
    user.is_active = user.is_active or activate
    user.save(update_fields=["email", "is_active"])
    profile.email_confirmed_at = timezone.now()
    profile.save(update_fields=["email_confirmed_at", "updated_at"])
    record_event(
        event_type="citizens.email_confirmed",
        actor=user,
        target=user,
        details={"activated": activate},
    )
    return user


# --- phone confirmation and password reset by SMS --------------------------


def confirm_phone(*, user: User, code: str) -> User:
    """Check the SMS code; the number it went to becomes the confirmed phone."""

    def apply(phone_code: PhoneCode) -> None:
        contact = Contact("phone", phone_code.phone)
        _lock_contact(contact)
        _refuse_taken(contact, exclude=user)
        profile, _created = CitizenProfile.objects.get_or_create(user=user)
        activate = _first_confirmation(profile)
        user.phone = phone_code.phone
        user.is_active = user.is_active or activate
        user.save(update_fields=["phone", "is_active"])
        profile.phone_confirmed_at = timezone.now()
        profile.save(update_fields=["phone_confirmed_at", "updated_at"])
        record_event(
            event_type="citizens.phone_confirmed",
            actor=user,
            target=user,
            details={"activated": activate},
        )

    codes.use_code(user=user, purpose=CodePurpose.CONFIRM_PHONE, code=code, apply=apply)
    user.refresh_from_db()
    return user


def reset_password_with_code(*, user: User, code: str, password: str) -> User:
    """Set a new password after checking the SMS code sent for the reset."""
    check_password_strength(password, user)

    def apply(phone_code: PhoneCode) -> None:
        set_new_password(user=user, password=password, via="sms")

    codes.use_code(user=user, purpose=CodePurpose.RESET_PASSWORD, code=code, apply=apply)
    return user


@transaction.atomic
def set_new_password(*, user: User, password: str, via: str) -> User:
    """The forgotten-password flows end here (`via` "email" or "sms")."""
    check_password_strength(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(
        event_type="citizens.password_reset", actor=user, target=user, details={"via": via}
    )
    return user


# --- profile -----------------------------------------------------------------


@transaction.atomic
def update_profile(
    *,
    actor: User,
    user: User,
    full_name: str,
    date_of_birth: date | None,
    address: str,
    address_unit: Unit | None,
    id_number: str = "",
) -> CitizenProfile:
    """Change the name, birth date, address and (once, if empty) the ID number."""
    _check_profile(actor, user, full_name, date_of_birth, address_unit)
    user = User.objects.select_for_update().get(pk=user.pk)
    profile, _created = CitizenProfile.objects.select_for_update().get_or_create(user=user)
    changed = _update_account(user, full_name, id_number)
    changed += _update_profile_fields(profile, date_of_birth, address, address_unit)
    if changed:
        # Field names only: the values are personal data (Decree 13/2023/NĐ-CP).
        record_event(
            event_type="citizens.profile_updated",
            actor=actor,
            target=user,
            details={"fields": changed},
        )
    return profile


def _check_profile(
    actor: User,
    user: User,
    full_name: str,
    date_of_birth: date | None,
    address_unit: Unit | None,
) -> None:
    if actor.pk != user.pk or user.kind not in PUBLIC_KINDS:
        raise PermissionDenied(CitizenError.PERMISSION_DENIED, _("Bạn không được sửa hồ sơ này."))
    if not full_name.strip():
        raise InvalidInput(CitizenError.NAME_REQUIRED, _("Hãy nhập họ và tên."))
    if address_unit is not None and address_unit.kind != UnitKind.COMMUNE:
        raise InvalidInput(CitizenError.INVALID_COMMUNE, _("Hãy chọn một xã, phường hoặc đặc khu."))
    if date_of_birth is not None and date_of_birth > timezone.localdate():
        raise InvalidInput(CitizenError.INVALID_BIRTH_DATE, _("Ngày sinh không được sau hôm nay."))


def _update_account(user: User, full_name: str, id_number: str) -> list[str]:
    """Set the account's name and a first ID number (`user` locked); the fields changed."""
    changed: list[str] = []
    id_number = id_number.strip()
    if id_number and id_number != (user.id_number or ""):
        if user.id_number or user.kind != AccountKind.CITIZEN:
            raise InvalidInput(
                CitizenError.ID_NUMBER_FIXED, _("Số định danh cá nhân đã có không thể tự sửa.")
            )
        try:
            citizen_id_validator(id_number)
        except ValidationError as exc:
            raise InvalidInput(CitizenError.INVALID_ID_NUMBER, exc.messages[0]) from exc
        if User.objects.filter(id_number=id_number).exists():
            raise Conflict(
                CitizenError.ID_NUMBER_TAKEN, _("Số định danh cá nhân này đã có tài khoản.")
            )
        user.id_number = id_number
        changed.append("id_number")
    if user.full_name != full_name.strip():
        user.full_name = full_name.strip()
        changed.append("full_name")
    user.save(update_fields=["full_name", "id_number"])
    return changed


def _update_profile_fields(
    profile: CitizenProfile, date_of_birth: date | None, address: str, address_unit: Unit | None
) -> list[str]:
    """Set the birth date and the address (`profile` locked); the fields changed."""
    changed: list[str] = []
    for field, value in (
        ("date_of_birth", date_of_birth),
        ("address", address.strip()),
        ("address_unit", address_unit),
    ):
        if getattr(profile, field) != value:
            setattr(profile, field, value)
            changed.append(field)
    profile.save()
    return changed


def request_contact_change(*, actor: User, contact: str) -> Contact:
    """Send a confirmation to a new e-mail or phone; it replaces the old one
    only once confirmed, so a typo never locks the citizen out."""
    if actor.kind not in PUBLIC_KINDS:
        raise PermissionDenied(CitizenError.PERMISSION_DENIED, _("Bạn không được sửa hồ sơ này."))
    parsed = parse_contact(contact)
    _refuse_taken(parsed, exclude=actor)
    if parsed.kind == "email":
        with transaction.atomic():
            schedule_confirmation_email(actor, parsed.value)
    else:
        codes.issue_code(user=actor, phone=parsed.value, purpose=CodePurpose.CONFIRM_PHONE)
    return parsed

"""Accounts from the national identity provider's verified claims.

The ID number claim names the account:
- no account has it: a citizen account is created from the claims;
- a citizen/business account whose number the provider already vouched
  for, or that an administrator entered (no profile): that account;
- a self-registered account whose number was only typed in: refused, since
  anyone can type someone else's number. Its holder logs in with the
  password and links the identity from the profile page (`link_identity`);
- a staff account: refused (staff log in on the staff page).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import AccountKind, User, citizen_id_validator
from egov.platform.accounts.services import create_account
from egov.platform.audit.services import record_event
from egov.platform.citizens.contacts import Contact, normalise_email, normalise_phone
from egov.platform.citizens.errors import CitizenError
from egov.platform.citizens.models import CitizenProfile
from egov.platform.citizens.selectors import PUBLIC_KINDS, contact_taken
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied


def claimed_id_number(claims: dict[str, Any], claim: str) -> str:
    value = str(claims.get(claim) or "").strip()
    try:
        citizen_id_validator(value)
    except ValidationError as exc:
        raise InvalidInput(
            CitizenError.OIDC_NO_ID_NUMBER,
            _("Hệ thống định danh không trả về số định danh cá nhân hợp lệ."),
        ) from exc
    return value


def _verified(claims: dict[str, Any], key: str) -> bool:
    return claims.get(key) is True or str(claims.get(key)).lower() == "true"


@transaction.atomic
def sign_in_with_identity(*, claims: dict[str, Any], id_number_claim: str) -> User:
    """The account to log in for verified ID-token claims (created if new)."""
    id_number = claimed_id_number(claims, id_number_claim)
    user = User.objects.select_for_update().filter(id_number=id_number).first()
    if user is None:
        return _create_from_claims(claims, id_number)
    if user.kind not in PUBLIC_KINDS:
        raise PermissionDenied(
            CitizenError.OIDC_STAFF_ACCOUNT,
            _("Tài khoản cán bộ không đăng nhập bằng định danh điện tử ở trang này."),
        )
    profile = CitizenProfile.objects.filter(user=user).first()
    if profile is not None and profile.id_verified_at is None:
        raise Conflict(
            CitizenError.OIDC_UNVERIFIED_ACCOUNT,
            _(
                "Số định danh này đã gắn với một tài khoản đăng ký bằng e-mail hoặc số điện "
                "thoại. Hãy đăng nhập bằng mật khẩu, rồi chọn “Xác thực bằng định danh điện "
                "tử” trong trang hồ sơ."
            ),
        )
    if not user.is_active:
        raise PermissionDenied(CitizenError.ACCOUNT_LOCKED, _("Tài khoản này đã bị khóa."))
    return user


def _create_from_claims(claims: dict[str, Any], id_number: str) -> User:
    now = timezone.now()
    email = normalise_email(str(claims.get("email") or ""))
    if email and contact_taken(Contact("email", email)):
        email = None
    phone = normalise_phone(str(claims.get("phone_number") or ""))
    if phone and contact_taken(Contact("phone", phone)):
        phone = None
    name = (
        str(claims.get("name") or "").strip()
        or " ".join(str(claims.get(k) or "").strip() for k in ("family_name", "given_name")).strip()
    )
    user = create_account(
        actor=None,
        username=f"cd-{secrets.token_hex(5)}",
        password=secrets.token_urlsafe(32),
        full_name=name[:150],
        kind=AccountKind.CITIZEN,
        email=email or "",
        phone=phone or "",
        id_number=id_number,
    )
    # No password: this account logs in only through the identity provider
    # (Django's reset by e-mail skips accounts without a usable password).
    user.set_unusable_password()
    user.save(update_fields=["password"])
    CitizenProfile.objects.create(
        user=user,
        id_verified_at=now,
        email_confirmed_at=now if email and _verified(claims, "email_verified") else None,
        phone_confirmed_at=now if phone and _verified(claims, "phone_number_verified") else None,
    )
    record_event(
        event_type="citizens.registered_by_identity",
        actor=user,
        target=user,
        details={"sub": str(claims.get("sub", "")), "iss": str(claims.get("iss", ""))},
    )
    return user


@transaction.atomic
def link_identity(*, actor: User, claims: dict[str, Any], id_number_claim: str) -> User:
    """A logged-in citizen proves their ID number through the provider."""
    if actor.kind != AccountKind.CITIZEN:
        raise PermissionDenied(
            CitizenError.OIDC_NOT_CITIZEN,
            _("Chỉ tài khoản công dân xác thực bằng định danh điện tử."),
        )
    id_number = claimed_id_number(claims, id_number_claim)
    user = User.objects.select_for_update().get(pk=actor.pk)
    if user.id_number and user.id_number != id_number:
        raise Conflict(
            CitizenError.OIDC_OTHER_PERSON,
            _("Định danh điện tử thuộc người khác với số định danh của tài khoản này."),
        )
    if not user.id_number:
        if User.objects.filter(id_number=id_number).exists():
            raise Conflict(
                CitizenError.ID_NUMBER_TAKEN, _("Số định danh cá nhân này đã có tài khoản khác.")
            )
        user.id_number = id_number
        user.save(update_fields=["id_number"])
    profile, _created = CitizenProfile.objects.get_or_create(user=user)
    profile.id_verified_at = timezone.now()
    profile.save(update_fields=["id_verified_at", "updated_at"])
    record_event(
        event_type="citizens.identity_linked",
        actor=actor,
        target=user,
        details={"sub": str(claims.get("sub", "")), "iss": str(claims.get("iss", ""))},
    )
    return user

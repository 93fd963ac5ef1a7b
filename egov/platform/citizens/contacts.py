"""E-mail addresses and phone numbers typed by people, made canonical."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from egov.platform.citizens.errors import CitizenError
from egov.platform.core.errors import InvalidInput

_PHONE_NOISE = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^0\d{9,10}$")


def normalise_phone(raw: str) -> str | None:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678'; None if not a phone."""
    value = _PHONE_NOISE.sub("", raw.strip())
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) >= 11:
        value = "0" + value[2:]
    return value if _PHONE.match(value) else None


def normalise_email(raw: str) -> str | None:
    value = raw.strip()
    try:
        validate_email(value)
    except ValidationError:
        return None
    local, _at, domain = value.rpartition("@")
    # Domains are case-insensitive; the local part is kept as typed.
    return f"{local}@{domain.lower()}"


@dataclass(frozen=True)
class Contact:
    kind: str  # "email" or "phone"
    value: str


def parse_contact(raw: str) -> Contact:
    """An e-mail address or a Vietnamese phone number, or InvalidInput."""
    if "@" in raw:
        email = normalise_email(raw)
        if email is not None:
            return Contact("email", email)
        raise InvalidInput(CitizenError.INVALID_EMAIL, _("Địa chỉ e-mail không đúng."))
    phone = normalise_phone(raw)
    if phone is not None:
        return Contact("phone", phone)
    raise InvalidInput(
        CitizenError.INVALID_CONTACT,
        _("Hãy nhập địa chỉ e-mail hoặc số điện thoại (ví dụ 0912345678)."),
    )


def mask_contact(contact: Contact) -> str:
    """What a page may echo back: 'an***@example.vn', '0912***678'."""
    if contact.kind == "email":
        local, _at, domain = contact.value.partition("@")
        return f"{local[:2]}***@{domain}"
    return f"{contact.value[:4]}***{contact.value[-3:]}"

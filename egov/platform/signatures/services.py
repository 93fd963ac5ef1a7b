"""Changing what signing keeps: a user's own signature image and remote
account, a unit's seal image. Each is one service function in one durable
transaction with its audit event (STYLE.md, architecture 1 and 3)."""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import transaction

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.organisation.models import Unit

from .errors import SignatureErrorCode, SigningError
from .images import checked_png
from .models import SignerProfile, UnitSeal

MAX_ACCOUNT = 100


def profile_of(user: User) -> SignerProfile | None:
    return SignerProfile.objects.filter(user=user).first()


def upload_signature_image(*, actor: User, data: bytes) -> SignerProfile:
    """The actor's own handwritten signature image (nobody uploads another's)."""
    width, height = checked_png(data)
    written = ""
    try:
        with transaction.atomic(durable=True):
            profile, _created = SignerProfile.objects.select_for_update().get_or_create(user=actor)
            old = profile.signature_image.name or ""
            profile.signature_image.save(
                f"{secrets.token_hex(16)}.png", ContentFile(data), save=False
            )
            written = profile.signature_image.name or ""
            profile.save()
            record_event(
                event_type="signatures.signature_image_uploaded",
                actor=actor,
                target=profile,
                details={"width": width, "height": height, "bytes": len(data)},
            )
    except BaseException:
        if written:
            profile.signature_image.storage.delete(written)
        raise
    if old:
        profile.signature_image.storage.delete(old)
    return profile


def set_remote_account(*, actor: User, account: str) -> SignerProfile:
    """The actor's own account at the remote signing service."""
    account = account.strip()
    if not account or len(account) > MAX_ACCOUNT:
        raise SigningError(SignatureErrorCode.NO_REMOTE_ACCOUNT)
    with transaction.atomic(durable=True):
        profile, _created = SignerProfile.objects.select_for_update().get_or_create(user=actor)
        profile.remote_account = account
        profile.save()
        record_event(
            event_type="signatures.remote_account_set",
            actor=actor,
            target=profile,
            details={"account": account},
        )
    return profile


def upload_seal_image(*, actor: User, unit: Unit, data: bytes) -> UnitSeal:
    """The unit's red seal image, by an administrator of the unit."""
    if not has_role_over(actor, unit, [Role.ADMINISTRATOR]):
        raise SigningError(SignatureErrorCode.NOT_ALLOWED)
    width, height = checked_png(data)
    written = ""
    old = ""
    try:
        with transaction.atomic(durable=True):
            seal = UnitSeal.objects.select_for_update().filter(unit=unit).first()
            if seal is None:
                seal = UnitSeal(unit=unit, uploaded_by=actor)
            old = seal.image.name or ""
            seal.uploaded_by = actor
            seal.image.save(f"{secrets.token_hex(16)}.png", ContentFile(data), save=False)
            written = seal.image.name or ""
            seal.save()
            record_event(
                event_type="signatures.seal_image_uploaded",
                actor=actor,
                target=seal,
                unit=unit,
                details={"width": width, "height": height, "bytes": len(data)},
            )
    except BaseException:
        if written:
            UnitSeal.image.field.storage.delete(written)
        raise
    if old:
        UnitSeal.image.field.storage.delete(old)
    return seal


def read_image(field_file: object) -> bytes | None:
    """The bytes of a stored image, or None when none is stored."""
    name = getattr(field_file, "name", "")
    if not name:
        return None
    storage = field_file.storage  # type: ignore[attr-defined]
    with storage.open(name, "rb") as handle:
        data: bytes = handle.read()
    return data

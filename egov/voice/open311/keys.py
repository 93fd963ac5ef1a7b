"""Issuing and checking the API keys of Open311 client applications."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit
from egov.voice.feedback.errors import FeedbackError
from egov.voice.open311.models import ApiClient


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_key(*, actor: User | None, name: str, unit: Unit) -> tuple[ApiClient, str]:
    """A new client and its key, shown this once. `actor` None: a command run by the operator."""
    if actor is not None and not has_role_over(actor, unit, [Role.ADMINISTRATOR]):
        raise PermissionDenied(
            FeedbackError.PERMISSION_DENIED,
            _("Chỉ quản trị của cơ quan nhận mới được cấp khóa API."),
        )
    label = " ".join((name or "").split())[:200]
    if not label:
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Cần nhập tên ứng dụng."))
    key = secrets.token_urlsafe(32)
    with transaction.atomic(durable=True):
        client = ApiClient.objects.create(
            name=label, unit=unit, key_prefix=key[:8], key_hash=_digest(key)
        )
        record_event(
            event_type="voice.api_client_created",
            actor=actor,
            target=client,
            unit=unit,
            details={"name": label, "prefix": client.key_prefix},
        )
    return client, key


def revoke_key(*, actor: User | None, client: ApiClient) -> ApiClient:
    if actor is not None and not has_role_over(actor, client.unit, [Role.ADMINISTRATOR]):
        raise PermissionDenied(
            FeedbackError.PERMISSION_DENIED,
            _("Chỉ quản trị của cơ quan nhận mới được thu hồi khóa API."),
        )
    with transaction.atomic(durable=True):
        client = ApiClient.objects.select_for_update().get(pk=client.pk)
        client.is_active = False
        client.save(update_fields=["is_active"])
        record_event(
            event_type="voice.api_client_revoked",
            actor=actor,
            target=client,
            unit=client.unit,
            details={"prefix": client.key_prefix},
        )
    return client


def client_for_key(key: str) -> ApiClient | None:
    """The active client holding `key`, or None."""
    if not key or len(key) > 200:
        return None
    digest = _digest(key)
    client = ApiClient.objects.select_related("unit").filter(key_hash=digest).first()
    # The lookup is by the digest's index; compare again in constant time.
    if client is None or not client.is_active or not hmac.compare_digest(client.key_hash, digest):
        return None
    return client

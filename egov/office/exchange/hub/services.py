"""The hub's operations: take a message, list pending messages (one agency's, or
all the caller's agencies' in one call), acknowledge.

Who may call: EXCHANGE_HUB_CLIENTS maps each client deployment's token to the
agencies it serves ("token=000.00.01.H41,000.00.02.H41;token2=*"). A client
sends only from its agencies and fetches only for them. The hub keeps each
consignment id once: a second submit answers `exchange_duplicate` (the
sender counts it delivered), so a retry after a lost answer never doubles a
message.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.office.exchange.edxml.parse import parse_message
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.faults import (
    duplicate,
    invalid_envelope,
    too_large,
    unknown_addressee,
    unsupported_version,
)
from egov.office.exchange.hub.models import HubMessage
from egov.office.exchange.models import MessageKind
from egov.office.exchange.transport.base import EDXML_VERSION, Envelope
from egov.platform.core.errors import PermissionDenied


def clients() -> dict[str, list[str]]:
    raw = getattr(settings, "EXCHANGE_HUB_CLIENTS", "") or ""
    if isinstance(raw, dict):
        return {str(k): [str(o) for o in v] for k, v in raw.items()}
    found: dict[str, list[str]] = {}
    for part in str(raw).split(";"):
        token, _sep, organs = part.partition("=")
        if token.strip():
            found[token.strip()] = [o.strip() for o in organs.split(",") if o.strip()]
    return found


def client_organs(token: str) -> list[str]:
    """The agencies of the caller's deployment; 404 when the hub is off, 403 for a bad token."""
    known = clients()
    if not known:
        raise Http404
    for candidate, organs in known.items():
        if token and secrets.compare_digest(candidate.encode(), token.encode()):
            return organs
    raise PermissionDenied(
        ExchangeError.NOT_ALLOWED, _("Mã truy cập trục liên thông không hợp lệ.")
    )


def _serves(organs: list[str], organ_id: str) -> bool:
    return "*" in organs or organ_id in organs


def _check_own(organs: list[str], organ_id: str) -> None:
    if not _serves(organs, organ_id):
        raise PermissionDenied(
            ExchangeError.NOT_ALLOWED,
            _("Cơ quan %(organ)s không thuộc hệ thống gửi yêu cầu.") % {"organ": organ_id[:40]},
        )


def submit(*, token: str, envelope: Envelope) -> HubMessage:
    organs = client_organs(token)
    _check_own(organs, envelope.from_organ)
    if envelope.version != EDXML_VERSION:
        raise unsupported_version(envelope.version)
    limit = int(settings.EXCHANGE_MAX_MESSAGE_MB)
    if len(envelope.body) > limit * 1024 * 1024:
        raise too_large(len(envelope.body), limit)
    if envelope.kind not in MessageKind.values:
        raise invalid_envelope("X-Message-Kind")
    if not any(_serves(served, envelope.to_organ) for served in clients().values()):
        raise unknown_addressee(envelope.to_organ)
    if HubMessage.objects.filter(consignment_id=envelope.consignment_id).exists():
        raise duplicate(str(envelope.consignment_id))
    parse_message(envelope.body)  # refuses what is not an edXML message, with its fault
    try:
        with transaction.atomic():
            return HubMessage.objects.create(
                consignment_id=envelope.consignment_id,
                from_organ=envelope.from_organ,
                to_organ=envelope.to_organ,
                kind=envelope.kind,
                body=envelope.body,
                size=len(envelope.body),
            )
    except IntegrityError:
        raise duplicate(str(envelope.consignment_id)) from None


def pending(*, token: str, organ_id: str, limit: int) -> list[HubMessage]:
    _check_own(client_organs(token), organ_id)
    return list(
        HubMessage.objects.filter(to_organ=organ_id, acknowledged_at__isnull=True).order_by("pk")[
            : max(1, min(limit, 200))
        ]
    )


# The most agencies one "pending for all my agencies" call may name: a province's
# deployment has a few hundred units with an identifier; the client splits beyond.
MAX_ORGANS = 2000


def pending_for(
    *, token: str, organ_ids: list[str], limit: int
) -> tuple[list[HubMessage], list[str]]:
    """The pending messages of several agencies in one query, in the order the hub
    took them (so each agency's own order holds), and the agencies named that are
    not the caller's: those get nothing listed, and the others are not held up by
    a unit the hub does not know as the caller's (a new unit, a changed token)."""
    organs = client_organs(token)
    wanted = sorted(set(organ_ids))
    if not wanted or len(wanted) > MAX_ORGANS:
        raise invalid_envelope("organs")
    served = [organ_id for organ_id in wanted if _serves(organs, organ_id)]
    refused = [organ_id for organ_id in wanted if not _serves(organs, organ_id)]
    messages = list(
        HubMessage.objects.filter(to_organ__in=served, acknowledged_at__isnull=True).order_by("pk")[
            : max(1, min(limit, 200))
        ]
    )
    return messages, refused


def acknowledge(*, token: str, consignment_id: uuid.UUID, answer: str) -> HubMessage:
    organs = client_organs(token)
    message = HubMessage.objects.filter(consignment_id=consignment_id).first()
    if message is None or not _serves(organs, message.to_organ):
        raise Http404
    # Idempotent: a second acknowledgement keeps the first one's time and answer.
    HubMessage.objects.filter(pk=message.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now(), answer=answer[:40]
    )
    message.refresh_from_db()
    return message

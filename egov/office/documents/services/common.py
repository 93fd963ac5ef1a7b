"""Helpers the incoming-document services share: text checks, history rows, audit."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import ActionKind, DocumentAction, Holder, IncomingDocument
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput


def required_text(value: str, label: str, *, limit: int) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise InvalidInput(
            OfficeError.INVALID_FIELD,
            _("Cần nhập %(field)s.") % {"field": label},
            details={"field": label},
        )
    if len(text) > limit:
        raise InvalidInput(
            OfficeError.INVALID_FIELD,
            _("%(field)s dài quá %(limit)s ký tự.") % {"field": label, "limit": limit},
            details={"field": label},
        )
    return text


def history(
    document: IncomingDocument,
    actor: User,
    kind: ActionKind,
    *,
    holder: Holder | None = None,
    note: str = "",
) -> DocumentAction:
    return DocumentAction.objects.create(
        document=document, holder=holder, actor=actor, kind=kind, note=note
    )


def audit(
    document: IncomingDocument, actor: User, event: str, details: dict[str, Any] | None = None
) -> None:
    """The audit event, last: the chain head is the last lock a service takes."""
    record_event(
        event_type=f"office.incoming_{event}",
        actor=actor,
        target=document,
        unit=document.body,
        details={"arrival_number": document.arrival_number, **(details or {})},
    )

"""What the document office publishes (egov.platform.core.events): others subscribe.

The office never imports its listeners (the search index, later the
statistics); each subscribes from its AppConfig.ready().
"""

from __future__ import annotations

from dataclasses import dataclass

from egov.office.documents.models import IncomingDocument, OutgoingDocument


@dataclass(frozen=True)
class IncomingRegistered:
    """A received document was entered in the incoming register, with its files."""

    document: IncomingDocument


@dataclass(frozen=True)
class OutgoingIssued:
    """An outgoing document was numbered and issued; its exchange recipients wait to be sent."""

    document: OutgoingDocument


@dataclass(frozen=True)
class IncomingAssigned:
    """The leader assigned a registered incoming document for handling."""

    document: IncomingDocument


@dataclass(frozen=True)
class IncomingHandled:
    """A lead holder acted on an incoming document: began (received) or completed it."""

    document: IncomingDocument
    completed: bool

"""The index follows the document office's events (egov.platform.core.events)."""

from __future__ import annotations

from egov.office.documents.events import IncomingRegistered
from egov.office.search import sources
from egov.office.search.indexing import index_document
from egov.office.search.models import SourceKind
from egov.platform.core.events import Moment, subscribe


def index_registered(event: IncomingRegistered) -> None:
    # In the registering transaction: the entry and its job commit with the
    # document or not at all.
    index_document(SourceKind.INCOMING, event.document.pk)


def connect() -> None:
    sources.connect()
    subscribe(IncomingRegistered, index_registered, moment=Moment.IN_TRANSACTION)

"""What the document office publishes (egov.platform.core.events): others subscribe.

The office never imports its listeners (the search index, later the
statistics); each subscribes from its AppConfig.ready().
"""

from __future__ import annotations

from dataclasses import dataclass

from egov.office.documents.models import IncomingDocument


@dataclass(frozen=True)
class IncomingRegistered:
    """A received document was entered in the incoming register, with its files."""

    document: IncomingDocument

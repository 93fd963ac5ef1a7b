"""The fault raised for a message the platform refuses."""

from __future__ import annotations

from egov.platform.core.errors import InvalidInput


class EdxmlFault(InvalidInput):
    """A refused edXML message; `code` is an ExchangeError member.

    The receiver answers the sending agency with this code (DOMAIN.md: faults
    are explicit) and keeps nothing of the message.
    """

"""Delivery between two agencies of this deployment: straight into inbound, no network."""

from __future__ import annotations

from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.transport.base import Envelope, Fault
from egov.platform.core.errors import DomainError


class LocalTransport:
    def send(self, envelope: Envelope) -> None:
        from egov.office.exchange.inbound import accept  # noqa: PLC0415 - inbound imports routing

        try:
            accept(envelope)
        except DomainError as error:
            if error.code == ExchangeError.DUPLICATE:
                return  # already delivered: the retry of a message whose outcome was lost
            raise Fault(str(error.code), error.message) from error

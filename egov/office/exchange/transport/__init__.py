"""How an edXML message reaches its addressee: one interface, one folder per way.

- `local.py`: the addressee is a unit of this deployment: the message is
  handed to inbound.accept in this process, without leaving the deployment.
- `http.py`: through the hub (egov/office/exchange/hub) over HTTP, for
  agencies of other deployments (or every agency, EXCHANGE_ROUTING="hub").

`route(organ_id)` picks one. A transport's `send` returns when the addressee
(or the hub) took the message, raises `Fault` for an explicit answer that a
retry would not change, and raises anything else for a failure worth a retry.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from egov.office.exchange.directory import own_unit
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.transport.base import Envelope, Fault, Transport

__all__ = ["Envelope", "Fault", "Transport", "route"]


class NoRoute(Exception):  # noqa: N818 - reads as what happened
    """No transport reaches the addressee now: retried after the back-off."""


def route(organ_id: str, *, hub: Transport | None) -> Transport:
    from egov.office.exchange.transport.local import LocalTransport  # noqa: PLC0415 - cycle

    routing = str(getattr(settings, "EXCHANGE_ROUTING", "auto") or "auto")
    if routing == "auto" and own_unit(organ_id) is not None:
        return LocalTransport()
    if hub is None:
        raise NoRoute(
            f"{ExchangeError.NO_ROUTE}: "
            + _("Chưa cấu hình trục liên thông (EXCHANGE_HUB_URL) để gửi tới %(organ)s.")
            % {"organ": organ_id}
        )
    return hub

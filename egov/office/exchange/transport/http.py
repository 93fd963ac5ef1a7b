"""The hub's HTTP client: submit, fetch pending, acknowledge (requests, pinned).

Status codes: 2xx taken; 4xx with a JSON `{"code", "message"}` is an explicit
fault (Fault, never retried; `exchange_duplicate` means the hub already has
it); anything else (5xx, a time-out, a dropped connection) is retried by the
outbox with the same consignment id. A hub from before `POST /pending` answers
it 404 without an exchange fault: OlderHub, and the receiver asks it agency by
agency (`GET /organs/{id}/pending`, the first protocol).
"""

from __future__ import annotations

import base64
import logging
import uuid
from typing import Any

import requests
from django.conf import settings

from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.transport.base import Envelope, Fault

logger = logging.getLogger(__name__)


class OlderHub(Exception):  # noqa: N818 - reads as what the hub is
    """The hub has no `POST /pending` (404 without an exchange fault): ask per agency."""


class HubClient:
    def __init__(self, session: requests.Session, *, url: str = "", token: str = "") -> None:
        self.session = session
        self.url = (url or str(settings.EXCHANGE_HUB_URL)).rstrip("/")
        self.token = token or str(settings.EXCHANGE_HUB_TOKEN)
        self.timeout = float(settings.EXCHANGE_HTTP_TIMEOUT)

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _check(self, response: requests.Response) -> Any:
        if 200 <= response.status_code < 300:
            return response.json()
        if response.status_code == 413:
            raise Fault(ExchangeError.TOO_LARGE, response.text[:200])
        if 400 <= response.status_code < 500:
            try:
                answer = response.json()
                code, message = str(answer["code"]), str(answer.get("message", ""))
            except (ValueError, KeyError, TypeError):
                code, message = "", ""
            if code.startswith("exchange_"):
                raise Fault(code, message)
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")

    def send(self, envelope: Envelope) -> None:
        headers = {
            **self._headers(),
            "Content-Type": "application/xml",
            "X-Consignment-Id": str(envelope.consignment_id),
            "X-From-Organ": envelope.from_organ,
            "X-To-Organ": envelope.to_organ,
            "X-Message-Kind": envelope.kind,
            "X-Edxml-Version": envelope.version,
        }
        response = self.session.post(
            f"{self.url}/messages", data=envelope.body, headers=headers, timeout=self.timeout
        )
        try:
            self._check(response)
        except Fault as fault:
            if fault.code == ExchangeError.DUPLICATE:
                return  # the hub has it: an earlier attempt whose answer was lost
            raise

    def pending(self, organ_id: str, *, limit: int = 50) -> list[Envelope]:
        """One agency's pending messages (what an older hub offers)."""
        response = self.session.get(
            f"{self.url}/organs/{organ_id}/pending",
            params={"limit": limit},
            headers=self._headers(),
            timeout=self.timeout,
        )
        return self._envelopes(response)

    def pending_for(self, organ_ids: list[str], *, limit: int = 50) -> list[Envelope]:
        """The pending messages of all these agencies in one call, in the hub's order."""
        response = self.session.post(
            f"{self.url}/pending",
            json={"organs": organ_ids, "limit": limit},
            headers=self._headers(),
            timeout=self.timeout,
        )
        if response.status_code == 404 and not _is_fault(response):
            raise OlderHub(f"HTTP 404 on {self.url}/pending")
        envelopes = self._envelopes(response)
        refused = response.json().get("not_allowed") or []
        if refused:
            logger.warning("exchange: the hub serves none of %s for this deployment", refused[:20])
        return envelopes

    def _envelopes(self, response: requests.Response) -> list[Envelope]:
        return [
            Envelope(
                consignment_id=uuid.UUID(item["consignment_id"]),
                from_organ=item["from_organ"],
                to_organ=item["to_organ"],
                kind=item["kind"],
                body=base64.b64decode(item["body"]),
            )
            for item in self._check(response)["messages"]
        ]

    def acknowledge(self, consignment_id: uuid.UUID, *, answer: str = "") -> None:
        response = self.session.post(
            f"{self.url}/messages/{consignment_id}/ack",
            json={"answer": answer},
            headers=self._headers(),
            timeout=self.timeout,
        )
        self._check(response)


def _is_fault(response: requests.Response) -> bool:
    """Whether the answer is one of the hub's explicit faults (`exchange_...` code)."""
    try:
        return str(response.json()["code"]).startswith("exchange_")
    except (ValueError, KeyError, TypeError):
        return False

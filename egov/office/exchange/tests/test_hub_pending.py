"""The hub's "pending for all my agencies" call: one request instead of one per agency."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from egov.office.exchange.hub.models import HubMessage

pytestmark = pytest.mark.django_db

URL = "/api/v1/exchange/hub/pending"
TOKEN = "jeton-tinh"
A, B, C = "000.00.01.H53", "000.00.02.H53", "000.00.03.H53"
OTHER = "000.00.00.G06"


@pytest.fixture
def messages(settings: Any) -> list[HubMessage]:
    settings.EXCHANGE_HUB_CLIENTS = f"{TOKEN}={A},{B},{C};other={OTHER}"
    rows = []
    for n, organ in enumerate([A, OTHER, B, A, C, B]):
        rows.append(
            HubMessage.objects.create(
                consignment_id=uuid.UUID(int=n + 1),
                from_organ=OTHER if organ != OTHER else A,
                to_organ=organ,
                kind="document",
                body=f"thông điệp {n}".encode(),
                size=10,
            )
        )
    # One already acknowledged: never listed again.
    HubMessage.objects.filter(pk=rows[3].pk).update(acknowledged_at=timezone.now())
    return rows


def _post(body: dict[str, object], token: str = TOKEN) -> Any:
    return Client().post(
        URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_one_call_lists_the_agencies_messages_in_the_order_the_hub_took_them(
    messages: list[HubMessage],
) -> None:
    answer = _post({"organs": [B, A], "limit": 50})
    assert answer.status_code == 200
    assert answer.json()["not_allowed"] == []
    listed = answer.json()["messages"]
    assert [(m["consignment_id"], m["to_organ"]) for m in listed] == [
        (str(uuid.UUID(int=1)), A),
        (str(uuid.UUID(int=3)), B),
        (str(uuid.UUID(int=6)), B),
    ]
    assert base64.b64decode(listed[0]["body"]).decode() == "thông điệp 0"
    # The limit counts across the agencies, oldest first.
    limited = _post({"organs": [A, B, C], "limit": 2}).json()["messages"]
    assert [m["to_organ"] for m in limited] == [A, B]


def test_an_agency_not_the_callers_gets_nothing_and_holds_up_no_other(
    messages: list[HubMessage],
) -> None:
    answer = _post({"organs": [OTHER, C]}).json()
    assert [m["to_organ"] for m in answer["messages"]] == [C]
    assert answer["not_allowed"] == [OTHER]


@pytest.mark.parametrize(
    ("body", "token", "status", "code"),
    [
        ({"organs": [A]}, "sai", 403, "exchange_not_allowed"),
        ({"organs": []}, TOKEN, 422, "exchange_invalid_field"),
    ],
)
def test_the_call_is_refused_whole_and_changes_nothing(
    messages: list[HubMessage], body: dict[str, object], token: str, status: int, code: str
) -> None:
    before = list(HubMessage.objects.order_by("pk").values_list("acknowledged_at", "answer"))
    answer = _post(body, token)
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert "messages" not in answer.json()
    after = list(HubMessage.objects.order_by("pk").values_list("acknowledged_at", "answer"))
    assert after == before

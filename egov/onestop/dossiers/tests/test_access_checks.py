"""The one-dossier access checks agree with `visible_dossiers`, and a denied action changes nothing.

`dossier_for_user`, `require_visible` and the page's read check the rule
in Python on the units they read; the inbox and lists use the SQL form.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, Handover
from egov.onestop.dossiers.permissions import can_see, require_visible, visible_dossiers
from egov.onestop.dossiers.selectors import dossier_for_user, dossier_state_for_user
from egov.onestop.dossiers.services import consult, move_on
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.portalsync.models import OutboxEvent
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import NotFound


def _post(client: Client, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(payload), content_type="application/json")


def _found(read: Any, user: User | AnonymousUser, pk: int) -> bool:
    try:
        read(user, pk)
    except NotFound as exc:
        assert (exc.code, exc.message) == ("dossier_not_found", "Không tìm thấy hồ sơ.")
        return False
    return True


def test_every_check_agrees_with_visible_dossiers(
    desk: Desk, cast: Cast, province: Province, superuser: User
) -> None:
    # given a dossier at the commune's specialist step, consulted with the
    # provincial justice department (whose head sees it only through that),
    # one still at the desk, and a key that is no dossier
    consulted = receive(desk, cast, province)
    move_on(actor=cast.reception, dossier=consulted, action="forward")
    consult(actor=cast.specialist, dossier=consulted, unit=province.justice, question="Ý kiến?")
    at_desk = receive(desk, cast, province)
    missing = at_desk.pk + 1000
    inactive = User.objects.get(pk=cast.specialist.pk)
    inactive.is_active = False
    users: dict[str, User | AnonymousUser] = {
        "reception": cast.reception,
        "specialist": cast.specialist,
        "head (justice)": cast.head,
        "leader (province)": cast.leader,
        "administrator": cast.admin,
        "outsider": cast.outsider,
        "citizen": cast.citizen,
        "superuser": superuser,
        "inactive": inactive,
        "anonymous": AnonymousUser(),
    }

    # when each check is asked about each dossier
    seen = []
    for name, user in users.items():
        for label, pk in (("consulted", consulted.pk), ("at desk", at_desk.pk), ("none", missing)):
            expected = visible_dossiers(user).filter(pk=pk).exists()
            answers = {
                can_see(user, pk),
                _found(require_visible, user, pk),
                _found(dossier_for_user, user, pk),
                _found(dossier_state_for_user, user, pk),
            }
            assert answers == {expected}, (name, label)
            if expected:
                seen.append((name, label))

    # then they agree with the list's rule, which is as expected
    assert seen == [
        ("reception", "consulted"),
        ("reception", "at desk"),
        ("specialist", "consulted"),
        ("specialist", "at desk"),
        ("head (justice)", "consulted"),
        ("leader (province)", "consulted"),
        ("leader (province)", "at desk"),
        ("administrator", "consulted"),
        ("administrator", "at desk"),
        ("superuser", "consulted"),
        ("superuser", "at desk"),
    ]


# Every API action on one dossier, with a payload that would be valid.
ACTIONS: list[tuple[str, dict[str, Any]]] = [
    ("accept", {}),
    ("claim", {}),
    ("assign", {"assignee": "chuyenvien"}),
    ("move", {"action": "forward"}),
    ("refuse", {"reason": "Không đủ điều kiện"}),
    ("supplement", {"items": ["Giấy chứng sinh"]}),
    ("supplement-received", {"note": "Đã nhận"}),
    ("payment", {"note": "Lệ phí"}),
    ("payment-confirmed", {"note": "Đã nộp"}),
    ("consult", {"unit_id": 0, "question": "Ý kiến?"}),
    ("result", {"number": "1/KS", "signed_on": "2026-03-02", "signer": "Trương Công Danh"}),
    ("apology", {"reason": "Chậm", "new_appointment": "2030-01-01T08:00:00+07:00"}),
    ("withdraw", {"reason": "Công dân xin rút"}),
    ("stop", {"reason": "Dừng"}),
    ("return", {"method": "desk", "collected_by": "Trần Văn An"}),
]


def _state(dossier: Dossier) -> tuple[Any, ...]:
    key = str(dossier.pk)
    return (
        Dossier.objects.filter(pk=dossier.pk).values().get(),
        AuditEvent.objects.filter(target_id=key).count(),
        OutboxEvent.objects.filter(dossier=dossier).count(),
        Handover.objects.filter(dossier=dossier).count(),
    )


@pytest.fixture
def processing(desk: Desk, cast: Cast, province: Province) -> Dossier:
    """A dossier forwarded to the commune's specialist step."""
    dossier = receive(desk, cast, province)
    move_on(actor=cast.reception, dossier=dossier, action="forward")
    return dossier


@pytest.mark.parametrize(("action", "payload"), ACTIONS, ids=[a for a, _p in ACTIONS])
def test_outsider_action_is_not_found_and_changes_nothing(
    action: str,
    payload: dict[str, Any],
    client: Client,
    processing: Dossier,
    cast: Cast,
    province: Province,
) -> None:
    before = _state(processing)
    login(client, cast.outsider)
    if action == "consult":
        payload = {**payload, "unit_id": province.justice.pk}

    response = _post(client, f"/api/v1/dossiers/{processing.pk}/{action}", payload)

    assert (response.status_code, response.json()) == (
        404,
        {"code": "dossier_not_found", "message": "Không tìm thấy hồ sơ."},
    )
    assert _state(processing) == before


# What a user who sees the dossier but holds no role on it (the commune's
# administrator) is told, action by action: the service's checks, in its order.
DENIED = {
    "accept": (403, "permission_denied"),
    "claim": (403, "permission_denied"),
    "assign": (403, "permission_denied"),
    "move": (403, "permission_denied"),
    "refuse": (403, "permission_denied"),
    "supplement": (403, "permission_denied"),
    "supplement-received": (409, "not_waiting_for_supplement"),
    "payment": (403, "permission_denied"),
    "payment-confirmed": (409, "not_waiting_for_payment"),
    "consult": (403, "permission_denied"),
    "result": (409, "not_approved"),
    "apology": (403, "permission_denied"),
    "withdraw": (403, "permission_denied"),
    "stop": (403, "permission_denied"),
    "return": (409, "result_not_ready"),
}


@pytest.mark.parametrize(("action", "payload"), ACTIONS, ids=[a for a, _p in ACTIONS])
def test_viewer_without_the_role_is_refused_and_nothing_changes(
    action: str,
    payload: dict[str, Any],
    client: Client,
    processing: Dossier,
    cast: Cast,
    province: Province,
) -> None:
    before = _state(processing)
    login(client, cast.admin)
    if action == "consult":
        payload = {**payload, "unit_id": province.justice.pk}

    response = _post(client, f"/api/v1/dossiers/{processing.pk}/{action}", payload)

    assert (response.status_code, response.json()["code"]) == DENIED[action]
    assert _state(processing) == before

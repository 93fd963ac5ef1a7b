"""Actions whose access check is made on the service's locked read.

The API does not read the dossier before such an action: the service's read
under the row lock decides whether the user may see it. That check must
come first, as the separate read's did: a dossier the user may not see (or
that does not exist) is "not found", whatever else is wrong with the request.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

NOT_FOUND = (404, {"code": "dossier_not_found", "message": "Không tìm thấy hồ sơ."})


def _post(client: Client, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(payload), content_type="application/json")


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("move", {"action": "forward"}),
        ("claim", {}),
        ("withdraw", {"reason": "Công dân xin rút"}),
        ("accept", {}),
    ],
)
def test_a_dossier_that_does_not_exist_is_not_found(
    action: str, payload: dict[str, Any], client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.reception)

    response = _post(client, f"/api/v1/dossiers/987654321/{action}", payload)

    assert (response.status_code, response.json()) == NOT_FOUND


def test_not_found_comes_before_a_stale_step(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    # given a dossier at the desk's first step, and an outsider naming another step
    dossier = receive(desk, cast, province)
    events = AuditEvent.objects.count()
    login(client, cast.outsider)

    response = _post(
        client,
        f"/api/v1/dossiers/{dossier.pk}/move",
        {"action": "forward", "expected_step_id": desk.leader_step.pk},
    )

    assert (response.status_code, response.json()) == NOT_FOUND
    stored = Dossier.objects.get(pk=dossier.pk)
    assert (stored.current_step, AuditEvent.objects.count()) == (desk.reception_step, events)


def test_a_stale_step_is_told_to_who_may_see_the_dossier(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    login(client, cast.reception)

    response = _post(
        client,
        f"/api/v1/dossiers/{dossier.pk}/move",
        {"action": "forward", "expected_step_id": desk.leader_step.pk},
    )

    assert (response.status_code, response.json()["code"]) == (409, "dossier_changed")

"""The query counts of the desk's busiest API calls: reception and moves.

Pinned so that a change that adds a query per dossier shows up here.
Both the calendar and the content-type caches are warmed first, and each
client makes one request before the one counted (the session's expiry is
refreshed at most once a minute, on the first request).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from egov.accounts.models import User
from egov.conftest import Cast, Province, login
from egov.dossiers.models import Dossier, DossierStatus
from egov.dossiers.tests.conftest import Desk, receive
from egov.workcalendar.deadlines import WorkingCalendar

# Reception (register + accept) in one transaction, not the first of the
# day, on SQLite inside the test's transaction: session, user, memberships
# (once), centre, procedure, agency; savepoint; process, first step,
# documents; the dossier, its documents (one insert), the "registered" event,
# its sync payload (paid?, scans?) and outbox row; calendar check, day
# sequence (one UPDATE ... RETURNING), hand-over, update, the "accepted"
# event, payload and outbox row; release.
RECEPTION_QUERIES = 25
# A move: session, user, memberships (once), may the user see the dossier
# (EXISTS); savepoint, the dossier read under its lock, transition,
# hand-over, calendar check, update, the counts (audit events, last sync),
# the event, payload and outbox row; release. The first one changes the status (accepted ->
# processing): the applicant's e-mail is queued (get_or_create: 4 more).
MOVE_QUERIES = [20, 16, 16]


def _post(client: Client, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(payload), content_type="application/json")


def _ready(client: Client, user: User) -> Client:
    login(client, user)
    assert client.get("/api/v1/dossiers/").status_code == 200  # refreshes the session
    WorkingCalendar.load()
    ContentType.objects.get_for_model(Dossier)
    return client


def test_reception_query_count(
    client: Client,
    desk: Desk,
    cast: Cast,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    receive(desk, cast, province)  # today's first: creates the day's sequence row
    _ready(client, cast.reception)
    payload = {
        "receiving_unit_id": province.long_an_centre.pk,
        "procedure_code": "1.001193",
        "agency_id": province.long_an.pk,
        "applicant": {"name": "Trần Văn An", "id_number": "072090001234", "phone": "0912345678"},
        "received_document_ids": [desk.documents[0].pk, desk.documents[1].pk],
        "outcome": "accept",
    }

    with django_assert_num_queries(RECEPTION_QUERIES):
        response = _post(client, "/api/v1/dossiers/", payload)

    assert response.status_code == 201
    dossier = Dossier.objects.get(pk=response.json()["id"])
    assert (dossier.status, dossier.documents.count()) == (DossierStatus.ACCEPTED, 3)
    assert dossier.code is not None and dossier.code.endswith("-0002")


def test_move_query_counts(
    desk: Desk,
    cast: Cast,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    dossier = receive(desk, cast, province)
    url = f"/api/v1/dossiers/{dossier.pk}/move"
    steps = []
    for (user, action), queries in zip(
        [
            (cast.reception, "forward"),
            (cast.specialist, "forward"),
            (desk.commune_leader, "approve"),
        ],
        MOVE_QUERIES,
        strict=True,
    ):
        client = _ready(Client(), user)
        with django_assert_num_queries(queries):
            response = _post(client, url, {"action": action})
        assert response.status_code == 200
        steps.append(response.json()["current_step_id"])

    assert steps == [desk.specialist_step.pk, desk.leader_step.pk, desk.return_step.pk]


def test_answers_are_what_a_fresh_read_gives(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    # The answers are built from the saved instance, not read back: they
    # must still match the dossier as stored (moments in UTC, names, steps).
    login(client, cast.reception)
    payload = {
        "receiving_unit_id": province.long_an_centre.pk,
        "procedure_code": "1.001193",
        "agency_id": province.long_an.pk,
        "applicant": {"name": "Trần Văn An", "id_number": "072090001234"},
        "received_document_ids": [desk.documents[0].pk, desk.documents[1].pk],
        "outcome": "accept",
    }
    received = _post(client, "/api/v1/dossiers/", payload)
    url = f"/api/v1/dossiers/{received.json()['id']}"
    after_reception = client.get(url)
    moved = _post(client, f"{url}/move", {"action": "forward", "note": "Đủ hồ sơ"})
    after_move = client.get(url)

    assert (received.status_code, moved.status_code) == (201, 200)
    assert received.json() == after_reception.json()
    assert moved.json() == after_move.json()
    assert moved.json()["current_step_name"] == "Thẩm định hồ sơ"
    assert moved.json()["appointment_at"].endswith("Z")

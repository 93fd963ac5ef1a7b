"""The query counts of the desk's API calls and page actions.

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
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.accounts.models import User
from egov.platform.workcalendar.deadlines import WorkingCalendar

# Reception (register, then accept) in one transaction, not the first of
# the day, on SQLite inside the test's transaction: session, user, the
# centre and the agency (one read), memberships (once), the procedure with
# the agency's process and first step (one read); savepoint; documents; the
# Each audit event adds two queries: the chain head's lock and its update.
# dossier inserted (status 1) with its documents (one insert), the
# "registered" event and its outbox row (the last sequence, the sync facts
# in one read, the submitted documents, the supplement history, the row);
# acceptance: the documents' check, calendar check, first step, day
# sequence (one UPDATE ... RETURNING), hand-over, the dossier updated,
# the "accepted" event and its outbox row; the statistics rollups (the
# dossier's fact read, its payments, scans and ratings in one read, the
# complaints about its new code, the day's and the month's counter
# upserted, the fact inserted: egov/onestop/reports/rollups/maintain.py);
# release.
RECEPTION_QUERIES = 38
# A move: session, user, memberships (once), may the user see the dossier?;
# savepoint, the dossier read under its lock, transition, hand-over,
# calendar check, update, the event, its outbox row (last sequence, sync
# facts, submitted documents, supplement history, the row); release. The
# first one changes the status (accepted -> processing): the applicant's
# e-mail is queued (get_or_create: 4 more). Each reads the dossier's
# statistics fact (egov/onestop/reports/rollups/maintain.py: a move changes
# no count).
MOVE_QUERIES = [24, 20, 20]
# The other actions: session, user, memberships, may the user see the
# dossier?, then the service (savepoint, lock, its own reads and writes,
# event, outbox row with its last sequence, sync facts, submitted documents
# and supplement history, release) and no
# read back. A change of status queues the applicant's e-mail (4 more). The
# assignee is read for the answer when it is not the actor (stop: the
# receiving officer). Asking for payment also asks whether the dossier
# was paid already (one read).
# Each also reads the dossier's statistics fact; one that changes a count
# (an end, a result handed over, a first supplement request) upserts the
# daily and the monthly counters and updates the fact (3 more), and an end in status 8 asks
# whether a step refused it (1 more): egov/onestop/reports/rollups/. A
# supplement received reads the payments, scans and ratings again and the
# complaints about the dossier (2 more: the applicant's uploads may have
# digitised it).
ACTION_QUERIES = {
    "claim": 17,
    "supplement": 27,
    "supplement-received": 27,
    "payment": 22,
    "payment-confirmed": 22,
    "forward": 20,
    "approve": 20,
    "result": 25,
    "return": 25,
    "assign": 19,
    "refuse": 28,
    "stop": 27,
    "withdraw": 25,
}
# Reads: session, user, memberships, the dossier with its relations (the
# access check uses the units it joins), then the hand-overs for that page.
GET_QUERIES = 4
HANDOVERS_QUERIES = 5
# The page's action panel (a form POST, then a redirect): session, user,
# memberships, the dossier's status and step with its units, the service;
# after it, may the user still see the dossier (where to go back to)? and
# the session saved with the success message (savepoint, update, release).
PAGE_QUERIES = {"forward": 28, "claim": 21}


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


def _ready_clients(*users: User) -> dict[str, Client]:
    return {user.username: _ready(Client(), user) for user in users}


def test_action_query_counts(
    desk: Desk,
    cast: Cast,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # given dossiers at the desk, and each officer's client warmed up
    path, refused, stopped, withdrawn = (receive(desk, cast, province) for _i in range(4))
    clients = _ready_clients(cast.reception, cast.specialist, desk.commune_leader)
    reception, specialist, leader = (
        clients[u.username] for u in (cast.reception, cast.specialist, desk.commune_leader)
    )
    for dossier in (path, refused):
        assert _post(reception, f"/api/v1/dossiers/{dossier.pk}/move", {"action": "forward"})
    steps: list[tuple[Client, int, str, dict[str, Any]]] = [
        (specialist, path.pk, "claim", {}),
        (specialist, path.pk, "supplement", {"items": ["Giấy chứng sinh"]}),
        (reception, path.pk, "supplement-received", {"note": "Đã nhận"}),
        (specialist, path.pk, "payment", {"note": "Lệ phí"}),
        (specialist, path.pk, "payment-confirmed", {"note": "Đã nộp"}),
        (specialist, path.pk, "forward", {"action": "forward"}),
        (leader, path.pk, "approve", {"action": "approve"}),
        (
            reception,
            path.pk,
            "result",
            {
                "number": "12/KS",
                "signed_on": timezone.localdate().isoformat(),
                "signer": "Trương Công Danh",
            },
        ),
        (reception, path.pk, "return", {"method": "desk", "collected_by": "Trần Văn An"}),
        (leader, refused.pk, "assign", {"assignee": cast.specialist.username}),
        (specialist, refused.pk, "refuse", {"reason": "Không đủ điều kiện"}),
        (leader, stopped.pk, "stop", {"reason": "Dừng theo đề nghị"}),
        (reception, withdrawn.pk, "withdraw", {"reason": "Công dân xin rút"}),
    ]

    done = {}
    for client, pk, name, payload in steps:
        url = f"/api/v1/dossiers/{pk}/{'move' if name in ('forward', 'approve') else name}"
        with django_assert_num_queries(ACTION_QUERIES[name]):
            response = _post(client, url, payload)
        done[name] = response.status_code

    assert done == dict.fromkeys(ACTION_QUERIES, 200)
    assert Dossier.objects.get(pk=path.pk).status == DossierStatus.RETURNED


def test_read_query_counts(
    desk: Desk,
    cast: Cast,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    dossier = receive(desk, cast, province)
    client = _ready(Client(), cast.reception)

    with django_assert_num_queries(GET_QUERIES):
        detail = client.get(f"/api/v1/dossiers/{dossier.pk}")
    with django_assert_num_queries(HANDOVERS_QUERIES):
        history = client.get(f"/api/v1/dossiers/{dossier.pk}/handovers")

    assert (detail.json()["id"], [h["action"] for h in history.json()]) == (dossier.pk, ["accept"])


def test_page_action_query_counts(
    desk: Desk,
    cast: Cast,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    dossier = receive(desk, cast, province)
    reception = _ready(Client(), cast.reception)
    specialist = _ready(Client(), cast.specialist)
    url = f"/ho-so/{dossier.pk}"

    with django_assert_num_queries(PAGE_QUERIES["forward"]):
        forwarded = reception.post(
            f"{url}/forward/",
            {"target": desk.specialist_step.pk, "expected_step": desk.reception_step.pk},
        )
    with django_assert_num_queries(PAGE_QUERIES["claim"]):
        claimed = specialist.post(f"{url}/claim/", {"expected_step": desk.specialist_step.pk})

    assert (forwarded.status_code, claimed.status_code) == (302, 302)
    assert Dossier.objects.get(pk=dossier.pk).assignee == cast.specialist


def test_every_action_answers_what_a_fresh_read_gives(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # Each action answers from the dossier its service saved: the answer
    # must be the dossier as stored, as GET reads it right after.
    path, refused, stopped, withdrawn = (receive(desk, cast, province) for _i in range(4))
    clients = _ready_clients(cast.reception, cast.specialist, desk.commune_leader)
    reception, specialist, leader = (
        clients[u.username] for u in (cast.reception, cast.specialist, desk.commune_leader)
    )
    steps: list[tuple[Client, int, str, dict[str, Any]]] = [
        (reception, path.pk, "move", {"action": "forward"}),
        (specialist, path.pk, "claim", {}),
        (specialist, path.pk, "supplement", {"items": ["Giấy chứng sinh"]}),
        (reception, path.pk, "supplement-received", {"note": "Đã nhận"}),
        (specialist, path.pk, "payment", {"note": "Lệ phí"}),
        (specialist, path.pk, "payment-confirmed", {"note": "Đã nộp"}),
        (specialist, path.pk, "move", {"action": "forward"}),
        (leader, path.pk, "move", {"action": "approve"}),
        (
            reception,
            path.pk,
            "result",
            {
                "number": "12/KS",
                "signed_on": timezone.localdate().isoformat(),
                "signer": "Trương Công Danh",
            },
        ),
        (reception, path.pk, "return", {"method": "desk", "collected_by": "Trần Văn An"}),
        (reception, refused.pk, "move", {"action": "forward"}),
        (leader, refused.pk, "assign", {"assignee": cast.specialist.username}),
        (specialist, refused.pk, "refuse", {"reason": "Không đủ điều kiện"}),
        (leader, stopped.pk, "stop", {"reason": "Dừng theo đề nghị"}),
        (reception, withdrawn.pk, "withdraw", {"reason": "Công dân xin rút"}),
    ]

    for client, pk, name, payload in steps:
        answer = _post(client, f"/api/v1/dossiers/{pk}/{name}", payload)
        stored = client.get(f"/api/v1/dossiers/{pk}")
        assert (name, answer.status_code, answer.json()) == (name, 200, stored.json())

    # stop: answered with the assignee read by its key (the receiving officer)
    assert Dossier.objects.get(pk=stopped.pk).assignee == cast.reception

"""A petition's steps through the REST API, and the reception register's operations."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.voice.complaints.models import Kind, Petition, Status
from egov.voice.complaints.tests.conftest import DENOUNCER, Office
from egov.voice.complaints.tests.test_services import snapshot
from egov.voice.reception.models import Reception

pytestmark = pytest.mark.django_db

JSON = "application/json"


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type=JSON)


def test_a_denunciation_handled_end_to_end_through_the_api(
    office: Office, denunciation: Petition
) -> None:
    head = login(Client(), office.head)
    investigator = login(Client(), office.investigator)
    base = f"/api/v1/complaints/petitions/{denunciation.pk}"
    calls: list[tuple[Client, str, dict[str, Any] | None]] = [
        (
            head,
            "classify",
            {"kind": Kind.DENUNCIATION, "within_competence": True, "qualifying": True},
        ),
        (head, "extend-check", {"reason": "Xác minh tại hai địa điểm"}),
        (head, "accept", None),
        (head, "assign", {"lead_id": office.investigator.pk}),
        (investigator, "findings", {"text": "Có căn cứ."}),
        (head, "extend", {"reason": "Cần xác minh thêm"}),
        (head, "decide", {"number": "05/KL-UBND", "text": "Tố cáo đúng."}),
        (head, "close", {"note": "Đã thi hành."}),
    ]
    answers = []
    for client, step, body in calls:
        response = post(client, f"{base}/{step}", body)
        assert response.status_code == 200, (step, response.json())
        answers.append(response.json()["status"])

    assert answers == [
        Status.CLASSIFIED,
        Status.CLASSIFIED,
        Status.ACCEPTED,
        Status.INVESTIGATING,
        Status.INVESTIGATING,
        Status.INVESTIGATING,
        Status.DECIDED,
        Status.CLOSED,
    ]
    # Even the handler's answer masks the denouncer: the detail is where it is read.
    assert response.json()["petitioner_name"] == "[đã ẩn]"
    denunciation.refresh_from_db()
    assert (denunciation.check_extended, denunciation.extensions) == (True, 1)


def test_forwarding_and_filing_through_the_api(
    province: Province, cast: Cast, office: Office, denunciation: Petition
) -> None:
    head = login(Client(), office.head)
    base = f"/api/v1/complaints/petitions/{denunciation.pk}"
    body = {"kind": Kind.DENUNCIATION, "within_competence": False, "qualifying": True}
    assert post(head, f"{base}/classify", body).status_code == 200
    forwarded = post(head, f"{base}/forward", {"to": "Thanh tra tỉnh Tây Ninh"})
    assert (forwarded.status_code, forwarded.json()["forwarded_to"]) == (
        200,
        "Thanh tra tỉnh Tây Ninh",
    )
    # A step the state does not allow: 409, nothing changed.
    before = snapshot()
    refused = post(head, f"{base}/file", {"reason": "Nặc danh"})
    assert (refused.status_code, refused.json()["code"]) == (409, "complaints_state_not_allowed")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_specialist", 403), ("outsider", 404), ("citizen", 404), ("anonymous", 401)],
)
def test_each_step_denied_through_the_api_changes_nothing(
    cast: Cast, office: Office, denunciation: Petition, who: str, status: int
) -> None:
    users = {"other_specialist": office.other_specialist, "outsider": cast.outsider}
    users["citizen"] = cast.citizen
    client = login(Client(), users[who]) if who in users else Client()
    base = f"/api/v1/complaints/petitions/{denunciation.pk}"
    before = snapshot()
    seen = {
        post(client, f"{base}/{step}", body).status_code
        for step, body in (
            ("accept", None),
            ("forward", {"to": "Thanh tra tỉnh"}),
            ("file", {"reason": "x"}),
            ("assign", {"lead_id": office.other_specialist.pk}),
            ("findings", {"text": "x"}),
            ("extend", {"reason": "x"}),
            ("extend-check", {"reason": "x"}),
            ("decide", {"number": "1", "text": "x"}),
            ("close", None),
        )
    }
    assert seen == ({status, 403} if who == "other_specialist" else {status})
    assert snapshot() == before


def test_assigning_someone_unknown_is_refused(office: Office, denunciation: Petition) -> None:
    head = login(Client(), office.head)
    base = f"/api/v1/complaints/petitions/{denunciation.pk}"
    body = {"kind": Kind.DENUNCIATION, "within_competence": True, "qualifying": True}
    post(head, f"{base}/classify", body)
    post(head, f"{base}/accept")
    before = snapshot()
    response = post(head, f"{base}/assign", {"lead_id": office.investigator.pk, "handler_ids": [0]})
    assert (response.status_code, response.json()["code"]) == (422, "complaints_invalid_field")
    assert snapshot() == before


VISIT = {
    "kind": "regular",
    "place": "Trụ sở UBND phường",
    "citizen_name": DENOUNCER,
    "matter": "denunciation",
    "content": "Tố cáo cán bộ địa chính.",
    "handling": "letter_received",
    "people": 6,
}


def test_the_reception_register_through_the_api(
    province: Province, cast: Cast, office: Office
) -> None:
    reception = login(Client(), office.reception)
    created = post(
        reception, "/api/v1/reception/receptions", {**VISIT, "unit_id": province.long_an.pk}
    )
    listed = reception.get("/api/v1/reception/receptions").json()

    assert created.status_code == 201
    assert (created.json()["citizen"], created.json()["group"]) == ("[đã ẩn]", True)
    assert [(r["id"], r["citizen"], r["people"]) for r in listed] == [
        (created.json()["id"], "[đã ẩn]", 6)
    ]
    assert DENOUNCER not in json.dumps(listed, ensure_ascii=False)
    # Another ward's officer and a citizen read nothing of it.
    assert login(Client(), cast.outsider).get("/api/v1/reception/receptions").json() == []
    assert login(Client(), cast.citizen).get("/api/v1/reception/receptions").json() == []


@pytest.mark.parametrize(
    ("who", "changes", "status"),
    [
        ("citizen", {}, 403),
        ("outsider", {}, 403),
        ("reception", {"unit_id": 0}, 404),
        ("reception", {"kind": "tea"}, 422),
        ("reception", {"people": 0}, 422),
        ("reception", {"petition_code": "DKHONGCO"}, 422),
        ("anonymous", {}, 401),
    ],
)
def test_a_reception_refused_through_the_api_stores_nothing(
    province: Province, cast: Cast, office: Office, who: str, changes: dict[str, Any], status: int
) -> None:
    users = {"citizen": cast.citizen, "outsider": cast.outsider, "reception": office.reception}
    client = login(Client(), users[who]) if who in users else Client()
    body = {**VISIT, "unit_id": province.long_an.pk, **changes}
    response = post(client, "/api/v1/reception/receptions", body)
    assert response.status_code == status
    assert Reception.objects.count() == 0

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from django.utils import timezone

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.audit.models import AuditEvent


def _post(client: Client, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(payload), content_type="application/json")


def _receive_payload(desk: Desk, province: Province, **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "receiving_unit_id": province.long_an_centre.pk,
        "procedure_code": "1.001193",
        "agency_id": province.long_an.pk,
        "applicant": {"name": "Trần Văn An", "id_number": "072090001234", "phone": "0912345678"},
        "received_document_ids": [desk.documents[0].pk, desk.documents[1].pk],
        "outcome": "accept",
    }
    payload.update(overrides)
    return payload


def test_reception_officer_receives_through_the_api(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    login(client, cast.reception)

    response = _post(client, "/api/v1/dossiers/", _receive_payload(desk, province))

    assert response.status_code == 201
    body = response.json()
    dossier = Dossier.objects.get()
    assert body["id"] == dossier.pk
    assert body["code"] == dossier.code
    assert body["status"] == 2
    assert body["status_label"] == "Được tiếp nhận"
    assert body["current_step_name"] == "Tiếp nhận hồ sơ"


def test_missing_document_is_422_and_nothing_written(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    login(client, cast.reception)

    response = _post(
        client,
        "/api/v1/dossiers/",
        _receive_payload(desk, province, received_document_ids=[desk.documents[0].pk]),
    )

    assert response.status_code == 422
    assert response.json() == {
        "code": "missing_documents",
        "message": "Còn thiếu giấy tờ bắt buộc: Giấy chứng sinh.",
        "details": {"missing": ["Giấy chứng sinh"]},
    }
    assert Dossier.objects.count() == 0


def test_specialist_cannot_receive(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    login(client, cast.specialist)
    events = AuditEvent.objects.count()

    response = _post(client, "/api/v1/dossiers/", _receive_payload(desk, province))

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert (Dossier.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_full_path_through_the_api(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    url = f"/api/v1/dossiers/{dossier.pk}"

    login(client, cast.reception)
    forwarded = _post(client, f"{url}/move", {"action": "forward", "note": "Đủ hồ sơ"})
    login(client, cast.specialist)
    claimed = _post(client, f"{url}/claim", {})
    to_leader = _post(client, f"{url}/move", {"action": "forward"})
    login(client, desk.commune_leader)
    approved = _post(client, f"{url}/move", {"action": "approve"})
    login(client, cast.reception)
    result = _post(
        client,
        f"{url}/result",
        {
            "number": "12/2026",
            "signed_on": timezone.localdate().isoformat(),
            "signer": "Trương Công Danh",
        },
    )
    returned = _post(client, f"{url}/return", {"method": "desk", "collected_by": "Trần Văn An"})
    history = client.get(f"{url}/handovers")

    assert [r.status_code for r in (forwarded, claimed, to_leader, approved, result, returned)] == [
        200
    ] * 6
    assert returned.json()["status"] == DossierStatus.RETURNED
    assert [h["action"] for h in history.json()] == [
        "accept",
        "forward",
        "forward",
        "approve",
        "deliver",
    ]


def test_outsider_sees_nothing_and_changes_nothing(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    before = Dossier.objects.filter(pk=dossier.pk).values().get()
    login(client, cast.outsider)

    detail = client.get(f"/api/v1/dossiers/{dossier.pk}")
    moved = _post(client, f"/api/v1/dossiers/{dossier.pk}/move", {"action": "forward"})
    listing = client.get("/api/v1/dossiers/", {"tab": "unassigned"})

    assert detail.status_code == 404
    assert detail.json() == {"code": "dossier_not_found", "message": "Không tìm thấy hồ sơ."}
    assert moved.status_code == 404
    assert listing.json() == []
    assert Dossier.objects.filter(pk=dossier.pk).values().get() == before


def test_forbidden_action_is_409(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    login(client, cast.reception)

    response = _post(client, f"/api/v1/dossiers/{dossier.pk}/move", {"action": "approve"})

    assert response.status_code == 409
    assert response.json() == {
        "code": "action_not_allowed",
        "message": "Bước hiện tại không cho phép thao tác «Phê duyệt».",
    }


def test_inbox_tabs(client: Client, desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)
    login(client, cast.reception)
    _post(client, f"/api/v1/dossiers/{dossier.pk}/move", {"action": "forward"})
    login(client, cast.specialist)

    unassigned = client.get("/api/v1/dossiers/", {"tab": "unassigned"}).json()
    mine_before = client.get("/api/v1/dossiers/", {"tab": "mine"}).json()
    _post(client, f"/api/v1/dossiers/{dossier.pk}/claim", {})
    mine_after = client.get("/api/v1/dossiers/", {"tab": "mine"}).json()

    assert [d["id"] for d in unassigned] == [dossier.pk]
    assert mine_before == []
    assert [d["id"] for d in mine_after] == [dossier.pk]


def test_the_inbox_is_paged_in_a_stable_order(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    # Given three dossiers at the reception officer's step
    dossiers = [receive(desk, cast, province) for _ in range(3)]
    login(client, cast.reception)

    # When the inbox is read two at a time
    first = client.get("/api/v1/dossiers/", {"order": "received_at", "size": "2"})
    second = client.get("/api/v1/dossiers/", {"order": "received_at", "size": "2", "page": "2"})

    # Then the pages follow each other, and only the first says another follows
    assert [d["id"] for d in first.json()] == [d.pk for d in dossiers[:2]]
    assert (first["X-Has-More"], first["Link"]) == (
        "true",
        '</api/v1/dossiers/?order=received_at&size=2&page=2>; rel="next"',
    )
    assert [d["id"] for d in second.json()] == [dossiers[2].pk]
    assert second["X-Has-More"] == "false"
    assert "Link" not in second


def test_an_inbox_page_larger_than_the_maximum_is_refused(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    receive(desk, cast, province)
    login(client, cast.reception)

    too_large = client.get("/api/v1/dossiers/", {"size": 201})
    no_page = client.get("/api/v1/dossiers/", {"page": 0})

    assert (too_large.status_code, too_large.json()["code"]) == (422, "invalid_input")
    assert too_large.json()["details"] == {"fields": [{"field": "size", "type": "less_than_equal"}]}
    assert (no_page.status_code, no_page.json()["details"]) == (
        422,
        {"fields": [{"field": "page", "type": "greater_than_equal"}]},
    )

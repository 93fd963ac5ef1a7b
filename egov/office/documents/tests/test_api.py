"""The document office's API: register, list, assign, forward, act, with stable error codes."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.office.documents.models import IncomingDocument
from egov.office.documents.tests.conftest import PDF
from egov.platform.accounts.models import Role
from egov.platform.audit.models import AuditEvent

BASE = "/api/v1/office/incoming"


def _register(client: Client, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "channel": "electronic",
        "arrived_at": "2026-03-04T08:30:00+07:00",
        "sender": "Bộ Tư pháp",
        "notation": "120/BTP-VP",
        "issued_on": "2026-03-02",
        "document_type": "Công văn",
        "summary": "V/v góp ý dự thảo",
        "file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
    }
    data.update(changes)
    response = client.post(BASE, data)
    return {**response.json(), "http": response.status_code}


def test_the_api_drives_a_document_to_completion(office: Province, cast: Cast, media: Path) -> None:
    clerk, leader, head, specialist = Client(), Client(), Client(), Client()
    login(clerk, cast.clerk)
    login(leader, cast.leader)
    login(head, cast.head)
    handler = make_staff("chuyenvien.stp", "Ngô Thanh Sơn", (office.justice, Role.SPECIALIST))
    login(specialist, handler)

    created = _register(clerk)
    assert (created["http"], created["arrival_number"], created["status_label"]) == (
        201,
        1,
        "Chờ phân công",
    )
    duplicate = _register(clerk)
    assert (duplicate["http"], duplicate["code"]) == (409, "office_possible_duplicate")
    pk = created["id"]
    assert [d["id"] for d in leader.get(f"{BASE}?view=to_assign").json()] == [pk]

    assigned = leader.post(
        f"{BASE}/{pk}/assign",
        {"lead_unit_id": office.justice.pk, "working_days": 3, "instructions": "Giao STP."},
        content_type="application/json",
    )
    assert assigned.status_code == 200
    assert [h["role"] for h in assigned.json()["holders"]] == ["lead"]
    forwarded = head.post(
        f"{BASE}/{pk}/forward", {"specialist": "chuyenvien.stp"}, content_type="application/json"
    )
    assert forwarded.status_code == 200
    done = specialist.post(
        f"{BASE}/{pk}/act", {"action": "complete", "note": ""}, content_type="application/json"
    )
    assert (done.status_code, done.json()["status"]) == (200, "completed")


def test_the_api_denies_and_changes_nothing(office: Province, cast: Cast, media: Path) -> None:
    clerk, outsider = Client(), Client()
    login(clerk, cast.clerk)
    login(outsider, cast.outsider)
    pk = _register(clerk)["id"]
    before = (AuditEvent.objects.count(), list(IncomingDocument.objects.values("status")))
    refused = _register(outsider, notation="1/X")
    assert (refused["http"], refused["code"]) == (404, "office_permission_denied")
    for path, body in (
        (f"{BASE}/{pk}/assign", {"lead_unit_id": office.justice.pk}),
        (f"{BASE}/{pk}/act", {"action": "comment", "note": "x"}),
        (f"{BASE}/{pk}/forward", {"specialist": "chuyenvien"}),
    ):
        response = outsider.post(path, body, content_type="application/json")
        assert (response.status_code, response.json()["code"]) == (
            404,
            "office_document_not_found",
        )
    assert outsider.get(f"{BASE}/{pk}").status_code == 404
    assert outsider.get(BASE).json() == []
    assert (AuditEvent.objects.count(), list(IncomingDocument.objects.values("status"))) == before


def test_the_api_keeps_the_attachments(office: Province, cast: Cast, media: Path) -> None:
    # File[list[UploadedFile]] | None was never filled by django-ninja: the
    # attachments were dropped silently.
    clerk = Client()
    login(clerk, cast.clerk)
    annex = SimpleUploadedFile("Phụ lục.pdf", PDF, content_type="application/pdf")

    created = _register(clerk, attachments=[annex])

    assert created["http"] == 201
    document = IncomingDocument.objects.get(notation="120/BTP-VP")
    assert list(document.attachments.values_list("name", flat=True)) == ["Phụ lục.pdf"]

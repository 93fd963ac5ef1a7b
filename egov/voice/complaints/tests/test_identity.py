"""The denouncer's identity, for every role: only the assigned see it, every read is logged.

Law on Denunciations 2018 art. 47-48. Each role looks at every place a
petition shows (the register, the detail page, the identifying file, the
CSV export, the API list and detail, the printed notice, the figures, the
Django admin) and must not find any of the four identifying details;
only the assigned handler does, and each of their reads is an audit event.
"""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from egov.conftest import Cast, Province, login
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.voice.complaints import selectors, services
from egov.voice.complaints.models import Channel, Kind, Petition
from egov.voice.complaints.tests.conftest import (
    DENOUNCER,
    DENOUNCER_ADDRESS,
    DENOUNCER_CONTACT,
    DENOUNCER_ID,
    Office,
    letter,
)
from egov.voice.feedback.tests.conftest import photo

pytestmark = pytest.mark.django_db

SECRETS = (DENOUNCER, DENOUNCER_ID, DENOUNCER_ADDRESS, DENOUNCER_CONTACT)
READ = "voice.denouncer_identity_read"


@pytest.fixture
def handled(province: Province, office: Office) -> Petition:
    """A denunciation with the signed letter attached, accepted and assigned to one investigator."""
    p = services.record_petition(
        actor=office.clerk,
        letter=letter(),
        addressed_to=province.long_an,
        channel=Channel.DESK,
        attachments=[photo("don-to-cao.png")],
    )
    services.classify(
        actor=office.head,
        petition=p,
        kind=Kind.DENUNCIATION,
        within_competence=True,
        qualifying=True,
    )
    services.accept(actor=office.head, petition=p)
    return services.assign(
        actor=office.head, petition=p, users=[office.investigator], lead=office.investigator
    )


def pages(client: Client, petition: Petition) -> dict[str, tuple[int, bytes]]:
    file_pk = petition.attachments.get().pk
    urls = {
        "register": reverse("complaints:register"),
        "detail": reverse("complaints:detail", kwargs={"pk": petition.pk}),
        "file": reverse("complaints:attachment", kwargs={"pk": petition.pk, "item": file_pk}),
        "export": reverse("complaints:export"),
        "api_list": "/api/v1/complaints/petitions",
        "api_one": f"/api/v1/complaints/petitions/{petition.pk}",
        "notice": reverse("complaints:notice", kwargs={"pk": petition.pk, "notice": "thu-ly"}),
    }
    seen = {}
    for name, url in urls.items():
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        if response.get("Content-Type") == "application/pdf" and response.status_code == 200:
            body = "".join(
                page.extract_text() for page in PdfReader(io.BytesIO(body)).pages
            ).encode()
        if response.get("Content-Type", "").startswith("application/json"):
            # Read as text: the JSON escapes the Vietnamese letters.
            body = json.dumps(response.json(), ensure_ascii=False).encode()
        seen[name] = (response.status_code, body)
    return seen


def shows_identity(body: bytes) -> bool:
    return any(secret.encode() in body for secret in SECRETS)


@pytest.mark.parametrize(
    "role",
    [
        "clerk_who_recorded_it",
        "reception",
        "specialist_not_assigned",
        "head_who_assigned",
        "leader",
        "administrator",
        "superuser",
    ],
)
def test_staff_not_assigned_see_it_masked_everywhere_and_read_nothing(
    province: Province, cast: Cast, office: Office, superuser: User, handled: Petition, role: str
) -> None:
    user = {
        "clerk_who_recorded_it": office.clerk,
        "reception": office.reception,
        "specialist_not_assigned": office.other_specialist,
        "head_who_assigned": office.head,
        "leader": cast.leader,
        "administrator": cast.admin,
        "superuser": superuser,
    }[role]
    reads = AuditEvent.objects.filter(event_type=READ).count()
    seen = pages(login(Client(), user), handled)
    # They see the petition (it is their body's), never who sent it.
    assert seen["register"][0] == 200
    assert handled.code.encode() in seen["register"][1]
    assert seen["detail"][0] == 200
    assert "[đã ẩn]".encode() in seen["detail"][1]
    assert seen["file"][0] == 404
    assert seen["export"][0] == 200
    assert seen["api_list"][0] == 200
    assert seen["api_one"][0] == 200
    assert seen["notice"][0] == 200
    for name, (_status, body) in seen.items():
        assert not shows_identity(body), f"{role} sees the denouncer on {name}"
    assert AuditEvent.objects.filter(event_type=READ).count() == reads


@pytest.mark.parametrize("role", ["citizen", "anonymous", "outsider"])
def test_outside_the_body_nothing_at_all(cast: Cast, handled: Petition, role: str) -> None:
    client = Client()
    if role != "anonymous":
        login(client, cast.citizen if role == "citizen" else cast.outsider)
    seen = pages(client, handled)
    for name in ("detail", "file", "notice", "api_one"):
        status, body = seen[name]
        assert status in (302, 401, 403, 404), (name, status)
        assert not shows_identity(body)
        assert handled.code.encode() not in body
    for _name, (_status, body) in seen.items():
        assert not shows_identity(body)
    assert not AuditEvent.objects.filter(event_type=READ).exists()


def test_the_assigned_handler_sees_it_and_each_read_is_logged(
    office: Office, handled: Petition
) -> None:
    before = timezone.now()
    seen = pages(login(Client(), office.investigator), handled)
    for name in ("detail", "api_one", "notice"):
        assert seen[name][0] == 200
        assert all(s.encode() in seen[name][1] for s in (DENOUNCER, DENOUNCER_ADDRESS)), name
    assert DENOUNCER_ID.encode() in seen["detail"][1]
    assert seen["file"][0] == 200
    # The lists and the export mask it even for the handler.
    for name in ("register", "export", "api_list"):
        assert not shows_identity(seen[name][1]), name
    events = list(
        AuditEvent.objects.filter(event_type=READ)
        .order_by("pk")
        .values_list("actor__username", "details")
    )
    assert events == [
        ("xacminh.la", {"code": handled.code, "purpose": "detail"}),
        ("xacminh.la", {"code": handled.code, "purpose": f"file:{handled.attachments.get().pk}"}),
        ("xacminh.la", {"code": handled.code, "purpose": "api"}),
        ("xacminh.la", {"code": handled.code, "purpose": "notice:thu-ly"}),
    ]
    assert all(e.created_at >= before for e in AuditEvent.objects.filter(event_type=READ))


def test_the_admin_masks_it_for_the_superuser(superuser: User, handled: Petition) -> None:
    client = login(Client(), superuser)
    listing = client.get(reverse("admin:voice_complaints_petition_changelist"))
    change = client.get(reverse("admin:voice_complaints_petition_change", args=[handled.pk]))
    assert listing.status_code == 200
    assert change.status_code == 200
    assert handled.code.encode() in listing.content
    for response in (listing, change):
        assert not shows_identity(response.content)
        assert "[đã ẩn]".encode() in response.content
    searched = client.get(
        reverse("admin:voice_complaints_petition_changelist"), {"q": DENOUNCER_ID}
    )
    assert handled.code.encode() not in searched.content
    assert not AuditEvent.objects.filter(event_type=READ).exists()


def test_figures_count_without_names(province: Province, handled: Petition) -> None:
    now = timezone.now()
    result = selectors.figures(province.long_an, now - timedelta(days=1), now + timedelta(days=1))
    assert result == {
        "received": 1,
        "within_competence": 1,
        "accepted": 1,
        "forwarded": 0,
        "filed": 0,
        "open": 1,
        "settled": 0,
        "settled_on_time": 0,
        "late": 0,
        "complaint": 0,
        "denunciation": 1,
        "recommendation": 0,
        "feedback": 0,
    }


def test_a_complaint_is_not_secret_to_the_staff_of_the_body(
    province: Province, office: Office
) -> None:
    p = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.COMPLAINT),
        addressed_to=province.long_an,
        channel=Channel.DESK,
    )
    response = login(Client(), office.other_specialist).get(
        reverse("complaints:detail", kwargs={"pk": p.pk})
    )
    assert DENOUNCER.encode() in response.content
    assert not AuditEvent.objects.filter(event_type=READ).exists()


def test_a_forwarded_denunciation_notice_carries_no_identity(
    province: Province, office: Office, denunciation: Petition
) -> None:
    services.classify(
        actor=office.head,
        petition=denunciation,
        kind=Kind.DENUNCIATION,
        within_competence=False,
        qualifying=True,
    )
    services.forward(actor=office.head, petition=denunciation, to="Thanh tra tỉnh Tây Ninh")
    response = login(Client(), office.head).get(
        reverse("complaints:notice", kwargs={"pk": denunciation.pk, "notice": "chuyen-don"})
    )
    assert response.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "PHIẾU CHUYỂN ĐƠN" in text
    assert "Thanh tra tỉnh Tây Ninh" in text
    assert DENOUNCER not in text

"""The pages: desk entry, the actions, denied actions change nothing, the citizen's side."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from egov.conftest import Cast, Province, login
from egov.voice.complaints.models import Kind, Petition, Status
from egov.voice.complaints.tests.conftest import DENOUNCER, Office
from egov.voice.complaints.tests.test_services import snapshot

pytestmark = pytest.mark.django_db

FORM = {
    "kind": Kind.DENUNCIATION,
    "petitioner_name": DENOUNCER,
    "petitioner_id_number": "079088012345",
    "petitioner_address": "12 Hẻm Cây Me",
    "petitioner_contact": "0987654321",
    "respondent": "Cán bộ địa chính",
    "summary": "Tố cáo nhận tiền <script>alert(1)</script>",
    "content": "Nội dung",
    "channel": "desk",
}


def test_recording_at_the_desk_and_handling_through_the_pages(
    province: Province, office: Office
) -> None:
    clerk = login(Client(), office.clerk)
    response = clerk.post(
        reverse("complaints:record"), {**FORM, "addressed_to": province.long_an.pk}
    )
    assert response.status_code == 302
    p = Petition.objects.get()
    detail = clerk.get(response["Location"])
    # Text is shown as text, never run.
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in detail.content
    assert DENOUNCER.encode() not in detail.content
    head = login(Client(), office.head)

    def url(name: str) -> str:
        return reverse(f"complaints:{name}", kwargs={"pk": p.pk})

    head.post(
        url("classify"), {"kind": "denunciation", "within_competence": "on", "qualifying": "on"}
    )
    head.post(url("accept"))
    head.post(url("assign"), {"lead": office.investigator.pk, "handlers": [office.investigator.pk]})
    login(Client(), office.investigator).post(url("finding"), {"text": "Đúng một phần"})
    head.post(url("extend"), {"reason": "Cần xác minh thêm"})
    head.post(url("decide"), {"number": "5/KL-UBND", "text": "Kết luận"})
    head.post(url("close"))
    p.refresh_from_db()
    assert (p.status, p.extensions, p.decision_number) == (Status.CLOSED, 1, "5/KL-UBND")
    assert list(p.steps.values_list("kind", flat=True)) == [
        "recorded",
        "classified",
        "accepted",
        "assigned",
        "finding",
        "extended",
        "decided",
        "closed",
    ]


def test_bad_form_input_is_422_and_stores_nothing(province: Province, office: Office) -> None:
    before = snapshot()
    response = login(Client(), office.clerk).post(
        reverse("complaints:record"),
        {**FORM, "petitioner_id_number": "12ab", "addressed_to": province.long_an.pk},
    )
    assert response.status_code == 422
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("classify", {"kind": "complaint", "within_competence": "on", "qualifying": "on"}),
        ("forward", {"to": "Thanh tra tỉnh"}),
        ("file", {"reason": "Nặc danh"}),
        ("accept", {}),
        ("assign", {"lead": "0"}),
        ("finding", {"text": "x"}),
        ("extend", {"reason": "x"}),
        ("extend_check", {"reason": "Xác minh tại nhiều nơi"}),
        ("decide", {"number": "1", "text": "x"}),
        ("close", {}),
    ],
)
@pytest.mark.parametrize(
    "who",
    ["clerk", "reception", "other_specialist", "outsider", "head_of_another_department", "citizen"],
)
def test_each_action_denied_on_the_page_changes_nothing(
    cast: Cast, office: Office, denunciation: Petition, name: str, data: dict[str, str], who: str
) -> None:
    if who == "other_specialist" and name == "classify":
        return  # a specialist of the body classifies
    user = {
        "clerk": office.clerk,
        "reception": office.reception,
        "other_specialist": office.other_specialist,
        "outsider": cast.outsider,
        "head_of_another_department": cast.head,
        "citizen": cast.citizen,
    }[who]
    if name == "assign":
        data = {"lead": str(user.pk), "handlers": str(user.pk)}
    before = snapshot()
    response = login(Client(), user).post(
        reverse(f"complaints:{name}", kwargs={"pk": denunciation.pk}), data
    )
    assert response.status_code in (302, 404)
    assert snapshot() == before


def test_a_citizen_sends_online_and_sees_only_their_own(
    province: Province, cast: Cast, office: Office, denunciation: Petition
) -> None:
    client = login(Client(), cast.citizen)
    response = client.post(
        reverse("complaints:send"),
        {
            **{k: v for k, v in FORM.items() if k != "channel"},
            "kind": "complaint",
            "addressed_to": province.long_an.pk,
        },
    )
    assert response.status_code == 302
    mine = client.get(reverse("complaints:mine"))
    own = Petition.objects.get(account=cast.citizen)
    assert own.code.encode() in mine.content
    assert denunciation.code.encode() not in mine.content
    assert client.get(reverse("complaints:register")).status_code == 404
    assert client.get(f"/api/v1/complaints/petitions/{denunciation.pk}").status_code == 404
    assert client.get(f"/api/v1/complaints/petitions/{own.pk}").json()["code"] == own.code

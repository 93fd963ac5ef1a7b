"""Feedback in the REST API: a citizen sends and rates, staff classify, answer and approve."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.voice.feedback.models import Feedback, FeedbackStep, Topic

JSON = "application/json"


def _post(client: Client, url: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    response = client.post(url, json.dumps(body), content_type=JSON)
    return response.status_code, response.json()


@pytest.mark.django_db
def test_the_whole_path_through_the_api(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    citizen = login(Client(), cast.citizen)
    specialist, leader = login(Client(), cast.specialist), login(Client(), cast.leader)

    status, sent = _post(
        citizen,
        "/api/v1/voice/feedback",
        {
            "addressed_to_id": province.long_an.pk,
            "subject": "regulation",
            "title": "Phí chứng thực bản sao",
            "content": "Mức phí chứng thực bản sao là bao nhiêu?",
            "topic": "ho-tich",
        },
    )
    assert (status, sent["status"], sent["channel"], sent["topic"]) == (
        201,
        "received",
        "api",
        "ho-tich",
    )
    url = f"/api/v1/voice/feedback/{sent['id']}"
    assert _post(specialist, f"{url}/classify", {"decision": "accept"})[1]["status"] == "handling"
    assert _post(specialist, f"{url}/answer", {"answer": "2.000 đồng/trang."})[1]["status"] == (
        "awaiting_approval"
    )
    # The sender does not see the draft.
    assert citizen.get(url).json()["answer"] == ""
    assert _post(leader, f"{url}/approve", {"decision": "approve"})[1]["status"] == "answered"
    assert citizen.get(url).json()["answer"] == "2.000 đồng/trang."
    assert _post(citizen, f"{url}/rate", {"rating": "satisfied"})[1]["rating"] == "satisfied"

    found = Client().get("/api/v1/voice/dialogue?q=phi+chung+thuc").json()
    assert [(item["title"], item["answer"], item["topic"]) for item in found] == [
        ("Phí chứng thực bản sao", "2.000 đồng/trang.", "Hộ tịch")
    ]


@pytest.mark.django_db
def test_strangers_get_404_from_every_action_and_change_nothing(
    province: Province, cast: Cast, sent: Feedback
) -> None:
    url = f"/api/v1/voice/feedback/{sent.pk}"
    bodies: dict[str, dict[str, object]] = {
        "classify": {"decision": "accept"},
        "transfer": {"unit_id": province.long_an_centre.pk, "note": "x"},
        "answer": {"answer": "x"},
        "approve": {"decision": "approve"},
        "rate": {"rating": "satisfied"},
    }
    for who in (cast.outsider, cast.head, cast.citizen):
        client = login(Client(), who)
        for action, body in bodies.items():
            before = (list(Feedback.objects.values()), FeedbackStep.objects.count())
            status, error = _post(client, f"{url}/{action}", body)
            assert (status, error["code"]) == (404, "voice_feedback_not_found"), (
                who.username,
                action,
            )
            assert (list(Feedback.objects.values()), FeedbackStep.objects.count()) == before
        assert client.get(url).status_code == 404
    assert Client().get(url).status_code == 401


@pytest.mark.django_db
def test_bad_input_is_a_clear_error_and_stores_nothing(province: Province, cast: Cast) -> None:
    citizen = login(Client(), cast.citizen)
    base = {
        "addressed_to_id": province.long_an.pk,
        "subject": "procedure",
        "title": "Tiêu đề",
        "content": "Nội dung",
    }

    cases = [
        ({**base, "title": "   "}, 422, "voice_invalid_field"),
        ({**base, "addressed_to_id": 999999}, 422, "voice_unit_not_allowed"),
        ({**base, "topic": "khong-co"}, 422, "voice_invalid_field"),
        ({**base, "latitude": "10.5"}, 422, "voice_invalid_field"),
        ({**base, "subject": "complaint"}, 422, "invalid_input"),
    ]
    for body, status, code in cases:
        got_status, got = _post(citizen, "/api/v1/voice/feedback", body)
        assert (got_status, got["code"]) == (status, code), body
    assert Feedback.objects.count() == 0

"""Staff link repeated feedback by hand where the automatic link (same sender) misses it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.voice.feedback import services
from egov.voice.feedback.models import Channel, Feedback, FeedbackStep, StepKind, Topic
from egov.voice.feedback.statistics import figures
from egov.voice.feedback.tests.conftest import VN, anonymous_submission, send
from egov.voice.feedback.tests.test_services import _state

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 5, 4, 9, 0, tzinfo=VN)


def _three(province: Province, topics: dict[str, Topic]) -> tuple[Feedback, Feedback, Feedback]:
    # Three senders (no automatic link), one matter.
    with time_machine.travel(MONDAY, tick=False) as clock:
        first = send(province, topic=topics["land"])
        clock.shift(timedelta(days=1))
        second = send(province, topic=topics["civil"], sender_email="an@example.vn")
        clock.shift(timedelta(days=1))
        third = send(province, topic=topics["land"], sender_email="chi@example.vn")
    assert (first.repeat_of, second.repeat_of, third.repeat_of) == (None, None, None)
    return first, second, third


def test_a_classifier_links_a_repeat_to_the_first_item_of_the_matter(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    first, second, third = _three(province, topics)

    services.link_follow_up(actor=cast.specialist, feedback=second, code=first.code.lower())
    # Linked to the second, the third joins the group's first item.
    services.link_follow_up(actor=cast.specialist, feedback=third, code=f" {second.code} ")

    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.repeat_of, third.repeat_of) == (first, first)
    step = FeedbackStep.objects.get(feedback=third, kind=StepKind.LINKED)
    assert (step.actor, step.note) == (cast.specialist, f"Cùng nội dung với phản ánh {first.code}")
    event = AuditEvent.objects.filter(event_type="voice.feedback_linked").latest("pk")
    assert event.details == {"code": third.code, "from": "", "to": first.code}
    # Decision 766: the first item, followed up, counts as unsatisfied.
    result = figures(
        unit=province.long_an, start=date(2026, 5, 1), end=date(2026, 5, 31), now=MONDAY
    )
    assert (result.received, result.unsatisfied) == (3, 1)


def test_linking_a_group_s_first_item_moves_its_follow_ups_and_an_empty_code_unlinks(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    first, second, third = _three(province, topics)
    services.link_follow_up(actor=cast.specialist, feedback=third, code=second.code)

    services.link_follow_up(actor=cast.specialist, feedback=second, code=first.code)
    third.refresh_from_db()
    assert third.repeat_of == first

    services.link_follow_up(actor=cast.specialist, feedback=second, code="")
    second.refresh_from_db()
    assert second.repeat_of is None
    step = FeedbackStep.objects.filter(feedback=second, kind=StepKind.LINKED).latest("pk")
    assert step.note == f"Bỏ gắn với phản ánh {first.code}"


def test_a_wrong_code_a_later_item_itself_or_another_body_s_item_is_refused(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    first, second, _third = _three(province, topics)
    elsewhere = services.send_feedback(
        actor=None,
        submission=anonymous_submission(sender_email="xa@example.vn"),
        addressed_to=province.tan_ninh,
        channel=Channel.ONLINE,
        client_address="203.0.113.50",
    )
    before = _state()
    messages = []
    for feedback, code in (
        (second, "KHONGCO234"),
        (first, second.code),
        (second, second.code),
        (second, elsewhere.code),
    ):
        with pytest.raises(InvalidInput) as caught:
            services.link_follow_up(actor=cast.specialist, feedback=feedback, code=code)
        assert str(caught.value.code) == "voice_link_not_allowed"
        messages.append(caught.value.message)

    assert messages == [
        "Không tìm thấy phản ánh số KHONGCO234.",
        "Chỉ gắn được với phản ánh nhận trước phản ánh này.",
        "Chỉ gắn được với phản ánh nhận trước phản ánh này.",
        f"Không tìm thấy phản ánh số {elsewhere.code}.",
    ]
    assert _state() == before


def test_those_who_do_not_classify_the_item_cannot_link_it_and_nothing_changes(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    first, second, _third = _three(province, topics)
    before = _state()
    for who in (cast.outsider, cast.head, cast.reception, cast.citizen, cast.clerk):
        with pytest.raises(PermissionDenied):
            services.link_follow_up(actor=who, feedback=second, code=first.code)
    statuses = []
    for who in (cast.outsider, cast.citizen):
        client = login(Client(), who)
        statuses.append(
            client.post(f"/y-kien/{second.pk}/trung-noi-dung/", {"repeat_of": first.code})
        )
    assert [r.status_code for r in statuses] == [404, 404]
    assert _state() == before


def test_the_page_links_and_shows_the_link(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    first, second, _third = _three(province, topics)
    client = login(Client(), cast.specialist)

    response = client.post(
        f"/y-kien/{second.pk}/trung-noi-dung/", {"repeat_of": first.code}, follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain == [(f"/y-kien/{second.pk}/", 302)]
    assert "Đã cập nhật phản ánh trùng nội dung." in html
    assert f'<dd id="repeat-of"><a href="/y-kien/{first.pk}/">{first.code}</a></dd>' in html
    assert f'name="repeat_of" maxlength="10" value="{first.code}"' in html

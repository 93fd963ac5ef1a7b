"""Repeated feedback links to the first of its matter; anonymous senders rate by a secret link."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.platform.notifications.models import OutboundEmail
from egov.voice.feedback import tokens
from egov.voice.feedback.models import Feedback, Rating, Subject, Topic
from egov.voice.feedback.statistics import figures
from egov.voice.feedback.tests.conftest import VN, send
from egov.voice.feedback.tests.test_services import _answered

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 5, 4, 9, 0, tzinfo=VN)


def test_the_same_sender_on_the_same_matter_is_linked_to_the_first_item(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    land = topics["land"]
    with time_machine.travel(MONDAY, tick=False) as clock:
        first = send(province, topic=land)
        clock.shift(timedelta(days=3))
        again = send(province, topic=land, sender_email="BINH@example.vn", title="Lần hai")
        third = send(province, topic=land, client_address="203.0.113.8")
        other_field = send(province, topic=topics["civil"], client_address="203.0.113.9")
        other_subject = send(province, topic=land, subject=Subject.CONDUCT, client_address="::1")
        someone_else = send(province, topic=land, sender_email="an@example.vn")
        clock.shift(timedelta(days=100))
        much_later = send(province, topic=land)

    links = {
        name: (item.repeat_of.code if item.repeat_of else None)
        for name, item in (
            ("first", first),
            ("again", again),
            ("third", third),
            ("other_field", other_field),
            ("other_subject", other_subject),
            ("someone_else", someone_else),
            ("much_later", much_later),
        )
    }
    # 90 days back from 15/8 reach 17/5: the May items are too old.
    assert links == {
        "first": None,
        "again": first.code,
        "third": first.code,
        "other_field": None,
        "other_subject": None,
        "someone_else": None,
        "much_later": None,
    }
    # Decision 766: an item followed up counts as unsatisfied.
    result = figures(
        unit=province.long_an, start=date(2026, 5, 1), end=date(2026, 5, 31), now=MONDAY
    )
    assert (result.received, result.late, result.unsatisfied) == (6, 0, 1)


def test_an_account_s_follow_up_is_linked_by_the_account_and_shown_to_staff(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    first = send(province, actor=cast.citizen, sender_email="", topic=topics["land"])
    again = send(province, actor=cast.citizen, sender_email="khac@example.vn", topic=topics["land"])
    assert again.repeat_of == first

    staff = login(Client(), cast.specialist)
    earlier = staff.get(f"/y-kien/{first.pk}/").content.decode()
    later = staff.get(f"/y-kien/{again.pk}/").content.decode()
    assert f'<dd id="follow-ups"><a href="/y-kien/{again.pk}/">{again.code}</a>' in earlier
    assert f'<dd id="repeat-of"><a href="/y-kien/{first.pk}/">{first.code}</a></dd>' in later


def _anonymous_answered(province: Province, cast: Cast) -> Feedback:
    return _answered(send(province), cast, province)


def test_an_anonymous_sender_rates_by_the_link_in_the_answer(
    province: Province, cast: Cast
) -> None:
    feedback = _anonymous_answered(province, cast)
    path = f"/y-kien/theo-doi/{feedback.code}/danh-gia/{tokens.rating_token(feedback)}/"
    mail = OutboundEmail.objects.get(subject="Đã có trả lời phản ánh, kiến nghị")
    assert mail.body.endswith(f"Đánh giá trả lời tại: http://127.0.0.1:8000{path}")

    page = Client().get(path)
    rated = Client().post(path, {"rating": Rating.UNSATISFIED})

    assert page.status_code == 200
    assert "Gửi đánh giá" in page.content.decode()
    assert (rated.status_code, rated["Location"]) == (302, f"/y-kien/theo-doi/{feedback.code}/")
    feedback.refresh_from_db()
    assert feedback.rating == Rating.UNSATISFIED
    event = AuditEvent.objects.filter(event_type="voice.feedback_rated").get()
    assert (event.actor, event.details["rating"]) == (None, Rating.UNSATISFIED)


def test_a_wrong_token_an_account_s_item_or_no_answer_yet_rates_nothing(
    province: Province, cast: Cast
) -> None:
    answered = _anonymous_answered(province, cast)
    own = _answered(send(province, actor=cast.citizen, sender_email=""), cast, province)
    waiting = send(province, sender_email="cho@example.vn")

    def ratings() -> list[str]:
        return list(Feedback.objects.order_by("pk").values_list("rating", flat=True))

    before = (ratings(), AuditEvent.objects.count())

    statuses = [
        Client().post(
            f"/y-kien/theo-doi/{answered.code}/danh-gia/{'0' * 32}/", {"rating": "satisfied"}
        ),
        Client().post(
            f"/y-kien/theo-doi/{own.code}/danh-gia/{tokens.rating_token(own)}/",
            {"rating": "satisfied"},
        ),
        Client().post(
            f"/y-kien/theo-doi/{waiting.code}/danh-gia/{tokens.rating_token(waiting)}/",
            {"rating": "satisfied"},
        ),
        Client().post(
            f"/y-kien/theo-doi/{answered.code}/danh-gia/{tokens.rating_token(answered)}/",
            {"rating": "rat-tot"},
        ),
    ]

    assert [r.status_code for r in statuses] == [404, 404, 422, 422]
    assert (ratings(), AuditEvent.objects.count()) == before

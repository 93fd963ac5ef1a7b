"""The feedback figures of a unit and period: late items and the two rates."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.voice.feedback import services
from egov.voice.feedback.models import Rating, Topic
from egov.voice.feedback.statistics import figures
from egov.voice.feedback.tests.conftest import VN, send


@pytest.mark.django_db
def test_late_unsatisfied_and_the_rates(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=VN), tick=False):
        on_time = send(province, actor=cast.citizen, sender_name="", sender_email="")
        late = send(province, sender_email="muon@example.vn")
        refused = send(province, sender_email="tu-choi@example.vn")
        send(province, sender_email="cho@example.vn")
        services.refuse_feedback(actor=cast.specialist, feedback=refused, reason="Khiếu nại.")
        services.accept_feedback(actor=cast.specialist, feedback=on_time, unit=province.long_an)
        services.draft_answer(actor=cast.specialist, feedback=on_time, answer="Đã xử lý.")
        services.approve_answer(actor=cast.leader, feedback=on_time)
        services.rate_answer(actor=cast.citizen, feedback=on_time, rating=Rating.UNSATISFIED)
    # Classified on Thursday 7/5, past Wednesday's 09:00 deadline.
    with time_machine.travel(datetime(2026, 5, 7, 9, 0, tzinfo=VN), tick=False):
        services.accept_feedback(actor=cast.specialist, feedback=late, unit=province.long_an)

    # The fourth item, still waiting on 7/5, is late too.
    result = figures(
        unit=province.long_an,
        start=date(2026, 5, 1),
        end=date(2026, 5, 31),
        now=datetime(2026, 5, 7, 10, 0, tzinfo=VN),
    )
    elsewhere = figures(unit=province.tan_ninh, start=date(2026, 5, 1), end=date(2026, 5, 31))

    assert (result.received, result.refused, result.answered, result.open) == (4, 1, 1, 2)
    assert (result.late, result.published, result.unsatisfied) == (2, 1, 3)
    assert (result.on_time_rate, result.satisfaction_rate) == (0.5, 0.25)
    assert (elsewhere.received, elsewhere.on_time_rate, elsewhere.satisfaction_rate) == (
        0,
        None,
        None,
    )

"""The review pack's feedback figures are the voice statistics' (issue 19 item 4).

Here, above both domains: the pack (egov.onestop.quality) reads voice through
its interface module only; the test sets feedback up with voice's own
services and compares the two readings for the same unit and period.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.quality.review.selectors import review_pack
from egov.voice.complaints.tests.conftest import office  # noqa: F401 - the fixture
from egov.voice.feedback.models import Feedback, Status
from egov.voice.feedback.tests.conftest import VN, topics  # noqa: F401 - the fixture
from egov.voice.interfaces import FeedbackHandled
from egov.voice.statistics import figures
from egov.voice.statistics.tests.conftest import activity  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

LATER = datetime(2026, 5, 20, 9, 0, tzinfo=VN)


@pytest.fixture
def rated(activity: None) -> None:  # noqa: F811 - the fixture above
    # The sender of the answered item disliked the answer.
    Feedback.objects.filter(status=Status.ANSWERED).update(rating="unsatisfied")


def test_the_pack_shows_the_feedback_the_voice_statistics_count(
    province: Province, rated: None
) -> None:
    with time_machine.travel(LATER, tick=False):
        pack = review_pack(province.long_an, 2026)
    voice = figures.report(
        scope=province.long_an, date_from=date(2026, 1, 1), date_to=date(2026, 5, 20), now=LATER
    ).feedback

    assert pack.feedback == FeedbackHandled(
        received=voice.received,
        answered=voice.answered,
        on_time=voice.received - voice.late,
        overdue=voice.late,
        satisfied=0,
        unsatisfied=1,
    )
    assert pack.feedback == FeedbackHandled(2, 1, 1, 1, 0, 1)
    assert (pack.feedback.rated, pack.feedback_on_time_percent) == (1, "50,0%")
    # the province's pack counts the other commune's item too
    with time_machine.travel(LATER, tick=False):
        assert review_pack(province.province, 2026).feedback == FeedbackHandled(3, 1, 1, 2, 0, 1)


def test_the_pack_page_lists_the_feedback(
    client: Client, cast: Cast, province: Province, rated: None
) -> None:
    login(client, cast.admin)
    with time_machine.travel(LATER, tick=False):
        page = client.get(f"/chat-luong/xem-xet/{province.long_an.pk}/2026/").content.decode()

    assert "<h2>3. Phản ánh, kiến nghị của tổ chức, công dân</h2>" in page
    assert "<tr><th>Đúng hạn hoặc còn hạn / trễ hạn</th><td>1 / 1</td></tr>" in page
    assert "<tr><th>Tỷ lệ đúng hạn</th><td>50,0%</td></tr>" in page
    assert "<tr><th>Đánh giá câu trả lời: hài lòng / không hài lòng</th><td>0 / 1</td></tr>" in page

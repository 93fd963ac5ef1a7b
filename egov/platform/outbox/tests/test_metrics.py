"""The numbers of an outbox, and how the admin shows them."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from pytest_django import DjangoAssertNumQueries

from egov.platform.outbox.admin import age_text, summary
from egov.platform.outbox.drain import drain
from egov.platform.outbox.lease import lease_due
from egov.platform.outbox.selectors import OutboxMetrics, outbox_metrics
from egov.platform.outbox.tests.conftest import Carrier, T, post
from egov.platform.outbox.tests.models import Parcel

S = timedelta(seconds=1)


@pytest.mark.django_db
def test_metrics_count_each_state_and_age_the_oldest_pending_row(
    carrier: Carrier, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    outbox = carrier.outbox()
    carrier.refused = {"refused"}
    # given two rows sent, one given up (created 08:00)
    post("a", "b", "refused")
    with time_machine.travel(T, tick=False):
        drain(outbox)
    # one failed once and waiting for its retry (created 08:10)
    carrier.failures = 1
    post("retry", at=T + 10 * 60 * S)
    with time_machine.travel(T + 10 * 60 * S, tick=False):
        drain(outbox)
    # one being sent and two new ones (created 08:20, 08:30)
    (sending,) = post("sending", at=T + 20 * 60 * S)
    with time_machine.travel(T + 20 * 60 * S, tick=False):
        lease_due(outbox, limit=1, only=[sending.pk])
    post("new 1", "new 2", at=T + 30 * 60 * S)

    # when the numbers are read at 09:05
    with django_assert_num_queries(1):
        metrics = outbox_metrics(outbox, at=T + 65 * 60 * S)

    # then the oldest unfinished row (the retry) has waited 55 minutes
    assert metrics == OutboxMetrics(
        pending=4, retrying=1, sending=1, sent=2, gave_up=1, oldest_pending_age=55 * 60 * S
    )
    assert Parcel.objects.count() == 7


@pytest.mark.django_db
def test_an_empty_outbox_has_no_oldest_row(carrier: Carrier) -> None:
    assert outbox_metrics(carrier.outbox()) == OutboxMetrics(
        pending=0, retrying=0, sending=0, sent=0, gave_up=0, oldest_pending_age=None
    )


def test_the_admin_summary_reads_in_vietnamese() -> None:
    metrics = OutboxMetrics(
        pending=4, retrying=1, sending=1, sent=2, gave_up=1, oldest_pending_age=55 * 60 * S
    )
    assert summary(metrics) == (
        "Chưa xong: 4 (chờ thử lại: 1, đang xử lý: 1) · Đã xong: 2 · Cần xử lý: 1 · "
        "Chờ lâu nhất: 55 phút"
    )
    assert [age_text(a) for a in (None, 59 * S, 3725 * S, timedelta(days=2, hours=3))] == [
        "—",
        "dưới 1 phút",
        "1 giờ 2 phút",
        "2 ngày 3 giờ",
    ]

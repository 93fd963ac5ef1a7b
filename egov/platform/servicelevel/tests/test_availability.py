"""Availability from the heartbeat, job health, and incidents."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from egov.conftest import Province
from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.registry import get_task
from egov.platform.servicelevel import recorder
from egov.platform.servicelevel.beats import record_beat
from egov.platform.servicelevel.models import ServiceBeat
from egov.platform.servicelevel.selectors import Incident, availability, error_incidents

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2026, 7, 1, tzinfo=VN)
FIVE = timedelta(minutes=5)


def test_a_missing_slot_is_downtime() -> None:
    # Up from 08:00 to 09:00 (twelve slots) but for 08:20-08:35 (three slots).
    first = datetime(2026, 7, 1, 8, 0, 30, tzinfo=VN)
    for n in range(12):
        if n not in (4, 5, 6):
            record_beat(at=first + n * FIVE)

    found = availability(
        start=START, stop=START + timedelta(days=1), now=datetime(2026, 7, 1, 9, 2, tzinfo=VN)
    )

    assert (found.measured_from, found.expected, found.up, found.percent) == (
        datetime(2026, 7, 1, 8, 0, tzinfo=VN),
        12,
        9,
        "75,00%",
    )
    assert found.downtime == [
        Incident(
            "downtime",
            datetime(2026, 7, 1, 8, 20, tzinfo=VN),
            datetime(2026, 7, 1, 8, 35, tzinfo=VN),
        )
    ]
    assert found.downtime[0].minutes == 15


def test_nothing_measured_before_the_first_beat() -> None:
    found = availability(
        start=START, stop=START + timedelta(days=1), now=START + timedelta(hours=3)
    )
    assert (found.measured_from, found.expected, found.percent, found.downtime) == (
        None,
        0,
        "—",
        [],
    )


def test_a_beat_keeps_the_job_health_of_the_slot_before() -> None:
    at = datetime(2026, 7, 1, 8, 10, 5, tzinfo=VN)
    before = datetime(2026, 7, 1, 8, 7, tzinfo=VN)
    Job.objects.create(task="x", status=JobStatus.FAILED, attempts=5, finished_at=before)
    Job.objects.create(task="x", status=JobStatus.DONE, attempts=2, started_at=before)
    Job.objects.create(task="x", status=JobStatus.DONE, attempts=1, started_at=before)
    # too early: the slot before that
    Job.objects.create(task="x", status=JobStatus.FAILED, attempts=5, finished_at=before - FIVE)

    beat = record_beat(at=at)
    again = record_beat(at=at + timedelta(seconds=30))

    assert (beat.slot, beat.jobs_failed, beat.jobs_retried) == (
        datetime(2026, 7, 1, 8, 10, tzinfo=VN),
        1,
        1,
    )
    assert (again.pk, ServiceBeat.objects.count()) == (beat.pk, 1)
    found = availability(start=START, stop=START + timedelta(days=1), now=at + FIVE)
    assert (found.expected, found.up, found.jobs_failed, found.jobs_retried) == (1, 1, 1, 1)


def test_the_heartbeat_runs_every_five_minutes_once() -> None:
    found = get_task("servicelevel.heartbeat")
    assert found is not None
    assert found.max_attempts == 1
    assert found.schedule is not None
    assert found.schedule.slot(datetime(2026, 7, 1, 8, 9, 59, tzinfo=VN)) == datetime(
        2026, 7, 1, 8, 5, tzinfo=VN
    )


def test_hours_of_many_5xx_are_an_incident(province: Province) -> None:
    nine = datetime(2026, 7, 2, 9, 0, tzinfo=VN)
    # 09:00: 5 of 25 fail; 10:00: 1 of 40 (below 5%); 11:00: 3 of 10 (too few requests)
    for hour, total, failing in ((0, 25, 5), (1, 40, 1), (2, 10, 3)):
        for n in range(total):
            status = 500 if n < failing else 200
            recorder.record(
                at=nine + timedelta(hours=hour, minutes=1),
                user_id=None,
                group="ho-so",
                status=status,
                elapsed_ms=30,
            )
    recorder.flush()

    found = error_incidents(province.province, start=START, stop=START + timedelta(days=30))

    assert found == [Incident("errors", nine, nine + timedelta(hours=1), requests=25, errors=5)]

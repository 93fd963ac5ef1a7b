"""The worker: retries with back-off, giving up, abandoned jobs, periodic slots, the command."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.queue import enqueue
from egov.platform.jobs.tests.conftest import Calls
from egov.platform.jobs.worker import claim, requeue_abandoned, run_due, run_job, schedule_periodic

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
S = timedelta(seconds=1)


def _state(job: Job) -> tuple[str, int, datetime, str]:
    job.refresh_from_db()
    return job.status, job.attempts, job.run_after, job.last_error


@pytest.mark.django_db
def test_a_failed_run_is_retried_with_back_off(calls: Calls) -> None:
    # given a task that fails twice, then succeeds
    calls.failures_left = 2
    with time_machine.travel(T, tick=False) as clock:
        job = enqueue("test.flaky", value="x")
        # when the worker runs it: the first failure waits 30 s
        assert [o.line() for o in run_due(worker="w")] == [
            "test.flaky: error: ConnectionError: server unavailable"
        ]
        assert _state(job) == (
            JobStatus.QUEUED,
            1,
            T + 30 * S,
            "ConnectionError: server unavailable",
        )
        # not due before its time
        clock.move_to(T + 29 * S)
        assert run_due(worker="w") == []
        # the second failure waits 60 s
        clock.move_to(T + 30 * S)
        run_due(worker="w")
        assert _state(job)[:3] == (JobStatus.QUEUED, 2, T + 90 * S)
        clock.move_to(T + 90 * S)
        outcomes = run_due(worker="w")
    # then the third run succeeds
    assert [o.line() for o in outcomes] == ["test.flaky: ok"]
    assert _state(job)[:2] == (JobStatus.DONE, 3)
    assert job.result == "ok"
    assert job.finished_at == T + 90 * S
    assert calls.seen == ["x", "x", "x"]


@pytest.mark.django_db
def test_a_job_out_of_attempts_fails_and_stops(calls: Calls) -> None:
    calls.failures_left = 10
    with time_machine.travel(T, tick=False) as clock:
        job = enqueue("test.flaky", value="x")
        for wait in (0, 30, 60, 120, 240):
            clock.shift(wait)
            run_due(worker="w")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.finished_at) == (
        JobStatus.FAILED,
        4,
        T + 210 * S,
    )
    assert calls.seen == ["x"] * 4


@pytest.mark.django_db
def test_a_task_that_gives_up_fails_at_once(calls: Calls) -> None:
    job = enqueue("test.refuse")

    run_due(worker="w")

    job.refresh_from_db()
    assert (job.status, job.attempts, job.last_error) == (
        JobStatus.FAILED,
        1,
        "GiveUp: not allowed any more",
    )


@pytest.mark.django_db
def test_an_abandoned_running_job_is_queued_again(calls: Calls) -> None:
    with time_machine.travel(T, tick=False) as clock:
        job = enqueue("test.record", value="x")
        # given worker A claimed the job and stopped answering
        abandoned = claim(worker="A")
        assert abandoned is not None
        # within the lease (a minute, JOBS_LEASE_SECONDS) the job stays A's
        clock.move_to(T + timedelta(minutes=1))
        assert requeue_abandoned() == 0
        assert claim(worker="B") is None
        # after it, the job is queued again and B runs it
        clock.move_to(T + timedelta(minutes=1) + S)
        assert requeue_abandoned() == 1
        assert _state(job) == (
            JobStatus.QUEUED,
            1,
            T + timedelta(minutes=1) + S,
            "lease expired: the worker stopped or the task overran its timeout",
        )
        run_due(worker="B")
        # when A comes back and finishes its stale run
        run_job(abandoned)
    # then B's outcome stands: A's late write matched no row
    job.refresh_from_db()
    assert (job.status, job.attempts, job.worker, job.result) == (
        JobStatus.DONE,
        2,
        "B",
        {"recorded": "x"},
    )
    assert calls.seen == ["x", "x"]


@pytest.mark.django_db
def test_periodic_tasks_are_queued_once_per_slot() -> None:
    at = datetime(2026, 3, 2, 8, 0, 15, tzinfo=VN)
    with time_machine.travel(at, tick=False) as clock:
        first = schedule_periodic()
        again = schedule_periodic()
        clock.shift(10)
        later = schedule_periodic()

    assert sorted(j.unique_key for j in first) == [
        "exchange_fetch@2026-03-02T08:00:15+07:00",
        "exchange_send@2026-03-02T08:00:15+07:00",
        "jobs.prune@2026-03-02T02:00:00+07:00",
        "notifications.sms@2026-03-02T08:00:15+07:00",
        "notifications@2026-03-02T08:00:15+07:00",
        "office.overdue_reminder@2026-03-02T07:30:00+07:00",
        "office.remote_signing_poll@2026-03-02T08:00:10+07:00",
        "portal.publish_scheduled@2026-03-02T08:00:00+07:00",
        "portal.remind_stale@2026-03-02T07:00:00+07:00",
        "portal.sync_editors@2026-03-02T08:00:00+07:00",
        "portal_sync@2026-03-02T08:00:10+07:00",
        "quality.corrective_action_reminder@2026-03-02T07:45:00+07:00",
        "reception_drafts@2026-03-02T03:00:00+07:00",
        "reminders@2026-03-02T07:00:00+07:00",
        "reports.prune_exports@2026-03-02T02:30:00+07:00",
        "servicelevel.heartbeat@2026-03-02T08:00:00+07:00",
        "signatures.lta_renewal@2026-03-02T01:30:00+07:00",
        "voice.feedback_overdue_reminder@2026-03-02T07:30:00+07:00",
        "voice.petition_reminder@2026-03-02T07:30:00+07:00",
        "voice.reception_day_shortfall@2026-03-02T07:40:00+07:00",
    ]
    assert again == []
    # The e-mail, SMS and exchange drains every 5 s, the portal's and the signing poll every 10 s
    assert sorted(j.unique_key for j in later) == [
        "exchange_fetch@2026-03-02T08:00:25+07:00",
        "exchange_send@2026-03-02T08:00:25+07:00",
        "notifications.sms@2026-03-02T08:00:25+07:00",
        "notifications@2026-03-02T08:00:25+07:00",
        "office.remote_signing_poll@2026-03-02T08:00:20+07:00",
        "portal_sync@2026-03-02T08:00:20+07:00",
    ]
    assert Job.objects.count() == 26


@pytest.mark.django_db
def test_a_daily_slot_before_its_hour_is_yesterdays() -> None:
    with time_machine.travel(datetime(2026, 3, 2, 6, 59, tzinfo=VN), tick=False):
        keys = {j.task: j.unique_key for j in schedule_periodic()}
    assert keys["reminders"] == "reminders@2026-03-01T07:00:00+07:00"


@pytest.mark.django_db
def test_worker_command_runs_the_due_jobs(calls: Calls) -> None:
    with time_machine.travel(T, tick=False):
        # the periodic slots of this moment are already done
        schedule_periodic()
        Job.objects.update(status=JobStatus.DONE)
        enqueue("test.record", value=7)
        out = StringIO()
        call_command("worker", "--once", stdout=out)
        call_command("worker", "--once", stdout=StringIO())

    assert out.getvalue() == "test.record: {'recorded': 7}\n"
    assert calls.seen == [7]

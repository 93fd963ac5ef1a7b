"""`enqueue`: the job commits with the caller's transaction, once per unique key."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from egov.platform.audit.models import AuditEvent
from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.queue import enqueue
from egov.platform.jobs.tests.conftest import Calls
from egov.platform.jobs.worker import run_due
from egov.platform.organisation.models import Unit, UnitKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=VN)


class Boom(Exception):
    pass


def _change_and_enqueue(name: str) -> None:
    """A service's shape: a change and its job in one transaction, then a failure."""
    with transaction.atomic():
        Unit.objects.create(name=name, kind=UnitKind.PROVINCE)
        enqueue("test.record", value=name)
        raise Boom


@pytest.mark.django_db
def test_a_job_enqueued_in_a_rolled_back_transaction_never_runs(calls: Calls) -> None:
    # given a change whose transaction rolls back after queueing its job
    with pytest.raises(Boom):
        _change_and_enqueue("Tỉnh thử")
    # when the worker runs
    outcomes = run_due(worker="w1")
    # then neither the change nor the job exists, and nothing ran
    assert outcomes == []
    assert not Unit.objects.filter(name="Tỉnh thử").exists()
    assert Job.objects.count() == 0
    assert calls.seen == []


@pytest.mark.django_db
def test_a_committed_job_runs_once_and_keeps_its_result(calls: Calls) -> None:
    with time_machine.travel(NOW, tick=False):
        with transaction.atomic():
            job = enqueue("test.record", value=[1, "hai"])
        outcomes = run_due(worker="w1")
        again = run_due(worker="w1")

    assert [o.line() for o in outcomes] == ["test.record: {'recorded': [1, 'hai']}"]
    assert again == []
    assert calls.seen == [[1, "hai"]]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result, job.worker) == (
        JobStatus.DONE,
        1,
        {"recorded": [1, "hai"]},
        "w1",
    )
    assert (job.started_at, job.finished_at, job.lease_until) == (NOW, NOW, None)


@pytest.mark.django_db
def test_a_unique_key_keeps_one_active_job(calls: Calls) -> None:
    first = enqueue("test.record", unique_key="k", value=1)
    second = enqueue("test.record", unique_key="k", value=2)
    assert second.pk == first.pk
    assert Job.objects.count() == 1

    run_due(worker="w1")
    third = enqueue("test.record", unique_key="k", value=3)

    # once done, the key is free again
    assert third.pk != first.pk
    assert list(Job.objects.order_by("pk").values_list("status", "kwargs")) == [
        (JobStatus.DONE, {"value": 1}),
        (JobStatus.QUEUED, {"value": 3}),
    ]
    assert calls.seen == [1]


@pytest.mark.django_db
def test_bad_jobs_are_refused_when_queued(calls: Calls) -> None:
    with pytest.raises(LookupError):
        enqueue("test.unknown", value=1)
    with pytest.raises(TypeError):
        enqueue("test.record", value=object())
    assert Job.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_enqueue_many_skips_a_key_that_has_an_active_job(db: None, calls: Calls) -> None:
    from egov.platform.jobs.queue import enqueue_many

    enqueue("test.record", unique_key="k1", value=1)

    offered = enqueue_many("test.record", [("k1", {"value": 2}), ("k2", {"value": 3})])

    assert offered == 2
    assert list(Job.objects.order_by("pk").values_list("unique_key", "kwargs")) == [
        ("k1", {"value": 1}),
        ("k2", {"value": 3}),
    ]
    with pytest.raises(TypeError):
        enqueue_many("test.record", [("k3", {"run_after": 1})])
    assert Job.objects.count() == 2

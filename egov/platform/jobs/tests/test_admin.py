"""The administrators' view of the queue: list by status, run failed jobs again."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from egov.conftest import Cast, login
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.queue import enqueue
from egov.platform.jobs.tests.conftest import Calls
from egov.platform.jobs.worker import run_due

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
CHANGELIST = reverse("admin:jobs_job_changelist")


def _failed(calls: Calls) -> list[int]:
    enqueue("test.refuse")
    enqueue("test.record", value=1)
    run_due(worker="w")
    return list(Job.objects.filter(status=JobStatus.FAILED).values_list("pk", flat=True))


def _retry(client: Client, ids: list[int]) -> None:
    client.post(CHANGELIST, {"action": "retry", "_selected_action": [str(i) for i in ids]})


@pytest.mark.django_db
def test_superuser_lists_failed_jobs_and_runs_them_again(
    calls: Calls, superuser: User, client: Client
) -> None:
    failed = _failed(calls)
    login(client, superuser)

    listed = client.get(CHANGELIST, {"status__exact": "failed"})
    with time_machine.travel(T, tick=False):
        _retry(
            client,
            [*failed, *Job.objects.filter(status=JobStatus.DONE).values_list("pk", flat=True)],
        )

    assert listed.status_code == 200
    assert [j.pk for j in listed.context["cl"].result_list] == failed
    # only the failed job is queued again, due now, from a clean slate
    assert list(Job.objects.order_by("pk").values_list("task", "status", "attempts")) == [
        ("test.refuse", JobStatus.QUEUED, 0),
        ("test.record", JobStatus.DONE, 1),
    ]
    job = Job.objects.get(pk=failed[0])
    assert (job.run_after, job.last_error, job.finished_at) == (T, "", None)
    event = AuditEvent.objects.get(event_type="jobs.retried")
    assert (event.actor_id, event.target_id, event.details) == (
        superuser.pk,
        str(job.pk),
        {"task": "test.refuse", "attempts": 1, "error": "GiveUp: not allowed any more"},
    )


@pytest.mark.django_db
def test_retry_is_denied_to_other_staff(calls: Calls, cast: Cast, client: Client) -> None:
    # given a failed job and a staff member who may view the queue but is no superuser
    failed = _failed(calls)
    before = list(Job.objects.order_by("pk").values())
    User.objects.filter(pk=cast.admin.pk).update(is_staff=True)
    cast.admin.user_permissions.add(Permission.objects.get(codename="view_job"))
    login(client, cast.admin)
    # The Django admin is the platform operators' only (issue 19): its login page.
    assert client.get(CHANGELIST).status_code == 302
    # when they try "Chạy lại"
    _retry(client, failed)
    # then nothing changed and nothing was audited
    assert list(Job.objects.order_by("pk").values()) == before
    assert not AuditEvent.objects.filter(event_type="jobs.retried").exists()


@pytest.mark.django_db
def test_the_list_shows_the_queue_in_numbers(calls: Calls, superuser: User, client: Client) -> None:
    # given a job given up for good (the platform outbox's give-up), one done, one queued
    with time_machine.travel(T, tick=False):
        _failed(calls)
        enqueue("test.record", value=2)
    # when the administrator opens the queue's list ten minutes later
    login(client, superuser)
    with time_machine.travel(T + timedelta(minutes=10), tick=False):
        page = client.get(CHANGELIST)
    # then its numbers are above it, and the give-up is in the audit trail
    assert page.status_code == 200
    assert page.context["outbox_summary"] == (
        "Chưa xong: 1 (chờ thử lại: 0, đang xử lý: 0) · Đã xong: 1 · Cần xử lý: 1 · "
        "Chờ lâu nhất: 10 phút"
    )
    assert page.context["outbox_summary"] in page.content.decode()
    failed = Job.objects.get(status=JobStatus.FAILED)
    event = AuditEvent.objects.get(event_type="outbox.gave_up")
    assert (event.target_id, event.details) == (
        str(failed.pk),
        {"outbox": "jobs", "attempts": 1, "error": "GiveUp: not allowed any more"},
    )

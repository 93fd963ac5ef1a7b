"""The administrators' resend, and the worker command."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.reminders import REMINDER_EVENT
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.portalsync.models import OutboxEvent, OutboxStatus
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def fail_all() -> list[int]:
    OutboxEvent.objects.update(
        status=OutboxStatus.FAILED,
        attempts=9,
        last_error="HTTP 500",
        next_attempt_at=timezone.now() + timedelta(hours=1),
    )
    return list(OutboxEvent.objects.order_by("pk").values_list("pk", flat=True))


def resend(client: Client, ids: list[int]) -> None:
    client.post(
        reverse("admin:portalsync_outboxevent_changelist"),
        {"action": "resend", "_selected_action": [str(i) for i in ids]},
    )


@pytest.mark.django_db
def test_superuser_resends_failed_events(
    desk: Desk, cast: Cast, province: Province, superuser: User, client: Client
) -> None:
    # given failed events
    receive(desk, cast, province)
    ids = fail_all()
    # when the administrator picks "Gửi lại"
    with time_machine.travel(datetime(2026, 3, 2, 8, 0, tzinfo=VN), tick=False):
        resend(login(client, superuser), ids)
        # then they are due now, from a clean slate, and the action is audited
        assert set(OutboxEvent.objects.values_list("status", "attempts", "next_attempt_at")) == {
            (OutboxStatus.PENDING, 0, timezone.now())
        }
    audited = AuditEvent.objects.filter(event_type="portalsync.resent")
    assert sorted(int(e.target_id) for e in audited) == ids
    assert {e.actor_id for e in audited} == {superuser.pk}


@pytest.mark.django_db
def test_resend_is_denied_to_other_staff(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    # given failed events and a staff member who may view them but is no superuser
    receive(desk, cast, province)
    ids = fail_all()
    before = list(OutboxEvent.objects.order_by("pk").values())
    User.objects.filter(pk=cast.admin.pk).update(is_staff=True)
    cast.admin.user_permissions.add(Permission.objects.get(codename="view_outboxevent"))
    # when they try "Gửi lại"
    login(client, cast.admin)
    # The Django admin is the platform operators' only (issue 19): its login page.
    assert client.get(reverse("admin:portalsync_outboxevent_changelist")).status_code == 302
    resend(client, ids)
    # then nothing changed and nothing was audited
    assert list(OutboxEvent.objects.order_by("pk").values()) == before
    assert not AuditEvent.objects.filter(event_type="portalsync.resent").exists()


@pytest.mark.django_db
def test_worker_runs_one_pass_of_every_task(
    desk: Desk, cast: Cast, province: Province, settings: Settings
) -> None:
    # given the sync disabled and an accepted dossier due within a day
    settings.PORTAL_SYNC_URL = ""
    with time_machine.travel(datetime(2026, 3, 2, 8, 0, tzinfo=VN), tick=False):
        dossier = receive(desk, cast, province)
        Dossier.objects.filter(pk=dossier.pk).update(
            appointment_at=timezone.now() + timedelta(hours=5)
        )
        # when the worker runs one pass, twice on the same day
        out = StringIO()
        call_command("worker", "--once", stdout=out)
        call_command("worker", "--once", stdout=StringIO())
    # then each task ran (the reception's two e-mails went out)
    # and the agency's reminder was recorded once
    # (the periodic jobs run in the order of their slots: daily ones first)
    assert out.getvalue() == (
        "signatures.lta_renewal: renewed 0, not_due 0, failed 0; "
        "jobs.prune: deleted 0 done, 0 failed; reports.prune_exports: deleted 0; "
        "reception_drafts: deleted 0; reminders: reminded 1; portal.remind_stale: told 0; "
        "office.overdue_reminder: told 0; "
        "voice.feedback_overdue_reminder: told 0; voice.petition_reminder: told 0; "
        # (no regular reception day recorded: the province's leader told of
        # February, the ward's of each of its four weeks)
        "voice.reception_day_shortfall: told 5; "
        "quality.corrective_action_reminder: told 0; "
        "notifications: sent 2, failed 0; "
        "notifications.sms: sms sent 0, failed 0; "
        "servicelevel.heartbeat: up 2026-03-02T08:00:00+07:00; "
        "portal_sync: sent 0, failed 0; "
        "office.remote_signing_poll: signed 0, waiting 0, ended 0, unreachable 0; "
        "exchange_send: sent 0, retried 0, gave up 0; "
        "exchange_fetch: accepted 0, refused 0, failed 0; "
        "portal.publish_scheduled: published 0, expired 0; "
        "portal.sync_editors: changed 0\n"
    )
    reminders = AuditEvent.objects.filter(event_type=REMINDER_EVENT)
    assert [(r.unit_id, r.details) for r in reminders] == [
        (province.long_an.pk, {"date": "2026-03-02", "hours": 24, "codes": [dossier.code]})
    ]

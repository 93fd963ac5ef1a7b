"""Deadline reminders name only the dossiers whose clock is running."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.reminders import REMINDER_EVENT, remind_near_deadline
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.audit.models import AuditEvent

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=VN)


@pytest.mark.parametrize(
    ("status", "reminded"),
    [
        (DossierStatus.NEW, 0),
        (DossierStatus.ACCEPTED, 1),
        (DossierStatus.PROCESSING, 1),
        # Paused: the appointment moves on when the clock restarts.
        (DossierStatus.SUPPLEMENT, 0),
        (DossierStatus.FINANCIAL, 0),
        (DossierStatus.FINISHED, 0),
        (DossierStatus.STOPPED, 0),
    ],
)
def test_a_dossier_due_tomorrow_is_reminded_only_while_its_clock_runs(
    desk: Desk, cast: Cast, province: Province, status: DossierStatus, reminded: int
) -> None:
    # Given: a dossier in that status whose appointment is five hours away
    with time_machine.travel(NOW, tick=False):
        dossier = receive(desk, cast, province)
        Dossier.objects.filter(pk=dossier.pk).update(
            status=status, appointment_at=NOW + timedelta(hours=5)
        )

        # When: the daily reminders run
        result = remind_near_deadline()

    # Then: it is named in the agency's reminder only while the clock runs
    assert result == f"reminded {reminded}"
    assert AuditEvent.objects.filter(event_type=REMINDER_EVENT).count() == reminded

"""Fixtures for the reports: the desk of egov/onestop/dossiers and a dossier maker.

Dossiers made with `make` skip the services (for speed and to place them
anywhere in time); the counting rules are also checked on dossiers that went
through the real services under `time_machine`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from egov.conftest import Province
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.dossiers.tests.conftest import desk as desk  # noqa: F401 - the fixture
from egov.onestop.dossiers.timeliness import classify, processing_seconds
from egov.onestop.reports.rollups.maintain import sync

VN = ZoneInfo("Asia/Ho_Chi_Minh")

MakeDossier = Callable[..., Dossier]


def at(month: int, day: int, hour: int = 8, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.fixture
def make(desk: Desk, province: Province) -> MakeDossier:
    """A dossier straight in the database; timeliness and processing time follow the real rules."""
    numbers = count(1)

    def build(
        received: datetime | None,
        deadline: datetime | None = None,
        ended: datetime | None = None,
        *,
        status: DossierStatus | None = None,
        channel: Channel = Channel.DIRECT,
        supplements: int = 0,
        **fields: Any,
    ) -> Dossier:
        number = next(numbers)
        if status is None:
            status = DossierStatus.FINISHED if ended else DossierStatus.PROCESSING
        timeliness = ""
        if ended is not None and deadline is not None:
            timeliness = classify(ended, deadline, supplement_count=supplements).value
        waited = int(fields.get("waited_seconds", 0))
        seconds = processing_seconds(received, ended, waited=waited) if ended is not None else None
        values: dict[str, Any] = {
            "code": f"001.01.30.H53-260301-{number:04d}" if received else None,
            "procedure": desk.procedure,
            "process": desk.process,
            "receiving_unit": province.long_an_centre,
            "agency": province.long_an,
            "current_unit": province.long_an,
            "channel": channel,
            "status": status,
            "applicant_name": f"Người nộp {number}",
            "received_at": received,
            "appointment_at": deadline,
            "deadline_at": deadline,
            "ended_at": ended,
            "timeliness": timeliness,
            "processing_seconds": seconds,
            "supplement_count": supplements,
            "tracking_secret": "ABC123",
        }
        values.update(fields)
        # Made without the services, so the rollups are brought in step here,
        # as the services' subscriber would (egov/onestop/reports/rollups/).
        with transaction.atomic():
            dossier = Dossier.objects.create(**values)
            sync(dossier)
        return dossier

    return build

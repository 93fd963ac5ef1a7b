"""A birth registration driven through every step, for the public views.

Received Monday 2 March 2026 at 08:00 at the Long An centre (appointment
Monday 9 March 08:00), forwarded, checked, approved, recorded and returned.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, ReturnMethod
from egov.onestop.dossiers.services import claim, move_on, record_result, return_result
from egov.onestop.dossiers.tests.conftest import Desk, desk, receive

__all__ = ["desk"]

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
# Strings that must never reach a public page: the applicant's identity
# number, phone, address, e-mail and full name, and the officers' names.
PERSONAL = [
    "072090001234",
    "0912345678",
    "912 345 678",
    "Khu phố 1",
    "an.tran@example.vn",
    "Trần Văn An",
    "Nguyễn Thị Thu Hà",
    "Lý Văn Tài",
    "Trương Công Danh",
]
MASKED_NAME = "T*** V** A*"


def found_queries() -> int:
    """Statements for a found answer: its hand-overs come along on PostgreSQL."""
    return 1 if connection.vendor == "postgresql" else 2


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # The lookup budget lives in the cache: every test starts with a full one,
    # and with no tracking answer kept from another test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_dossier(desk: Desk, cast: Cast, province: Province) -> Dossier:
    """At the specialist step since Monday 09:00."""
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(desk, cast, province)
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        return move_on(actor=cast.reception, dossier=dossier, action="forward")


@pytest.fixture
def returned_dossier(desk: Desk, cast: Cast, province: Province, open_dossier: Dossier) -> Dossier:
    """The whole path, early: approved at 11:00, result at 12:00, returned on Tuesday."""
    dossier = open_dossier
    with time_machine.travel(MONDAY + timedelta(hours=2), tick=False):
        dossier = claim(actor=cast.specialist, dossier=dossier)
        dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
    with time_machine.travel(MONDAY + timedelta(hours=3), tick=False):
        dossier = move_on(actor=desk.commune_leader, dossier=dossier, action="approve")
    with time_machine.travel(MONDAY + timedelta(hours=4), tick=False):
        dossier = record_result(
            actor=cast.reception,
            dossier=dossier,
            number="125/2026",
            signed_on=date(2026, 3, 2),
            signer="Trương Công Danh",
        )
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        return return_result(
            actor=cast.reception,
            dossier=dossier,
            method=ReturnMethod.DESK,
            collected_by="Trần Văn An",
        )

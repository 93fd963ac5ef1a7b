"""The back-off schedule: exact waits, the cap, the last attempt."""

from __future__ import annotations

from datetime import timedelta

from egov.platform.outbox.contract import Retry
from egov.platform.outbox.tests.conftest import RETRY

S = timedelta(seconds=1)


def test_the_default_schedule_doubles_from_30_seconds_to_one_hour() -> None:
    assert Retry().waits() == [s * S for s in (30, 60, 120, 240, 480, 960, 1920, 3600, 3600)]


def test_a_schedule_is_capped_and_ends_at_max_attempts() -> None:
    assert RETRY.waits() == [10 * S, 20 * S, 40 * S, 60 * S]
    assert [RETRY.gives_up(n) for n in range(1, 7)] == [False, False, False, False, True, True]


def test_a_long_run_of_failures_waits_the_cap() -> None:
    assert Retry(max_attempts=2000).delay(1000) == timedelta(hours=1)

"""Requests counted per hour, unit and route group, written with atomic increments."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.servicelevel import recorder
from egov.platform.servicelevel.models import ActiveDay, RequestHour
from egov.platform.servicelevel.selectors import Latency, request_figures

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2026, 8, 3, 9, 25, tzinfo=VN)


def rows() -> list[tuple[str, str | None, str, int, int]]:
    """The hourly rows by hour, group, then unit (no unit first, on either database)."""
    found = [
        (
            f"{r.hour.astimezone(VN):%H:%M}",
            r.unit.name if r.unit else None,
            r.group,
            r.count,
            r.errors,
        )
        for r in RequestHour.objects.select_related("unit")
    ]
    return sorted(found, key=lambda row: (row[0], row[2], row[1] or ""))


def test_pages_are_counted_by_hour_unit_and_route_group(
    client: Client, cast: Cast, province: Province
) -> None:
    with time_machine.travel(AT, tick=False):
        client.get("/tra-cuu/")
        client.get("/khong-co-trang-nay/")
        login(client, cast.specialist)
        client.get("/chat-luong/")
        client.get("/chat-luong/")
        assert recorder.flush() == 3

    assert rows() == [
        ("09:00", None, "-", 1, 0),
        ("09:00", "Phường Long An", "chat-luong", 2, 0),
        ("09:00", None, "tra-cuu", 1, 0),
    ]
    assert list(ActiveDay.objects.values_list("day", "user__username")) == [
        (AT.date(), "chuyenvien")
    ]


def test_a_user_counts_for_their_highest_unit(cast: Cast, province: Province) -> None:
    # the leader holds a role in the province: requests count for the top of the tree
    recorder.record(at=AT, user_id=cast.leader.pk, group="ho-so", status=200, elapsed_ms=12)
    recorder.record(at=AT, user_id=cast.citizen.pk, group="ho-so", status=200, elapsed_ms=12)
    recorder.flush()

    assert rows() == [("09:00", None, "ho-so", 1, 0), ("09:00", "Tỉnh Tây Ninh", "ho-so", 1, 0)]


def test_writes_from_several_processes_add_up(province: Province) -> None:
    # Each gunicorn worker flushes its own gathering into the same hourly row.
    for elapsed, status in ((40, 200), (120, 200), (120, 503)):
        recorder.record(at=AT, user_id=None, group="api", status=status, elapsed_ms=elapsed)
    recorder.flush()
    for elapsed, status in ((40, 500), (6000, 200)):
        recorder.record(at=AT, user_id=None, group="api", status=status, elapsed_ms=elapsed)
    recorder.flush()

    row = RequestHour.objects.get()
    assert (row.count, row.errors, row.le_50, row.le_200, row.over_5000) == (5, 2, 2, 2, 1)


def test_the_p95_is_the_bucket_of_the_95th_percent_request(province: Province) -> None:
    # 100 requests: 90 within 50 ms, 5 within 300 ms, 5 within 1 s
    for elapsed in [20] * 90 + [250] * 5 + [800] * 5:
        recorder.record(at=AT, user_id=None, group="/", status=200, elapsed_ms=elapsed)
    recorder.flush()

    figures = request_figures(province.province, start=AT.replace(hour=0), stop=AT.replace(hour=23))
    assert (figures.count, figures.errors) == (100, 0)
    assert figures.latency.buckets == (90, 0, 0, 5, 0, 5, 0, 0, 0)
    assert (figures.latency.percentile_bound(0.5), figures.latency.percentile_bound(0.95)) == (
        50,
        300,
    )
    assert figures.latency.percentile_label(0.96) == "≤ 1.000 ms"
    # a commune's report does not count the public requests (no unit)
    assert request_figures(province.long_an, start=AT.replace(hour=0), stop=AT).count == 0


def test_an_open_last_bucket_and_no_request() -> None:
    assert Latency((0, 0, 0, 0, 0, 0, 0, 0, 3)).percentile_label(0.95) == "> 5.000 ms"
    assert Latency((0,) * 9).percentile_label(0.95) == "—"


def test_a_failed_write_keeps_the_counts_for_the_next(
    province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import DatabaseError

    recorder.record(at=AT, user_id=None, group="api", status=200, elapsed_ms=10)

    def broken(*args: object, **kwargs: object) -> None:
        raise DatabaseError("gone")

    monkeypatch.setattr(recorder, "_add", broken)
    recorder.flush_quietly()
    monkeypatch.undo()
    recorder.flush()

    assert rows() == [("09:00", None, "api", 1, 0)]

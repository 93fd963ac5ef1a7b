"""`/health/`: the database and the worker's heartbeat, for supervisors (issue 16, item 2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import time_machine
from django.core.management import call_command
from django.test import Client
from pytest_django.fixtures import Settings

from egov.platform.jobs.heartbeat import beat
from egov.platform.jobs.models import WorkerHeartbeat

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def test_no_worker_ever_beat_is_stale(client: Client, db: None, settings: Settings) -> None:
    settings.WORKER_STALE_SECONDS = 120

    response = client.get("/health/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "error",
        "code": "worker_stale",
        "database": "ok",
        "worker": {"status": "stale", "last_beat_seconds_ago": None, "stale_after_seconds": 120},
    }


def test_a_fresh_beat_is_ok_and_an_old_one_stale(
    client: Client, db: None, settings: Settings
) -> None:
    settings.WORKER_STALE_SECONDS = 120
    beat(worker="may-chu:41", at=NOW - timedelta(seconds=300))
    beat(worker="may-chu:42", at=NOW - timedelta(seconds=120))

    with time_machine.travel(NOW, tick=False):
        fresh = client.get("/health/")
    with time_machine.travel(NOW + timedelta(seconds=1), tick=False):
        stale = client.get("/health/")

    assert fresh.status_code == 200
    assert fresh.json() == {
        "status": "ok",
        "database": "ok",
        "worker": {"status": "ok", "last_beat_seconds_ago": 120, "stale_after_seconds": 120},
    }
    assert stale.status_code == 503
    assert stale.json()["code"] == "worker_stale"
    assert stale.json()["worker"]["last_beat_seconds_ago"] == 121
    # No worker's name (host, pid) in the public answer.
    assert b"may-chu" not in fresh.content + stale.content


def test_the_worker_command_beats(client: Client, db: None) -> None:
    with time_machine.travel(NOW, tick=False):
        call_command("worker", once=True, stdout=StringIO())
        response = client.get("/health/")

    assert WorkerHeartbeat.objects.count() == 1
    assert WorkerHeartbeat.objects.get().beat_at == NOW
    assert response.status_code == 200
    assert response.json()["worker"]["last_beat_seconds_ago"] == 0


def test_health_needs_no_login_and_sets_no_cookie(client: Client, db: None) -> None:
    beat(worker="may-chu:42")

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.cookies == {}
    assert "no-cache" in response["Cache-Control"]


def test_health_refuses_post(client: Client, db: None) -> None:
    assert client.post("/health/").status_code == 405

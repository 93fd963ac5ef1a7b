"""The worker's heartbeat rows: written at most every BEAT_EVERY, pruned after a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from egov.platform.jobs.heartbeat import BEAT_EVERY, Beater, beat
from egov.platform.jobs.models import WorkerHeartbeat
from egov.platform.jobs.tasks import prune

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_the_loop_beats_at_most_every_ten_seconds() -> None:
    beater = Beater("may-chu:42")

    with time_machine.travel(NOW, tick=False) as traveller:
        beater()
        traveller.move_to(NOW + BEAT_EVERY - timedelta(seconds=1))
        beater()
        assert WorkerHeartbeat.objects.get().beat_at == NOW
        traveller.move_to(NOW + BEAT_EVERY)
        beater()

    assert list(WorkerHeartbeat.objects.values_list("worker", "beat_at")) == [
        ("may-chu:42", NOW + BEAT_EVERY)
    ]
    assert timedelta(seconds=10) == BEAT_EVERY


@pytest.mark.django_db
def test_prune_forgets_workers_gone_for_a_day() -> None:
    beat(worker="may-chu:41", at=NOW - timedelta(days=1, seconds=1))
    beat(worker="may-chu:42", at=NOW - timedelta(days=1))

    with time_machine.travel(NOW, tick=False):
        assert prune() == "deleted 0 done, 0 failed"

    assert list(WorkerHeartbeat.objects.values_list("worker", flat=True)) == ["may-chu:42"]

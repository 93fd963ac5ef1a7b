"""Throwaway tasks for the queue's tests, registered for one test only."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from egov.platform.jobs.registry import GiveUp, task, unregister


@dataclass
class Calls:
    """What the test tasks were called with, from any thread."""

    seen: list[Any] = field(default_factory=list)
    failures_left: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, value: Any) -> None:
        with self.lock:
            self.seen.append(value)


@pytest.fixture
def calls() -> Iterator[Calls]:
    recorded = Calls()

    @task("test.record")
    def record(*, value: Any) -> Any:
        recorded.add(value)
        return {"recorded": value}

    @task("test.flaky", max_attempts=4, backoff=timedelta(seconds=30))
    def flaky(*, value: Any) -> str:
        recorded.add(value)
        if recorded.failures_left:
            recorded.failures_left -= 1
            raise ConnectionError("server unavailable")
        return "ok"

    @task("test.refuse")
    def refuse() -> None:
        raise GiveUp("not allowed any more")

    yield recorded
    for name in ("test.record", "test.flaky", "test.refuse"):
        unregister(name)

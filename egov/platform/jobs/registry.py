"""The task registry: `@task("name")` and the periodic schedules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any, Protocol, TypeVar

# A task raises GiveUp (the platform outbox's) when it must not be retried.
from egov.platform.outbox.contract import GiveUp as GiveUp
from egov.platform.outbox.contract import Retry
from egov.platform.workcalendar.deadlines import VN_TZ

JsonValue = Any
TaskFunc = Callable[..., JsonValue]
F = TypeVar("F", bound=TaskFunc)

# Names `enqueue` keeps for itself; a task cannot take them as arguments.
RESERVED = frozenset({"run_after", "unique_key"})
_EPOCH = datetime(2000, 1, 1, tzinfo=VN_TZ)


class Schedule(Protocol):
    def slot(self, now: datetime) -> datetime:
        """The start of the slot holding `now`: one job per task and slot."""
        ...


@dataclass(frozen=True)
class Every:
    interval: timedelta

    def slot(self, now: datetime) -> datetime:
        step = int(self.interval.total_seconds())
        elapsed = int((now - _EPOCH).total_seconds())
        return _EPOCH + timedelta(seconds=elapsed - elapsed % step)


@dataclass(frozen=True)
class Daily:
    at: time  # Vietnam's local time

    def slot(self, now: datetime) -> datetime:
        local = now.astimezone(VN_TZ)
        today = datetime.combine(local.date(), self.at, tzinfo=VN_TZ)
        return today if local >= today else today - timedelta(days=1)


def every(*, seconds: int) -> Every:
    if seconds < 1:
        raise ValueError("a periodic task runs at most once a second")
    return Every(timedelta(seconds=seconds))


def daily(at: time) -> Daily:
    return Daily(at)


@dataclass(frozen=True)
class Task:
    name: str
    func: TaskFunc
    max_attempts: int = 5
    # The first retry waits `backoff`, then 2x, 4x ... at most `max_backoff`.
    backoff: timedelta = timedelta(seconds=30)
    max_backoff: timedelta = timedelta(hours=1)
    # A running job not finished within this is taken to be abandoned
    # (its worker died) and queued again: keep it above the task's longest run.
    timeout: timedelta = timedelta(minutes=10)
    schedule: Schedule | None = field(default=None)

    @property
    def retry(self) -> Retry:
        return Retry(first=self.backoff, cap=self.max_backoff, max_attempts=self.max_attempts)

    def retry_delay(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failed run."""
        return self.retry.delay(attempts)


_TASKS: dict[str, Task] = {}


def task(
    name: str,
    *,
    max_attempts: int = 5,
    backoff: timedelta = timedelta(seconds=30),
    max_backoff: timedelta = timedelta(hours=1),
    timeout: timedelta = timedelta(minutes=10),
    schedule: Schedule | None = None,
) -> Callable[[F], F]:
    """Register a function as the task `name` (unique across the platform)."""

    def register(func: F) -> F:
        known = _TASKS.get(name)
        if known is not None and known.func is not func:
            raise ValueError(f"task {name!r} is already registered")
        _TASKS[name] = Task(
            name=name,
            func=func,
            max_attempts=max_attempts,
            backoff=backoff,
            max_backoff=max_backoff,
            timeout=timeout,
            schedule=schedule,
        )
        return func

    return register


def get_task(name: str) -> Task | None:
    return _TASKS.get(name)


def periodic_tasks() -> list[Task]:
    """The scheduled tasks, in the order they were registered."""
    return [t for t in _TASKS.values() if t.schedule is not None]


def unregister(name: str) -> None:
    """Forget a task (tests register throwaway tasks)."""
    _TASKS.pop(name, None)

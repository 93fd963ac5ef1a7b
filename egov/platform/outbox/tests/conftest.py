"""A parcel outbox whose sender fails as each test scripts it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from egov.platform.outbox.contract import GiveUp, Outbox, Retry, Send
from egov.platform.outbox.tests.models import Parcel

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
RETRY = Retry(first=timedelta(seconds=10), cap=timedelta(minutes=1), max_attempts=5)
LEASE = timedelta(minutes=2)


@dataclass
class Carrier:
    """Delivers parcels; `failures` attempts fail first, `refused` addresses give up."""

    failures: int = 0
    refused: set[str] = field(default_factory=set)
    down: bool = False  # opening the connection fails
    delivered: list[str] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, parcel: Parcel) -> str:
        with self.lock:
            self.attempts.append(parcel.address)
            if parcel.address in self.refused:
                raise GiveUp("no such address")
            if self.failures:
                self.failures -= 1
                raise ConnectionError("carrier unavailable")
            self.delivered.append(parcel.address)
        return "ok"

    @contextmanager
    def connect(self) -> Iterator[Send[Parcel]]:
        if self.down:
            raise ConnectionRefusedError("depot closed")
        yield self.send

    def outbox(self, **options: Any) -> Outbox[Parcel]:
        return Outbox(
            name="parcels", model=Parcel, connect=self.connect, retry=RETRY, lease=LEASE, **options
        )


@pytest.fixture
def carrier() -> Carrier:
    return Carrier()


def post(*addresses: str, at: datetime = T) -> list[Parcel]:
    return [Parcel.objects.create(address=a, next_attempt_at=at, created_at=at) for a in addresses]

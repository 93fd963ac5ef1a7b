"""Named events: in-transaction handlers run at once, after-commit ones only on commit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.db import transaction
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks as Capture

from egov.platform.core import events
from egov.platform.core.events import Moment, publish, subscribe, subscribers

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Happened:
    what: str


@pytest.fixture
def heard() -> Iterator[list[str]]:
    log: list[str] = []
    yield log
    events._SUBSCRIPTIONS.pop(Happened, None)


def test_in_transaction_handlers_run_at_once_after_commit_ones_on_commit(
    heard: list[str], django_capture_on_commit_callbacks: Capture
) -> None:
    subscribe(Happened, lambda e: heard.append(f"after {e.what}"))
    subscribe(Happened, lambda e: heard.append(f"in {e.what}"), moment=Moment.IN_TRANSACTION)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish(Happened("x"))
        assert heard == ["in x"]

    assert heard == ["in x", "after x"]


def test_a_rolled_back_change_runs_no_after_commit_handler(
    heard: list[str], django_capture_on_commit_callbacks: Capture
) -> None:
    subscribe(Happened, lambda e: heard.append(f"after {e.what}"))

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
    ):
        publish(Happened("x"))
        _ = 1 / 0

    assert (heard, callbacks) == ([], [])


@pytest.mark.django_db(transaction=True)
def test_publishing_outside_a_transaction_is_refused(heard: list[str]) -> None:
    with pytest.raises(RuntimeError, match="Happened must be published inside its transaction"):
        publish(Happened("x"))


def test_subscribing_twice_keeps_one_subscription(heard: list[str]) -> None:
    def handler(event: Happened) -> None:
        heard.append(event.what)

    subscribe(Happened, handler, moment=Moment.IN_TRANSACTION)
    subscribe(Happened, handler, moment=Moment.IN_TRANSACTION)
    with transaction.atomic():
        publish(Happened("once"))

    assert (subscribers(Happened), heard) == ([handler], ["once"])

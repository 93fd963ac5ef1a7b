"""Named events: a domain publishes what happened, other parts subscribe.

A domain lists the events it publishes in one module (`egov/onestop/events.py`
for the one-stop desk) as frozen dataclasses; its services call `publish()`
where the change happens. Whoever must react registers a handler with
`subscribe()` from its AppConfig.ready(), so the publisher never imports its
listeners and no import circle appears. These are plain typed function
calls, in process, in the order of subscription: not Django signals.

Each handler says when it runs:

- `Moment.AFTER_COMMIT` (the default): once the publishing transaction has
  committed, never on a rollback. For what leaves the database or may fail
  on its own: e-mail, a cache, a message to another system. Such a handler
  runs `robust`ly: if it fails, the error is logged and the change stays.
- `Moment.IN_TRANSACTION`: at once, inside the publishing transaction. Only
  for rows that must commit or roll back with the change, which is how an
  outbox works: the national-portal sync queues the dossier's state, the
  citizen's personal store keeps the result, the in-site notification and
  its e-mail are queued. Such a handler must not call anything outside the
  database; if it fails, the change fails with it.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from django.db import transaction

E = TypeVar("E")


class Moment(enum.Enum):
    IN_TRANSACTION = "in_transaction"
    AFTER_COMMIT = "after_commit"


@dataclass(frozen=True)
class _Subscription:
    handler: Callable[[Any], None]
    moment: Moment


_SUBSCRIPTIONS: defaultdict[type, list[_Subscription]] = defaultdict(list)


def subscribe(
    event_type: type[E],
    handler: Callable[[E], None],
    *,
    moment: Moment = Moment.AFTER_COMMIT,
) -> None:
    """Call `handler(event)` for every `event_type` published from now on.

    Subscribing the same handler twice (an AppConfig.ready() run again by a
    test) keeps one subscription.
    """
    subscription = _Subscription(handler, moment)
    if subscription not in _SUBSCRIPTIONS[event_type]:
        _SUBSCRIPTIONS[event_type].append(subscription)


def publish(event: object) -> None:
    """Hand `event` to its subscribers; must be called inside the changing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{type(event).__name__} must be published inside its transaction")
    for subscription in _SUBSCRIPTIONS.get(type(event), ()):
        if subscription.moment is Moment.IN_TRANSACTION:
            subscription.handler(event)
        else:
            transaction.on_commit(partial(subscription.handler, event), robust=True)


def subscribers(event_type: type) -> list[Callable[[Any], None]]:
    """The handlers of `event_type`, in the order they run (for tests and the docs)."""
    return [subscription.handler for subscription in _SUBSCRIPTIONS.get(event_type, ())]

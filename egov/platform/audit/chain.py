"""The hash chain that makes the audit trail tamper-evident.

Each entry stores the hash of the entry before it (`prev_hash`) and its own
`hash`: SHA-256 over a canonical serialisation (sorted-key JSON) of its
content and `prev_hash`. Editing an entry changes its hash; deleting or
inserting one breaks the next entry's `prev_hash`; deleting the newest ones is
seen against the chain head, which holds the last hash and the entry count.

The functions here take plain values, not model instances, so the data
migration that chains the rows already stored uses the same code.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

# The hash of "nothing before": the first entry's prev_hash.
GENESIS_HASH = "0" * 64


def canonical_details(details: Any) -> Any:
    """The details as the database gives them back (the JSON round trip)."""
    return json.loads(json.dumps(details, cls=DjangoJSONEncoder))


def entry_hash(
    *,
    prev_hash: str,
    event_type: str,
    actor_id: int | None,
    unit_id: int | None,
    target_type: str,
    target_id: str,
    details: Any,
    created_at: datetime.datetime,
) -> str:
    """SHA-256 over the sorted-key JSON of an entry's content and the previous hash.

    The target's type is its natural key ("app_label.model"), not the content
    type's id, so a backup restored into another database still verifies.
    The time is in UTC with microseconds, as both SQLite and PostgreSQL keep it.
    """
    content = {
        "prev_hash": prev_hash,
        "event_type": event_type,
        "actor_id": actor_id,
        "unit_id": unit_id,
        "target_type": target_type,
        "target_id": target_id,
        "details": canonical_details(details),
        "created_at": created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
    }
    serialised = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(serialised.encode("utf-8")).hexdigest()

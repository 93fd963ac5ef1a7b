"""Walking the audit hash chain to find the first broken link."""

from __future__ import annotations

from dataclasses import dataclass

from egov.platform.audit.chain import GENESIS_HASH, entry_hash
from egov.platform.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class ChainReport:
    """The result of a walk: `problem` is None when every link holds."""

    entries: int
    broken_at: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain() -> ChainReport:
    """Check every entry in insertion order against its content and its predecessor.

    Reports the first entry whose stored hash does not match its content
    (edited), whose prev_hash is not the previous entry's hash (an entry
    before it was removed or one was inserted), and finally the head (the
    newest entries were removed).
    """
    prev_hash = GENESIS_HASH
    count = 0
    rows = (
        AuditEvent.objects.order_by("id")
        .select_related("target_type")
        .only(
            "id",
            "event_type",
            "actor_id",
            "unit_id",
            "target_type__app_label",
            "target_type__model",
            "target_id",
            "details",
            "created_at",
            "prev_hash",
            "hash",
        )
    )
    for event in rows.iterator(chunk_size=2000):
        if event.prev_hash != prev_hash:
            return ChainReport(
                entries=count,
                broken_at=event.pk,
                problem=(
                    f"entry {event.pk}: prev_hash {event.prev_hash[:12]}… does not match the "
                    f"previous entry's hash {prev_hash[:12]}… (an entry was removed or inserted)"
                ),
            )
        expected = entry_hash(
            prev_hash=event.prev_hash,
            event_type=event.event_type,
            actor_id=event.actor_id,
            unit_id=event.unit_id,
            target_type=f"{event.target_type.app_label}.{event.target_type.model}",
            target_id=event.target_id,
            details=event.details,
            created_at=event.created_at,
        )
        if event.hash != expected:
            return ChainReport(
                entries=count,
                broken_at=event.pk,
                problem=(
                    f"entry {event.pk}: stored hash {event.hash[:12]}… does not match its "
                    f"content {expected[:12]}… (the entry was changed)"
                ),
            )
        prev_hash = event.hash
        count += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    head_hash = head.last_hash if head is not None else GENESIS_HASH
    head_entries = head.entries if head is not None else 0
    if head_hash != prev_hash or head_entries != count:
        return ChainReport(
            entries=count,
            broken_at=None,
            problem=(
                f"chain head: expects {head_entries} entries ending in {head_hash[:12]}…, "
                f"found {count} ending in {prev_hash[:12]}… (the newest entries were removed)"
            ),
        )
    return ChainReport(entries=count)

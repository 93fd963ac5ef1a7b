"""Gapless, race-free numbers from a register (Decree 30/2020/NĐ-CP art. 15).

The counter is the register row itself. `take_number` locks it with
SELECT ... FOR UPDATE inside the transaction that creates the document, so:
- two clerks issuing at once wait for each other and get consecutive numbers
  (PostgreSQL row lock; SQLite takes the database write lock at BEGIN);
- when that transaction rolls back (a bad file, a duplicate refused, a crash)
  the increment rolls back with it: the number is given to the next
  document, and the register has no gap.
It must therefore be called inside the caller's transaction, after the
caller's own checks and before its audit event (the audit chain head is the
last lock a service takes, egov.platform.audit.services.record_event).
"""

from __future__ import annotations

from django.db import transaction

from egov.office.documents.models import Register


def take_number(register: Register) -> int:
    """The next number of `register`; the counter stays locked until the caller commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run in the transaction that uses the number")
    locked = Register.objects.select_for_update().only("pk", "last_number").get(pk=register.pk)
    locked.last_number += 1
    locked.save(update_fields=["last_number"])
    register.last_number = locked.last_number
    return locked.last_number

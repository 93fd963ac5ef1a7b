"""The audit hash chain: appending, verifying, and tampering seen by `egov audit verify`."""

from __future__ import annotations

import importlib
import threading
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError

from egov.conftest import Province
from egov.platform.audit.chain import GENESIS_HASH, entry_hash
from egov.platform.audit.models import AuditChainHead, AuditEvent
from egov.platform.audit.services import record_event
from egov.platform.audit.verification import verify_chain


def _record(count: int, province: Province) -> list[AuditEvent]:
    with transaction.atomic():
        return [
            record_event(
                event_type="test.tamper",
                actor=None,
                target=province.province,
                details={"n": n, "tên": "Long An"},
            )
            for n in range(count)
        ]


def _allow_raw_changes() -> None:
    """On PostgreSQL, switch the append-only trigger off for this test's transaction.

    As a superuser: replica mode skips ordinary triggers. (ALTER TABLE ...
    DISABLE TRIGGER is refused here: the fixtures' inserts leave deferred
    foreign-key trigger events pending on the table.) SET LOCAL ends with the
    test's transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")


def _verify_output() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue().strip()


def test_each_entry_chains_to_the_one_before(province: Province) -> None:
    before = AuditEvent.objects.order_by("-id").first()
    events = _record(3, province)

    assert events[0].prev_hash == (before.hash if before else GENESIS_HASH)
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    stored = AuditEvent.objects.get(pk=events[2].pk)
    assert stored.hash == entry_hash(
        prev_hash=events[1].hash,
        event_type="test.tamper",
        actor_id=None,
        unit_id=None,
        target_type="organisation.unit",
        target_id=str(province.province.pk),
        details={"n": 2, "tên": "Long An"},
        created_at=stored.created_at,
    )
    head = AuditChainHead.objects.get(pk=1)
    assert head.last_hash == events[2].hash
    assert head.entries == AuditEvent.objects.count()


def test_verify_reports_ok_and_the_number_of_entries(province: Province) -> None:
    _record(4, province)

    assert _verify_output() == f"OK: {AuditEvent.objects.count()} entries"


def test_an_edited_entry_is_the_first_broken_link(province: Province) -> None:
    _allow_raw_changes()
    events = _record(3, province)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET event_type = %s WHERE id = %s", ["forged", events[1].pk]
        )

    report = verify_chain()

    assert report.broken_at == events[1].pk
    assert report.problem is not None and "the entry was changed" in report.problem
    with pytest.raises(CommandError, match=rf"entry {events[1].pk}: stored hash .* was changed"):
        call_command("audit", "verify", stdout=StringIO())


def test_edited_details_are_seen(province: Province) -> None:
    _allow_raw_changes()
    events = _record(2, province)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET details = %s WHERE id = %s", ['{"n": 9}', events[0].pk]
        )

    assert verify_chain().broken_at == events[0].pk


def test_a_deleted_entry_breaks_the_next_link(province: Province) -> None:
    _allow_raw_changes()
    events = _record(3, province)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])

    report = verify_chain()

    assert report.broken_at == events[2].pk
    assert report.problem is not None and "removed or inserted" in report.problem


def test_deleting_the_newest_entries_is_seen_against_the_head(province: Province) -> None:
    _allow_raw_changes()
    events = _record(3, province)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id >= %s", [events[1].pk])

    report = verify_chain()

    assert report.broken_at is None
    assert report.problem is not None and report.problem.startswith("chain head:")


def test_an_inserted_entry_is_seen_even_with_a_correct_hash(province: Province) -> None:
    events = _record(2, province)
    last = events[-1]
    forged_at = last.created_at
    forged_hash = entry_hash(
        prev_hash=last.hash,
        event_type="forged",
        actor_id=None,
        unit_id=None,
        target_type="organisation.unit",
        target_id="1",
        details={},
        created_at=forged_at,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (event_type, target_type_id, target_id, details,"
            " created_at, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                "forged",
                last.target_type_id,
                "1",
                "{}",
                forged_at,
                last.hash,
                forged_hash,
            ],
        )

    report = verify_chain()

    # Every link holds, but the head still ends at the last real entry.
    assert report.problem is not None and report.problem.startswith("chain head:")
    assert f"found {AuditEvent.objects.count()}" in report.problem


def test_an_entry_inserted_between_others_breaks_the_chain(province: Province) -> None:
    _allow_raw_changes()
    events = _record(3, province)
    with connection.cursor() as cursor:
        # Free a place in the middle, then put a forged row there.
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
        cursor.execute(
            "INSERT INTO audit_auditevent (id, event_type, target_type_id, target_id, details,"
            " created_at, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [
                events[1].pk,
                "forged",
                events[1].target_type_id,
                "1",
                "{}",
                events[1].created_at,
                events[0].hash,
                "f" * 64,
            ],
        )

    assert verify_chain().broken_at == events[1].pk


def test_the_migration_chains_rows_stored_before_it(province: Province) -> None:
    _allow_raw_changes()
    _record(3, province)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET prev_hash = '', hash = id")
    AuditChainHead.objects.all().delete()
    assert not verify_chain().ok

    migration = importlib.import_module("egov.platform.audit.migrations.0002_audit_hash_chain")
    migration.chain_existing_rows(apps, None)

    assert verify_chain().ok
    assert verify_chain().entries == AuditEvent.objects.count()


@pytest.mark.django_db(transaction=True)
def test_eight_parallel_writers_leave_one_valid_chain(province: Province) -> None:
    # given the chain as it stands
    start = AuditEvent.objects.count()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    # when eight writers append ten entries each, each in its own transaction
    def write(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            for n in range(10):
                with transaction.atomic(durable=True):
                    record_event(
                        event_type="test.parallel",
                        actor=None,
                        target=province.province,
                        details={"writer": index, "n": n},
                    )
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # then all 80 are written and the chain verifies end to end
    assert errors == []
    assert AuditEvent.objects.filter(event_type="test.parallel").count() == 80
    report = verify_chain()
    assert report.problem is None
    assert report.entries == start + 80


def test_postgresql_refuses_update_and_delete(province: Province) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    event = _record(1, province)[0]

    for statement, params in (
        ("UPDATE audit_auditevent SET event_type = 'forged' WHERE id = %s", [event.pk]),
        ("DELETE FROM audit_auditevent WHERE id = %s", [event.pk]),
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, params)

    # Nor through the ORM's queryset methods, which bypass the model's guard.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(event_type="forged")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).event_type == "test.tamper"
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_truncate(province: Province) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    # Committed first: TRUNCATE is refused anyway in a transaction with pending inserts.
    with transaction.atomic(durable=True):
        record_event(event_type="test.tamper", actor=None, target=province.province)
    entries = AuditEvent.objects.count()

    with (
        pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The test runner's connections may truncate (settings_test.py); this one may not.
        cursor.execute("SET LOCAL egov.audit_allow_truncate = 'off'")
        cursor.execute("TRUNCATE audit_auditevent CASCADE")

    assert AuditEvent.objects.count() == entries
    assert verify_chain().ok

"""`egov generate`: a small fixed-seed run on the demo province, checked row by row."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from egov.onestop.dossiers.models import Channel, DailySequence, Dossier, DossierStatus, Handover
from egov.onestop.dossiers.timeliness import classify
from egov.onestop.dossiers.transitions import END_STATUSES, OPEN_STATUSES
from egov.onestop.portal.models import Rating
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import dossier_statistics
from egov.platform.audit.models import AuditEvent
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.workcalendar.deadlines import VN_TZ, WorkingCalendar
from egov.tools.synthetic.generator import Options, generate
from egov.tools.synthetic.models import SyntheticBatch

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 16, 10, 0, tzinfo=VN_TZ)
S = DossierStatus


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _run(seed: int = 7, dossiers: int = 300, years: int = 2) -> SyntheticBatch:
    return generate(Options(dossiers=dossiers, years=years, seed=seed, batch=120))


def test_a_small_run_gives_exact_counts_by_status_channel_and_table(frozen: None) -> None:
    # When 300 dossiers over two years are generated with seed 7
    batch = _run()

    # Then the counts are the seed's, whatever the database
    by_status = dict(Counter(Dossier.objects.values_list("status", flat=True)))
    by_channel = dict(Counter(Dossier.objects.values_list("channel", flat=True)))
    by_timeliness = dict(Counter(Dossier.objects.values_list("timeliness", flat=True)))
    assert by_status == {
        S.NOT_ACCEPTED: 7,
        S.WITHDRAWN: 3,
        S.STOPPED: 5,
        S.FINISHED: 3,
        S.RETURNED: 282,
    }
    assert by_channel == {Channel.DIRECT: 215, Channel.ONLINE: 64, Channel.POSTAL: 21}
    assert by_timeliness == {"early": 105, "on_time": 165, "late": 23, "": 7}
    assert batch.counts == {
        "officers": 80,
        "citizens": 50,
        "dossiers": 300,
        "handovers": 1441,
        "supplement_requests": 23,
        "ratings": 31,
        "documents": 563,
        "payments": 34,
        "portal_sync_events": 868,
    }
    assert Handover.objects.count() == batch.counts["handovers"]
    assert Rating.objects.count() == batch.counts["ratings"]
    assert (batch.last_dossier_id or 0) - (batch.first_dossier_id or 0) == 299
    # Synthetic rows are nobody's change: no audit event for them.
    assert AuditEvent.objects.filter(event_type__startswith="dossiers.").count() == 0


def test_codes_are_unique_and_follow_the_day_sequences(frozen: None) -> None:
    _run()

    codes = [
        (str(code), agency, received)
        for code, agency, received in Dossier.objects.exclude(code=None).values_list(
            "code", "receiving_unit__agency_code", "received_at"
        )
        if received is not None
    ]
    assert len({code for code, _a, _r in codes}) == len(codes)
    last: dict[tuple[str, str], int] = {}
    for code, agency, received in codes:
        prefix, day, seq = code.rsplit("-", 2)
        assert prefix == agency
        assert day == received.astimezone(VN_TZ).strftime("%y%m%d")
        last[(prefix, day)] = max(last.get((prefix, day), 0), int(seq))
    stored = {
        (row.prefix, row.day.strftime("%y%m%d")): row.last for row in DailySequence.objects.all()
    }
    assert stored == last
    # Numbers run 1..n without gaps within each centre and day.
    per_key = Counter((c.rsplit("-", 2)[0], c.rsplit("-", 2)[1]) for c, _a, _r in codes)
    assert per_key == Counter(last)


def test_deadlines_follow_the_calendar_and_the_supplement_time(frozen: None) -> None:
    _run()
    calendar = WorkingCalendar.load()

    accepted = Dossier.objects.exclude(code=None).select_related("procedure")
    for dossier in accepted.prefetch_related("supplements"):
        assert dossier.received_at is not None and dossier.deadline_at is not None
        assert dossier.deadline_at >= dossier.received_at
        waited = sum(
            calendar.working_seconds(s.requested_at, s.received_at)
            for s in dossier.supplements.all()
            if s.received_at is not None
        )
        # The legal deadline is the processing time plus the citizen's time, in office time.
        assert calendar.working_seconds(dossier.received_at, dossier.deadline_at) == (
            dossier.procedure.processing_seconds + waited
        )
        if not waited:
            assert dossier.deadline_at == calendar.add_seconds(
                dossier.received_at, dossier.procedure.processing_seconds
            )


def test_timeliness_is_the_decision_766_rule_and_nothing_happens_after_now(frozen: None) -> None:
    # Given a denser year, so that the last days leave a dossier open at "now"
    _run(dossiers=800, years=1)

    open_now = Dossier.objects.filter(status__in=OPEN_STATUSES)
    assert list(open_now.values_list("status", "supplement_count")) == [(S.SUPPLEMENT, 1)]

    for dossier in Dossier.objects.all():
        assert dossier.created_at <= NOW and dossier.updated_at <= NOW
        if dossier.status in OPEN_STATUSES:
            assert (dossier.ended_at, dossier.timeliness) == (None, "")
            continue
        assert dossier.status in END_STATUSES and dossier.ended_at is not None
        assert dossier.ended_at <= NOW
        if dossier.deadline_at is None:  # refused at the desk: never accepted
            assert (dossier.status, dossier.code, dossier.timeliness) == (S.NOT_ACCEPTED, None, "")
            continue
        expected = classify(
            dossier.ended_at, dossier.deadline_at, supplement_count=dossier.supplement_count
        )
        assert dossier.timeliness == expected.value
    twice = Dossier.objects.filter(supplement_count__gt=1).exclude(ended_at=None)
    assert set(twice.values_list("timeliness", flat=True)) <= {"late"}


def test_processing_time_is_the_office_time_to_the_first_end_without_the_citizens(
    frozen: None,
) -> None:
    _run()
    calendar = WorkingCalendar.load()

    # Every received dossier has the office time its clock stood still for the
    # citizen (each supplement from the request to its arrival, or to the end
    # when the citizen never came back); one that ended has the office time
    # from receipt to its end minus that, the others none
    waiting = Counter[str]()
    expected: dict[int, int] = {}
    for dossier in Dossier.objects.prefetch_related("supplements"):
        waited = 0
        for s in dossier.supplements.all():
            until = s.received_at or dossier.ended_at
            if until is not None:  # still waiting on an open dossier: not yet counted
                waited += calendar.working_seconds(s.requested_at, until)
        assert dossier.waited_seconds == waited
        if dossier.received_at is None or dossier.ended_at is None:
            assert dossier.processing_seconds is None
            continue
        total = calendar.working_seconds(dossier.received_at, dossier.ended_at)
        assert dossier.processing_seconds == total - waited
        expected[dossier.pk] = total - waited
        waiting["waited"] += int(waited > 0)
        waiting["ended waiting"] += int(
            any(s.received_at is None for s in dossier.supplements.all())
        )
    assert waiting == {"waited": 20, "ended waiting": 4}

    # And the report's average over a year is the mean of those office times
    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
    period = Period(date(2025, 3, 16), date(2026, 3, 15))
    resolved = Dossier.objects.filter(
        received_at__isnull=False, ended_at__gte=period.start, ended_at__lt=period.stop
    )
    seconds = [expected[pk] for pk in resolved.values_list("pk", flat=True)]
    stats = dossier_statistics(Scope(province), period)
    assert stats.resolved == len(seconds) == 141
    mean = Decimal(sum(seconds)) / Decimal(len(seconds) * 27000)
    assert stats.average_days == mean.quantize(Decimal("0.1"), ROUND_HALF_UP) == Decimal("1.7")


def test_the_migration_gives_the_generated_values_back(
    frozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given generated dossiers with their columns as before the citizen's time
    # was counted apart: nothing waited, nothing subtracted
    _run()
    calendar = WorkingCalendar.load()
    fields = ("pk", "waited_seconds", "processing_seconds")
    generated = sorted(Dossier.objects.values_list(*fields))
    for dossier in Dossier.objects.exclude(received_at=None).exclude(ended_at=None):
        assert dossier.received_at is not None and dossier.ended_at is not None
        dossier.processing_seconds = calendar.working_seconds(dossier.received_at, dossier.ended_at)
        dossier.save(update_fields=["processing_seconds"])
    Dossier.objects.update(waited_seconds=0)

    # When the data migration recomputes them from the supplement requests
    migration = importlib.import_module("egov.onestop.dossiers.migrations.0008_fill_waited_seconds")
    monkeypatch.setattr(migration, "BATCH", 50)
    migration.fill(apps, None)

    # Then they are the generator's
    assert sorted(Dossier.objects.values_list(*fields)) == generated
    assert Dossier.objects.filter(waited_seconds__gt=0).count() == 20


def test_handovers_are_ordered_and_a_returned_dossier_went_through_every_step(
    frozen: None,
) -> None:
    _run()

    for dossier in Dossier.objects.exclude(code=None).prefetch_related("handovers"):
        rows = sorted(dossier.handovers.all(), key=lambda h: h.pk)
        assert [h.at for h in rows] == sorted(h.at for h in rows)
        assert rows[0].action == "accept" and rows[0].at == dossier.received_at
        assert all(h.at <= NOW for h in rows)
        if dossier.status == S.RETURNED:
            assert [h.action for h in rows] == [
                "accept",
                "forward",
                "forward",
                "approve",
                "deliver",
            ]
            assert rows[-1].at == dossier.returned_at
            assert dossier.current_step_id is None


def test_a_second_run_adds_dossiers_with_new_codes(frozen: None) -> None:
    first = _run(seed=7, dossiers=150)
    codes_before = set(Dossier.objects.exclude(code=None).values_list("code", flat=True))

    # When the same seed runs again
    second = _run(seed=7, dossiers=150)

    # Then it adds as many dossiers, none reusing a code, and reuses the people
    codes = [str(c) for c in Dossier.objects.exclude(code=None).values_list("code", flat=True)]
    assert Dossier.objects.count() == 300
    assert len(codes) == len(set(codes))
    assert len(set(codes) - codes_before) == len(codes) - len(codes_before)
    assert second.counts["officers"] == 0 and second.counts["citizens"] == 0
    assert first.counts["officers"] > 0
    assert (first.last_dossier_id or 0) < (second.first_dossier_id or 0)
    assert DailySequence.objects.aggregate(n=Count("pk"))["n"] == len(
        {c.rsplit("-", 1)[0] for c in codes}
    )


def test_the_command_prints_what_it_made_and_refuses_an_unknown_province(frozen: None) -> None:
    out = StringIO()
    call_command("generate", dossiers=40, years=1, seed=3, verbosity=0, stdout=out)

    assert out.getvalue().startswith("Synthetic batch #")
    assert "dossiers 40" in out.getvalue()
    assert "Statistics rollups rebuilt: 40 dossiers, " in out.getvalue()
    verified = StringIO()
    call_command("stats", "verify", stdout=verified)
    assert verified.getvalue() == "OK: the rollups equal the recomputation\n"
    with pytest.raises(CommandError, match="Không tìm thấy tỉnh có mã 99"):
        call_command("generate", dossiers=40, years=1, province="99", verbosity=0)
    with pytest.raises(CommandError, match="must be positive"):
        call_command("generate", dossiers=0, years=1, verbosity=0)


def test_copy_and_bulk_create_write_the_same_rows(frozen: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    columns = [
        f.attname
        for f in Dossier._meta.concrete_fields
        if f.attname not in ("id", "code", "tracking_secret")
    ]

    def rows(batch: SyntheticBatch) -> list[tuple[object, ...]]:
        chosen = Dossier.objects.filter(
            pk__gte=batch.first_dossier_id or 0, pk__lte=batch.last_dossier_id or 0
        )
        return sorted(chosen.values_list(*columns), key=repr)

    # When the same seed is written once with COPY and once with bulk_create
    copied = generate(Options(dossiers=120, years=1, seed=5, method="copy"))
    created = generate(Options(dossiers=120, years=1, seed=5, method="bulk"))

    # Then every column but the key and the code's number is the same
    assert rows(copied) == rows(created)
    assert copied.counts["handovers"] == created.counts["handovers"] == 586


def test_documents_in_several_batches_keep_one_gapless_series(frozen: None) -> None:
    from egov.office.documents.models import IncomingDocument

    out = StringIO()
    call_command("generate", dossiers=5, years=1, seed=7, batch=9, documents=40, stdout=out)

    numbers = {
        year: list(
            IncomingDocument.objects.filter(register__year=year)
            .order_by("arrived_at", "pk")
            .values_list("arrival_number", flat=True)
        )
        for year in (2025, 2026)
    }
    assert numbers[2025] + numbers[2026] != []
    for series in numbers.values():
        assert series == list(range(1, len(series) + 1))
    assert len(numbers[2025]) + len(numbers[2026]) == IncomingDocument.objects.count()
    assert IncomingDocument.objects.count() == 40
    assert "Incoming documents: 40 (" in out.getvalue()


def test_outgoing_documents_in_several_batches_keep_gapless_registers(frozen: None) -> None:
    from egov.office.documents.models import OutgoingDocument, RegisterEntry

    out = StringIO()
    call_command("generate", dossiers=5, years=1, seed=7, batch=9, outgoing=30, stdout=out)

    issued = OutgoingDocument.objects.count()
    # The last two hours before the frozen clock get none (still being drafted).
    assert 25 <= issued <= 30
    assert f"Outgoing documents: {issued:,} issued in " in out.getvalue()
    series: dict[tuple[int, int], list[int]] = {}
    for register_id, year, number in RegisterEntry.objects.order_by(
        "register", "year", "number"
    ).values_list("register", "year", "number"):
        series.setdefault((register_id, year), []).append(number)
    assert series != {}
    for numbers in series.values():
        assert numbers == list(range(1, len(numbers) + 1))
    assert RegisterEntry.objects.count() == issued
    # Symbols carry the body's abbreviation the command gave it (QĐ-UBND, UBND-VP...).
    notations = set(OutgoingDocument.objects.values_list("notation", flat=True))
    assert notations != set()
    assert all("UBND" in notation.split("/", 1)[1].split("-") for notation in notations)

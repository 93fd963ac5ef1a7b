from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from egov.office.documents.models import UnitAbbreviation
from egov.onestop.reports.rollups.rebuild import rebuild
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit, UnitKind
from egov.tools.synthetic.generator import Options, generate, refresh_planner_statistics
from egov.tools.synthetic.office import generate_incoming, generate_outgoing


class _ProgressLine:
    """One stderr line rewritten in place: done, rate and time left."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0.0
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        sys.stderr.write(
            f"\r[{bar:<30}] {done:>11,}/{total:,} hồ sơ  {rate:,.0f}/s  "
            f"còn {int(left) // 60}m{int(left) % 60:02d}s "
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


class Command(BaseCommand):
    help = (
        "Fill a province with synthetic dossiers over several years "
        "(bulk inserts, no audit events; recorded as a SyntheticBatch)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossiers", type=int, required=True, help="Number of dossiers.")
        parser.add_argument("--years", type=int, required=True, help="Years of receipts.")
        parser.add_argument(
            "--province", default="80", help="Statistical code of the province (80: demo)."
        )
        parser.add_argument("--seed", type=int, default=None, help="Random seed (repeatable).")
        parser.add_argument(
            "--batch", type=int, default=20000, help="Dossiers per transaction (default 20000)."
        )
        parser.add_argument(
            "--method",
            choices=["auto", "bulk", "copy"],
            default="auto",
            help="Inserts: bulk_create, or COPY (PostgreSQL); auto picks COPY on PostgreSQL.",
        )
        parser.add_argument(
            "--documents",
            type=int,
            default=0,
            help="Also this many incoming documents of the province's People's Committee "
            "(document office), over the same years.",
        )
        parser.add_argument(
            "--outgoing",
            type=int,
            default=0,
            help="Also this many issued outgoing documents of the province's People's "
            "Committee (document office), over the same years.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dossiers"] < 1 or options["years"] < 1 or options["batch"] < 1:
            raise CommandError("--dossiers, --years and --batch must be positive.")
        if options["documents"] < 0 or options["outgoing"] < 0:
            raise CommandError("--documents and --outgoing must not be negative.")
        started = time.monotonic()
        progress = _ProgressLine() if options["verbosity"] >= 1 else None
        try:
            batch = generate(
                Options(
                    dossiers=options["dossiers"],
                    years=options["years"],
                    province=options["province"],
                    seed=options["seed"],
                    batch=options["batch"],
                    method=options["method"],
                ),
                progress=progress,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        elapsed = time.monotonic() - started
        counts = ", ".join(f"{name} {value:,}" for name, value in sorted(batch.counts.items()))
        self.stdout.write(
            f"Synthetic batch #{batch.pk} (seed {batch.seed}): {counts} "
            f"in {elapsed:.1f}s ({batch.counts.get('dossiers', 0) / elapsed:,.0f} dossiers/s)."
        )
        # The rows were written in bulk, past the services that keep the
        # statistics rollups: recompute them (egov/onestop/reports/rollups/).
        started = time.monotonic()
        dossiers, rows = rebuild()
        if connection.vendor == "postgresql":
            # The rollup tables were just rewritten: the planner must know them.
            refresh_planner_statistics()
        self.stdout.write(
            f"Statistics rollups rebuilt: {dossiers:,} dossiers, {rows:,} counter rows "
            f"in {time.monotonic() - started:.1f}s."
        )
        if options["documents"]:
            started = time.monotonic()
            office = generate_incoming(
                body=Unit.objects.get(kind=UnitKind.PROVINCE, stat_code=options["province"]),
                count=options["documents"],
                days=365 * options["years"],
                seed=batch.seed,
                batch=options["batch"],
            )
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"Incoming documents: {office.incoming:,} ({office.completed:,} handled, "
                f"{office.open:,} in progress, {office.awaiting_assignment:,} awaiting "
                f"assignment) in {elapsed:.1f}s."
            )
        if options["outgoing"]:
            body = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code=options["province"])
            # Symbols need the body's abbreviation (Decree 30/2020, Appendix VI):
            # a People's Committee is "UBND" unless the administrator set another.
            UnitAbbreviation.objects.get_or_create(unit=body, defaults={"abbreviation": "UBND"})
            started = time.monotonic()
            issued = generate_outgoing(
                body=body,
                count=options["outgoing"],
                days=365 * options["years"],
                seed=batch.seed,
                batch=options["batch"],
            )
            elapsed = time.monotonic() - started
            self.stdout.write(f"Outgoing documents: {issued:,} issued in {elapsed:.1f}s.")

"""The formulas the definitions name, as conditions on the dossiers a report counts.

Each dossier formula gives named parts, each a condition on
`statistics.counted(scope, period)` annotated by `annotate()`: the counts
come from one aggregate (COUNT ... FILTER), and the dossiers behind a figure
are the same condition as a list (selectors.indicator_dossiers), so the page
and its lists agree by construction.

Definitions (period = local dates; "received or processed" = resolved in the
period or still open at its end, as statistics.py counts them):
- on_time: (resolved early or on time + open within the deadline) ÷ received
  or processed (the national dashboard's rule, DOMAIN.md);
- satisfaction: 100% − (late + disliked) over received or processed: late =
  resolved late or open past the deadline; disliked = rated "unsatisfied"
  before the period's end (egov.onestop.portal.models.Rating) or named by
  a complaint received before the period's end (feedback giving the
  dossier's code, from egov/voice through
  platform.organisation.indicators.complained_dossiers). As the dashboard
  subtracts the two shares, a dossier both late and disliked counts twice;
  the numerator stops at zero;
- fully_online: new dossiers submitted online (channel 2) of procedures
  offered fully online ÷ new dossiers of those procedures;
- paid_online: new dossiers of fee-bearing procedures (a fee, a charge or a
  council-set amount, or an amount asked while paused) paid through a
  gateway ÷ those dossiers;
- electronic_results: dossiers finished or returned in the period holding
  the result file ÷ dossiers finished or returned;
- digitised_components: new dossiers whose every received document carries
  a scan (at least one document) ÷ new dossiers: the flag the
  synchronisation sends as HoSoCoThanhPhanSoHoa (portalsync/mapping.py);
  with the definition's `paper_result_needs_electronic`, a dossier whose
  result was issued before the period's end also needs the result file (the
  payload's flag applies the same switch, definition.paper_result_needs_electronic);
- synchronised: received or processed dossiers with a dossier synchronisation
  (DongBoHoSoMC) queued before the period's end, none of them still unsent
  at the period's end more than `sync_within_hours` after it was queued,
  and none queued in the period sent later than that ÷ received or
  processed. NOT VERIFIED: the national portal's own delay; kept as the
  definition's data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.translation import gettext_lazy as _

from egov.onestop.dossiers.models import Channel, Dossier, DossierDocument, DossierStatus
from egov.onestop.payments.models import Payment, PaymentStatus
from egov.onestop.portal.models import Rating, RatingValue
from egov.onestop.portalsync.models import OutboxEvent, PortalService
from egov.onestop.procedures.models import OnlineClass
from egov.onestop.reports.indicators.definition import IndicatorSpec
from egov.onestop.reports.scope import Period
from egov.onestop.reports.statistics import conditions
from egov.platform.organisation.indicators import complained_dossiers

NUMERATOR = "tu-so"
DENOMINATOR = "mau-so"
LATE = "tre-han"
DISLIKED = "khong-hai-long"
MISSED = "khong-dat"

PART_LABELS = {
    NUMERATOR: _("Hồ sơ đạt (tử số)"),
    DENOMINATOR: _("Hồ sơ được tính (mẫu số)"),
    MISSED: _("Hồ sơ không đạt (làm mất điểm)"),
    LATE: _("Hồ sơ trễ hạn (bị trừ)"),
    DISLIKED: _("Hồ sơ bị đánh giá không hài lòng hoặc có phản ánh (bị trừ)"),
}


@dataclass(frozen=True)
class Context:
    period: Period
    now: datetime
    spec: IndicatorSpec


def _rate(numerator: Q, denominator: Q) -> dict[str, Q]:
    # The missed ones are what a leader opens first: why the unit lost points.
    return {
        MISSED: denominator & ~numerator,
        NUMERATOR: denominator & numerator,
        DENOMINATOR: denominator,
    }


def on_time(ctx: Context) -> dict[str, Q]:
    c = conditions(ctx.period)
    met = c["early"] | c["on_time"] | c["open_within"]
    return _rate(met, c["resolved"] | _still_open(ctx))


def satisfaction(ctx: Context) -> dict[str, Q]:
    c = conditions(ctx.period)
    dossiers = c["resolved"] | _still_open(ctx)
    return {
        LATE: dossiers & (c["late"] | c["open_past"]),
        DISLIKED: dossiers
        & (Q(disliked=True) | Q(code__in=complained_dossiers(before=ctx.period.stop))),
        DENOMINATOR: dossiers,
    }


def _satisfaction_counts(counts: dict[str, int]) -> tuple[int, int]:
    dossiers = counts[DENOMINATOR]
    return max(dossiers - counts[LATE] - counts[DISLIKED], 0), dossiers


def _still_open(ctx: Context) -> Q:
    stop = ctx.period.stop
    return Q(received_at__isnull=False) & (Q(ended_at__isnull=True) | Q(ended_at__gte=stop))


def _new(ctx: Context) -> Q:
    return Q(received_at__gte=ctx.period.start, received_at__lt=ctx.period.stop)


def fully_online(ctx: Context) -> dict[str, Q]:
    eligible = _new(ctx) & Q(procedure__online_class=OnlineClass.FULL)
    return _rate(Q(channel=Channel.ONLINE), eligible)


def paid_online(ctx: Context) -> dict[str, Q]:
    fee_bearing = (
        Q(payment_due_vnd__gt=0)
        | Q(procedure__fee_vnd__gt=0)
        | Q(procedure__charge_vnd__gt=0)
        | Q(procedure__fee_set_by_council=True)
    )
    return _rate(Q(paid=True), _new(ctx) & fee_bearing)


def electronic_results(ctx: Context) -> dict[str, Q]:
    start, stop = ctx.period.start, ctx.period.stop
    with_result = Q(
        received_at__isnull=False,
        ended_at__gte=start,
        ended_at__lt=stop,
        status__in=[DossierStatus.FINISHED, DossierStatus.RETURNED],
    )
    return _rate(~Q(result_file=""), with_result)


def digitised_components(ctx: Context) -> dict[str, Q]:
    scanned = Q(any_document=True, unscanned=False)
    if ctx.spec.params.get("paper_result_needs_electronic", False):
        # DOMAIN.md: where the result is a paper document, a digitised dossier
        # also needs its electronic result. The catalogue has no flag for a
        # result that is not paper, so every result issued counts as paper
        # (see the definition's comment: NOT VERIFIED).
        issued = Q(
            status__in=[DossierStatus.FINISHED, DossierStatus.RETURNED],
            ended_at__lt=ctx.period.stop,
        )
        scanned &= ~issued | ~Q(result_file="")
    return _rate(scanned, _new(ctx))


def synchronised(ctx: Context) -> dict[str, Q]:
    c = conditions(ctx.period)
    return _rate(Q(synced=True, synced_late=False), c["resolved"] | _still_open(ctx))


@dataclass(frozen=True)
class DossierFormula:
    parts: Callable[[Context], dict[str, Q]]
    # (numerator, denominator) from the parts' counts.
    combine: Callable[[dict[str, int]], tuple[int, int]] = lambda n: (n[NUMERATOR], n[DENOMINATOR])


FORMULAS: dict[str, DossierFormula] = {
    "on_time": DossierFormula(on_time),
    "satisfaction": DossierFormula(satisfaction, _satisfaction_counts),
    "fully_online": DossierFormula(fully_online),
    "paid_online": DossierFormula(paid_online),
    "electronic_results": DossierFormula(electronic_results),
    "digitised_components": DossierFormula(digitised_components),
    "synchronised": DossierFormula(synchronised),
}


def annotate(qs: QuerySet[Dossier], ctx: Context, *, sets: bool = False) -> QuerySet[Dossier]:
    """The facts the formulas read, as boolean columns of each dossier.

    By default correlated EXISTS per dossier (the lists: a page of dossiers);
    with `sets`, `id IN (...)` over each side table, uncorrelated: PostgreSQL
    hashes each set once and scans the dossiers with parallel workers, which
    the EXISTS sub-plans prevent (issue 20: the indicator aggregate at 1M
    dossiers, 3.1 s with EXISTS, about 1 s with IN). The same truth values:
    the sets hold no NULL (NOT IN would then be unknown).
    """
    received = DossierDocument.objects.filter(received=True)
    rows = OutboxEvent.objects.filter(service=PortalService.DOSSIER)
    within = timedelta(hours=int(ctx.spec.params.get("sync_within_hours", 24)))
    start, stop = ctx.period.start, ctx.period.stop
    judged = min(stop, ctx.now)
    # Late: still unsent at the period's end (judged now if it has not come)
    # more than `within` after it was queued, whenever queued; or queued in
    # the period and sent after more than `within`.
    unsent = Q(sent_at__isnull=True) | Q(sent_at__gte=judged)
    late_rows = rows.filter(created_at__lt=stop).filter(
        (unsent & Q(created_at__lt=judged - within))
        | Q(created_at__gte=start, sent_at__gt=F("created_at") + within)
    )
    sides: dict[str, QuerySet[Any]] = {
        "any_document": received,
        "unscanned": received.filter(Q(scan="") | Q(scan__isnull=True)),
        "paid": Payment.objects.filter(status=PaymentStatus.PAID),
        "disliked": Rating.objects.filter(value=RatingValue.UNSATISFIED, created_at__lt=stop),
        "synced": rows.filter(created_at__lt=stop),
        "synced_late": late_rows,
    }
    annotations: dict[str, Any] = {}
    for name, side in sides.items():
        if sets:
            ids = side.filter(dossier__isnull=False).order_by().values("dossier_id")
            annotations[name] = ExpressionWrapper(
                Q(pk__in=Subquery(ids)), output_field=BooleanField()
            )
        else:
            annotations[name] = Exists(side.filter(dossier=OuterRef("pk")))
    return qs.annotate(**annotations)

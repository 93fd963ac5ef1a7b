"""The indicator set of Decision 766/QĐ-TTg (2022) for a unit and a period.

The decision scores five groups out of 100 points: transparency 18, progress
and results 20, digitisation 22, online services 22, satisfaction 18 (group
maxima as published, e.g. by Sở Nội vụ Nam Định). The platform measures the
indicators below, each with the threshold at which it earns its full points
(DOMAIN.md: online procedures 80%, online dossiers 50%, digitisation and
online payment 80% each).

NOT VERIFIED: the points of each indicator inside its group, the on-time
target (100%) and the satisfaction target (90%, Resolution 76/NQ-CP's goal)
were not found in the decision's appendix; they are this platform's
assumption, stated on every page that shows them. Transparency, the reuse of
digitised data and citizen feedback are not measured here.

Scoring rule (ours): score = points × min(value / target, 1), linear up to
the threshold, rounded to two decimals. An indicator without data (no
dossier to measure, or a feature not installed) scores nothing and is left
out of the total and of its maximum.

Definitions (period = the dossiers' local dates, scope as in statistics.py):
- procedures online: the scope's active procedures (an active process at
  one of its agencies) offered "toàn trình" or "một phần";
- dossiers online: new dossiers submitted online (channel 2) among the new
  dossiers of procedures offered online;
- digitised dossiers: new dossiers with at least one scan and a scan for
  every required document;
- digitised results: resolved dossiers with a result (9, 10) that hold the
  result file;
- online payments: new dossiers with fees to pay (the procedure's fee or
  charge, or an amount asked while paused) paid through a gateway
  (`egov.onestop.payments.models.Payment`, status paid);
- on-time: (early + on time + open within the deadline) / (resolved + in
  progress), the national dashboard's rule (statistics.py gives the counts);
- satisfaction: 100% − (late + rated "unsatisfied") over the dossiers
  received or processed (`egov.onestop.portal.models.Rating`); zero, not
  left out, when there is none (the national dashboard's rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, Exists, Model, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egov.onestop.dossiers.models import Dossier, DossierDocument, DossierStatus
from egov.onestop.procedures.models import OnlineClass, Procedure
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import DossierStatistics

POINTS_VERIFIED = False
PERCENT = Decimal("0.01")

GROUP_ONLINE = _("Cung cấp dịch vụ trực tuyến")
GROUP_DIGITAL = _("Số hóa hồ sơ")
GROUP_PROGRESS = _("Tiến độ, kết quả giải quyết")
GROUP_SATISFACTION = _("Mức độ hài lòng")


@dataclass(frozen=True)
class Indicator:
    key: str
    group: Promise | str
    name: Promise | str
    numerator: int
    denominator: int
    target: Decimal
    points: Decimal
    # False: the feature the indicator needs is not installed ("chưa có dữ liệu").
    available: bool = True
    # The score when there is nothing to measure (denominator 0); None leaves
    # the indicator out of the total and its maximum.
    when_empty: Decimal | None = None

    @property
    def value(self) -> float | None:
        if not self.available or not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def score(self) -> Decimal | None:
        if not self.available:
            return None
        if not self.denominator:
            return self.when_empty
        reached = min(
            Decimal(self.numerator) / (Decimal(self.denominator) * self.target), Decimal(1)
        )
        return (self.points * reached).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorSet:
    indicators: list[Indicator]

    @property
    def total(self) -> Decimal:
        return sum((i.score for i in self.indicators if i.score is not None), Decimal("0.00"))

    @property
    def maximum(self) -> Decimal:
        return sum((i.points for i in self.indicators if i.score is not None), Decimal("0"))

    @property
    def possible(self) -> Decimal:
        """The points of every indicator measured here, with or without data."""
        return sum((i.points for i in self.indicators), Decimal("0"))


def optional_model(app_label: str, name: str) -> type[Model] | None:
    """A model of an app another engineer may not have shipped yet."""
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _procedure_counts(scope: Scope) -> dict[str, Any]:
    procedures = Procedure.objects.filter(
        scope.agencies("processes__"), is_active=True, processes__is_active=True
    )
    if scope.procedure is not None:
        procedures = procedures.filter(pk=scope.procedure.pk)
    if scope.field is not None:
        procedures = procedures.filter(field=scope.field)
    online = [OnlineClass.FULL, OnlineClass.PARTIAL]
    return procedures.aggregate(
        total=Count("pk", distinct=True),
        online=Count("pk", distinct=True, filter=Q(online_class__in=online)),
    )


def _dossier_counts(scope: Scope, period: Period, payment: Any, rating: Any) -> dict[str, Any]:
    start, stop = period.start, period.stop
    new = Q(received_at__gte=start, received_at__lt=stop)
    ended = Q(received_at__isnull=False, ended_at__gte=start, ended_at__lt=stop)
    with_result = ended & Q(status__in=[DossierStatus.FINISHED, DossierStatus.RETURNED])
    offered_online = Q(procedure__online_class__in=[OnlineClass.FULL, OnlineClass.PARTIAL])
    owes = (
        Q(payment_due_vnd__gt=0)
        | Q(procedure__fee_vnd__gt=0)
        | Q(procedure__charge_vnd__gt=0)
        | Q(procedure__fee_set_by_council=True)
    )
    documents = DossierDocument.objects.filter(dossier=OuterRef("pk"))
    qs = (
        Dossier.objects.filter(scope.dossiers())
        .filter(new | ended)
        .annotate(
            scanned=Exists(documents.exclude(scan="")),
            missing=Exists(documents.filter(procedure_document__required=True, scan="")),
        )
    )
    counts: dict[str, Any] = {
        "online_base": Count("pk", filter=new & offered_online),
        "online": Count("pk", filter=new & offered_online & Q(channel=2)),
        "new": Count("pk", filter=new),
        "digitised": Count("pk", filter=new & Q(scanned=True, missing=False)),
        "results": Count("pk", filter=with_result),
        "result_files": Count("pk", filter=with_result & ~Q(result_file="")),
        "owing": Count("pk", filter=new & owes),
    }
    if payment is not None:
        paid = payment.objects.filter(dossier=OuterRef("pk"), status="paid")
        qs = qs.annotate(paid_online=Exists(paid))
        counts["paid"] = Count("pk", filter=new & owes & Q(paid_online=True))
    if rating is not None:
        rated = rating.objects.filter(dossier=OuterRef("pk"))
        qs = qs.annotate(
            has_rating=Exists(rated), unhappy=Exists(rated.filter(value="unsatisfied"))
        )
        counts["rated"] = Count("pk", filter=ended & Q(has_rating=True))
        counts["content"] = Count("pk", filter=ended & Q(has_rating=True, unhappy=False))
    return qs.aggregate(**counts)


def indicator_set(scope: Scope, period: Period, stats: DossierStatistics) -> IndicatorSet:
    """The indicators of a scope and period (two queries; `stats` from statistics.py)."""
    payment = optional_model("payments", "Payment")
    rating = optional_model("portal", "Rating")
    procedures = _procedure_counts(scope)
    d = _dossier_counts(scope, period, payment, rating)
    return IndicatorSet(
        [
            *_online_indicators(procedures, d, payments_known=payment is not None),
            *_digitisation_indicators(d),
            _on_time_indicator(stats),
            _satisfaction_indicator(d, stats, ratings_known=rating is not None),
        ]
    )


def _indicator(key: str, group: Promise, name: Promise, n: int, of: int, **kw: Any) -> Indicator:
    return Indicator(key=key, group=group, name=name, numerator=n, denominator=of, **kw)


def _online_indicators(
    procedures: dict[str, Any], d: dict[str, Any], *, payments_known: bool
) -> list[Indicator]:
    return [
        _indicator(
            "procedures_online",
            GROUP_ONLINE,
            _("Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến"),
            procedures["online"],
            procedures["total"],
            target=80 * PERCENT,
            points=Decimal(6),
        ),
        _indicator(
            "dossiers_online",
            GROUP_ONLINE,
            _("Tỷ lệ hồ sơ nộp trực tuyến"),
            d["online"],
            d["online_base"],
            target=50 * PERCENT,
            points=Decimal(8),
        ),
        _indicator(
            "payments_online",
            GROUP_ONLINE,
            _("Tỷ lệ hồ sơ thanh toán trực tuyến"),
            d.get("paid", 0),
            d["owing"],
            target=80 * PERCENT,
            points=Decimal(8),
            available=payments_known,
        ),
    ]


def _digitisation_indicators(d: dict[str, Any]) -> list[Indicator]:
    return [
        _indicator(
            "digitised_dossiers",
            GROUP_DIGITAL,
            _("Tỷ lệ hồ sơ được số hóa"),
            d["digitised"],
            d["new"],
            target=80 * PERCENT,
            points=Decimal(11),
        ),
        _indicator(
            "digitised_results",
            GROUP_DIGITAL,
            _("Tỷ lệ kết quả giải quyết được số hóa"),
            d["result_files"],
            d["results"],
            target=80 * PERCENT,
            points=Decimal(11),
        ),
    ]


def _on_time_indicator(stats: DossierStatistics) -> Indicator:
    """As the national dashboard counts it (DOMAIN.md, "On-time rules and indicators").

    Numerator: dossiers resolved early or on time, and dossiers still open
    and within their deadline at the period's end. Denominator: every dossier
    received or processed in the period (carried over + new = resolved + in
    progress). An open dossier is not left out: within its deadline it counts
    for the unit, past it against.
    """
    return _indicator(
        "on_time",
        GROUP_PROGRESS,
        _("Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn (kể cả hồ sơ đang xử lý trong hạn)"),
        stats.early + stats.on_time + stats.open_within,
        stats.resolved + stats.in_progress,
        target=Decimal(1),
        points=Decimal(20),
    )


def _satisfaction_indicator(
    d: dict[str, Any], stats: DossierStatistics, *, ratings_known: bool
) -> Indicator:
    """As the national dashboard scores it (DOMAIN.md): 100% − (share of late
    dossiers + share of dossiers with a complaint or a "dislike").

    Over every dossier received or processed in the period: late are those
    resolved late and those still open past their deadline; disliked, the
    resolved ones rated "unsatisfied" (the platform has no link yet from a
    complaint to its dossier). Nothing to measure scores zero, not "no data".
    """
    dossiers = stats.resolved + stats.in_progress
    late = stats.late + stats.open_past
    disliked = d.get("rated", 0) - d.get("content", 0)
    return _indicator(
        "satisfaction",
        GROUP_SATISFACTION,
        _("Mức độ hài lòng trong tiếp nhận, giải quyết thủ tục (100% − trễ hạn − không hài lòng)"),
        max(dossiers - late - disliked, 0),
        dossiers,
        target=90 * PERCENT,
        points=Decimal(6),
        available=ratings_known,
        when_empty=Decimal("0.00"),
    )

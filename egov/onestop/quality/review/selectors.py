"""The management review pack (xem xét của lãnh đạo, ISO 9001:2015 clause 9.3; issue 19 item 4).

Filled from the platform's own figures for an agency and a year: the dossier
statistics of the reports module (the same `dossier_statistics` the leader's
dashboard shows, Decision 766/QĐ-TTg rules), the citizens' ratings of the
agency's dossiers, the quality procedures in force, the year's internal
audits and their findings, and the corrective actions still open. Nothing is
typed in: the pack is read at the time it is printed.

Feedback (phản ánh, kiến nghị) lives in egov.voice, a domain this one may not
import: its figures come through voice's interface module
(`egov.voice.interfaces.feedback_handled`, allowed in the import contract),
counted as the voice statistics count them for the same unit and period.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from egov.onestop.portal.models import Rating, RatingValue
from egov.onestop.quality.audits.models import (
    Audit,
    FindingKind,
    Nonconformity,
    NonconformityStatus,
)
from egov.onestop.quality.audits.transitions import OPEN_STATUSES
from egov.onestop.quality.models import DocumentKind, EditionStatus, QualityProcedure
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import DossierStatistics, dossier_statistics
from egov.platform.organisation.models import Unit
from egov.voice.interfaces import FeedbackHandled, feedback_handled


@dataclass(frozen=True)
class ReviewPack:
    agency: Unit
    year: int
    period: Period
    statistics: DossierStatistics
    ratings: dict[str, int]
    rated: int
    documents: int
    in_force: int
    audits: list[Audit]
    findings: dict[str, int]
    nonconformities: dict[str, int]
    open_actions: list[Nonconformity]
    feedback: FeedbackHandled

    @property
    def on_time_percent(self) -> str:
        rate = self.statistics.on_time_rate
        return "—" if rate is None else f"{rate * 100:.1f}".replace(".", ",") + "%"

    @property
    def feedback_on_time_percent(self) -> str:
        if not self.feedback.received:
            return "—"
        share = self.feedback.on_time / self.feedback.received
        return f"{share * 100:.1f}".replace(".", ",") + "%"

    @property
    def satisfied_percent(self) -> str:
        if not self.rated:
            return "—"
        share = self.ratings.get(RatingValue.SATISFIED, 0) / self.rated
        return f"{share * 100:.1f}".replace(".", ",") + "%"


def review_pack(agency: Unit, year: int, today: date | None = None) -> ReviewPack:
    period = Period.year(year, today)
    scope = Scope(agency)
    statistics = dossier_statistics(scope, period)
    rows = Rating.objects.filter(
        dossier__agency__path__startswith=agency.path,
        # The ratings of the dossiers resolved in the period, as the statistics count them.
        dossier__ended_at__gte=period.start,
        dossier__ended_at__lt=period.stop,
    )
    ratings = {
        value: n for value, n in rows.order_by().values_list("value").annotate(n=Count("pk"))
    }
    documents = QualityProcedure.objects.filter(
        agency__path__startswith=agency.path, kind=DocumentKind.PROCEDURE
    )
    audits = list(
        Audit.objects.filter(programme__agency__path__startswith=agency.path, programme__year=year)
        .select_related("programme__agency")
        .order_by("planned_on", "pk")
    )
    kinds = Counter(
        Audit.objects.filter(pk__in=[a.pk for a in audits]).values_list("findings__kind", flat=True)
    )
    findings = {k.value: kinds.get(k.value, 0) for k in FindingKind}
    states = Counter(
        Nonconformity.objects.filter(finding__audit__in=audits).values_list("status", flat=True)
    )
    open_actions = list(
        Nonconformity.objects.filter(agency__path__startswith=agency.path, status__in=OPEN_STATUSES)
        .select_related("owner", "finding__audit", "agency")
        .order_by("due_on", "pk")
    )
    return ReviewPack(
        agency=agency,
        year=year,
        period=period,
        statistics=statistics,
        ratings={v.value: ratings.get(v.value, 0) for v in RatingValue},
        rated=sum(ratings.values()),
        documents=documents.count(),
        in_force=documents.filter(editions__status=EditionStatus.APPROVED).count(),
        audits=audits,
        findings=findings,
        nonconformities={s.value: states.get(s.value, 0) for s in NonconformityStatus},
        open_actions=open_actions,
        feedback=feedback_handled(unit=agency, first=period.first, last=period.last),
    )

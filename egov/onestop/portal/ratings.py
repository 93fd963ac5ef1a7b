"""Satisfaction figures for staff: per deciding agency and per officer.

An officer answers for every dossier they touched: the one who received it
and everyone who handed it on (each hand-over's giver). Only dossiers of
units the reader may see are counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from egov.onestop.dossiers.models import Handover
from egov.onestop.portal.models import Rating, RatingValue
from egov.platform.accounts.access import visible_units
from egov.platform.accounts.models import User

VALUES = list(RatingValue.values)


def percent(part: int, total: int) -> str:
    """ "66,7 %": one decimal, rounded half up, Vietnamese decimal comma."""
    if total == 0:
        return "0 %"
    value = (Decimal(part * 100) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = f"{value:f}".replace(".", ",")
    return f"{text.removesuffix(',0')} %"


@dataclass
class Tally:
    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VALUES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, int, str]]:
        """(label, count, percentage) per value, in the order of RatingValue."""
        return [
            (str(RatingValue(v).label), self.counts[v], percent(self.counts[v], self.total))
            for v in VALUES
        ]


@dataclass(frozen=True)
class RatingsReport:
    overall: Tally
    units: list[Tally]
    officers: list[Tally]


def ratings_report(user: User) -> RatingsReport:
    """Four queries whatever the number of ratings."""
    units = visible_units(user)
    ratings = list(
        Rating.objects.filter(Q(dossier__agency__in=units) | Q(dossier__receiving_unit__in=units))
        .select_related("dossier__agency", "dossier__received_by")
        .order_by("pk")
        .distinct()
    )
    givers: dict[int, set[int]] = defaultdict(set)
    for dossier_id, user_id in Handover.objects.filter(
        dossier_id__in=[r.dossier_id for r in ratings], from_user__isnull=False
    ).values_list("dossier_id", "from_user_id"):
        givers[dossier_id].add(user_id)
    officer_ids = {uid for ids in givers.values() for uid in ids} | {
        r.dossier.received_by_id for r in ratings if r.dossier.received_by_id is not None
    }
    people = User.objects.in_bulk(list(officer_ids))
    overall = Tally(name="")
    by_unit: dict[int, Tally] = {}
    by_officer: dict[int, Tally] = {}
    for rating in ratings:
        dossier = rating.dossier
        overall.counts[rating.value] += 1
        unit = by_unit.setdefault(dossier.agency_id, Tally(name=dossier.agency.name))
        unit.counts[rating.value] += 1
        touched = set(givers[dossier.pk])
        if dossier.received_by_id is not None:
            touched.add(dossier.received_by_id)
        for officer_id in touched:
            tally = by_officer.setdefault(officer_id, Tally(name=people[officer_id].display_name))
            tally.counts[rating.value] += 1
    return RatingsReport(
        overall=overall,
        units=sorted(by_unit.values(), key=lambda t: t.name),
        officers=sorted(by_officer.values(), key=lambda t: t.name),
    )

"""The seeds' figure (issue 15, item 4): 1,979 dossiers, 100% on time.

For a commune whose data is made so, the statistics, the indicator set, the
tables the exports carry (the forms) and the list behind the indicator agree
with each other and with that figure.
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from egov.conftest import Province, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.reports.dashboard import build_dashboard
from egov.onestop.reports.rollups.rebuild import rebuild
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.tests.conftest import MakeDossier, at
from egov.platform.workcalendar.deadlines import WorkingCalendar

SEED = 1979
YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def seeded(make: MakeDossier) -> None:
    """1,979 dossiers of Phường Long An in 2025, each finished before its deadline."""
    first = make(at(3, 2, year=2025), at(3, 9, year=2025), at(3, 5, year=2025))
    copies = []
    for number in range(2, SEED + 1):
        dossier = copy.copy(first)
        dossier.pk = None
        dossier._state.adding = True
        dossier.code = f"001.01.30.H53-250302-{number:04d}"
        copies.append(dossier)
    Dossier.objects.bulk_create(copies)
    # Bulk rows skip the services: recompute the rollups, as `egov stats rebuild`.
    rebuild()


@pytest.mark.usefixtures("seeded")
def test_the_statistics_the_indicators_and_the_forms_agree_on_the_seed(
    province: Province, desk: Desk, client: Client
) -> None:
    scope = Scope(province.long_an)
    report = build_dashboard(scope, YEAR, now=timezone.now(), calendar=WorkingCalendar.load())

    stats, on_time = report.stats, report.indicators.get("on_time")
    assert (stats.received, stats.resolved, stats.early + stats.on_time) == (SEED, SEED, SEED)
    assert stats.on_time_rate == 1.0
    assert (on_time.numerator, on_time.denominator, on_time.score) == (SEED, SEED, Decimal("20.00"))
    summary = dict((row[0], row[1]) for row in report.table("so-lieu").rows)
    assert (summary["Tổng số hồ sơ tiếp nhận"], summary["Đã giải quyết"]) == (SEED, SEED)
    assert float(summary["Tỷ lệ giải quyết trước hạn, đúng hạn"]) == 1.0
    indicators = {row[1]: row for row in report.table("chi-so").rows}
    on_time_row = indicators[on_time.name]
    assert (on_time_row[3], float(on_time_row[4]), on_time_row[7]) == ("1979/1979", 1.0, 20)

    login(client, desk.commune_leader)
    query: dict[str, str | int] = {"don_vi": province.long_an.pk, "tu": "2025-01-01"}
    listed = client.get(
        "/thong-ke/chi-so/on_time/", {**query, "den": "2025-12-31", "phan": "tu-so"}
    )
    assert listed.context["page"].paginator.count == SEED

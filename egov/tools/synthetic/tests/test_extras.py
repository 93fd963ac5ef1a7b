"""The generator's documents, payments, result files and outbox rows, read by the indicators."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.storage import default_storage

from egov.onestop.dossiers.models import Dossier, DossierDocument
from egov.onestop.payments.models import Payment
from egov.onestop.portalsync.mapping import portal_payload
from egov.onestop.portalsync.models import OutboxEvent
from egov.onestop.reports.indicators.selectors import indicator_set
from egov.onestop.reports.rollups.rebuild import rebuild
from egov.onestop.reports.scope import Period, Scope
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.workcalendar.deadlines import VN_TZ
from egov.tools.synthetic.extras import RESULT_NAME, SCAN_NAME
from egov.tools.synthetic.generator import Options, generate

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 16, 10, 0, tzinfo=VN_TZ)
SHOWN = {
    "dossiers_synchronised",
    "on_time",
    "fully_online",
    "paid_online",
    "electronic_results",
    "digitised_components",
}
YEAR = Period(date(2025, 3, 16), date(2026, 3, 15))


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_run_gives_the_indicators_realistic_shares(frozen: None) -> None:
    # When 300 dossiers over a year are generated with seed 7
    batch = generate(Options(dossiers=300, years=1, seed=7, batch=120))
    # (the generator writes rows in bulk; the statistics' rollups are rebuilt
    # after it, as `egov generate` and `load_demo` do)
    rebuild()

    # Then the rows behind the indicators are there, in the seed's numbers
    assert {k: batch.counts[k] for k in ("documents", "payments", "portal_sync_events")} == {
        "documents": 576,
        "payments": 42,
        "portal_sync_events": 865,
    }
    assert DossierDocument.objects.count() == 576
    assert Payment.objects.filter(status="paid", gateway="vnpay").count() == 42
    # Most synchronisations sent within minutes, a few late, a few given up.
    assert dict(Counter(OutboxEvent.objects.values_list("status", flat=True))) == {
        "sent": 857,
        "gave_up": 8,
    }
    assert Dossier.objects.filter(result_file=RESULT_NAME).count() == 251
    # And every scan and result points at a placeholder PDF that exists
    assert default_storage.exists(SCAN_NAME) and default_storage.exists(RESULT_NAME)

    # And the indicator page reads shares a province would have, not zeros
    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
    figures = {
        i.key: (i.numerator, i.denominator, i.score)
        for i in indicator_set(Scope(province), YEAR).indicators
        if i.key in SHOWN
    }
    assert figures == {
        "dossiers_synchronised": (264, 294, Decimal("5.39")),
        "on_time": (277, 294, Decimal("18.84")),
        "fully_online": (39, 139, Decimal("6.73")),
        # Only an online applicant can pay through the gateway: a low share.
        "paid_online": (42, 204, Decimal("2.57")),
        "electronic_results": (251, 283, Decimal("6.00")),
        # Scanned and, once a result is issued, with its electronic result.
        "digitised_components": (239, 294, Decimal("4.00")),
    }


def test_the_outbox_carries_the_payload_a_real_dossier_sends(frozen: None) -> None:
    generate(Options(dossiers=120, years=1, seed=11, batch=60))

    compared = 0
    ended = Dossier.objects.filter(ended_at__isnull=False).select_related("procedure", "agency")
    for dossier in ended:
        rows = list(OutboxEvent.objects.filter(dossier=dossier).order_by("sequence"))
        # The last row was queued at the dossier's last step: today's state.
        assert rows[-1].payload == portal_payload(dossier), dossier.code
        # The first, at the receipt: received, nothing ended, no result yet.
        first = rows[0].payload
        assert (
            first["TrangThaiHoSo"],
            first["NgayKetThucXuLy"],
            first["DanhSachGiayToKetQua"],
        ) == (
            2,
            "",
            [],
        )
        assert first["MaHoSo"] == dossier.code
        compared += 1
    assert compared == ended.count() > 20

"""The management review pack (issue 19, item 4): its figures are the platform's statistics."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import translation

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus, Timeliness
from egov.onestop.portal.models import Rating
from egov.onestop.procedures.models import Process
from egov.onestop.quality.models import Edition
from egov.onestop.quality.review.selectors import review_pack
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import dossier_statistics

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = "2026-12-01T09:00:00+07:00"


@pytest.fixture
def dossiers(cast: Cast, province: Province, edition: Edition) -> list[Dossier]:
    """Three dossiers of 2026 at Phường Long An, ended early, on time and late."""
    made = []
    for n, timeliness in enumerate((Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE), 1):
        dossier = Dossier.objects.create(
            code=f"H53-2603{n:02d}-0001",
            procedure=Process.objects.get().procedure,
            process=Process.objects.get(),
            receiving_unit=province.long_an_centre,
            agency=province.long_an,
            applicant_name="Trần Văn An",
            channel=Channel.DIRECT,
            status=DossierStatus.RETURNED,
            received_at=datetime(2026, 3, n, 8, tzinfo=VN),
            ended_at=datetime(2026, 3, 10 + n, 8, tzinfo=VN),
            timeliness=timeliness,
        )
        made.append(dossier)
    Rating.objects.create(dossier=made[0], user=cast.citizen, value="satisfied")
    Rating.objects.create(dossier=made[2], user=cast.citizen, value="unsatisfied")
    return made


def test_the_pack_reads_the_reports_statistics(province: Province, dossiers: list[Dossier]) -> None:
    with time_machine.travel(TODAY, tick=False):
        pack = review_pack(province.long_an, 2026)
        expected = dossier_statistics(Scope(province.long_an), Period.year(2026))

    assert pack.statistics == expected
    assert (pack.statistics.resolved, pack.on_time_percent) == (3, "66,7%")
    assert (pack.rated, pack.ratings, pack.satisfied_percent) == (
        2,
        {"satisfied": 1, "normal": 0, "unsatisfied": 1},
        "50,0%",
    )
    assert pack.period == Period(date(2026, 1, 1), date(2026, 12, 1))
    assert (pack.documents, pack.in_force, pack.audits, pack.open_actions) == (1, 0, [], [])


def test_the_pack_page_and_pdf_for_a_leader_refused_to_a_specialist(
    client: Client, cast: Cast, province: Province, dossiers: list[Dossier]
) -> None:
    url = f"/chat-luong/xem-xet/{province.long_an.pk}/2026/"
    with time_machine.travel(TODAY, tick=False):
        login(client, cast.admin)
        page = client.get(url).content.decode()
        pdf = client.get(f"{url}pdf/")
        login(client, cast.specialist)
        refused = client.get(url)
        login(client, cast.outsider)
        hidden = client.get(url)

    assert "<tr><th>Tỷ lệ đúng hạn</th><td>66,7%</td></tr>" in page
    assert "<tr><th>Trước hạn / đúng hạn / quá hạn</th><td>1 / 1 / 1</td></tr>" in page
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    assert refused.status_code == 403
    assert "Chỉ lãnh đạo hoặc quản trị của cơ quan được xem báo cáo xem xét." in (
        refused.content.decode()
    )
    assert hidden.status_code == 404


def test_the_pack_page_speaks_english(
    client: Client, cast: Cast, province: Province, dossiers: list[Dossier]
) -> None:
    login(client, cast.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        with time_machine.travel(TODAY, tick=False):
            page = client.get(f"/chat-luong/xem-xet/{province.long_an.pk}/2026/").content.decode()
    finally:
        translation.deactivate()  # the middleware leaves English active in this thread

    assert "<tr><th>On-time rate</th><td>66,7%</td></tr>" in page
    assert "Tỷ lệ đúng hạn" not in page

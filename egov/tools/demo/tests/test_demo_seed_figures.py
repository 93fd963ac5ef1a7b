"""The demo reproduces the seeds' figure (issue 15, item 4): 1,979 dossiers, 100% on time.

../shared/seeds/004_5e0c575b901cf24c.txt: "1.979 hồ sơ [...] giải quyết và
trả kết quả (đúng hẹn và trước hẹn) là 1.979 hồ sơ, đạt tỉ lệ 100%". The
demo gives that year to Xã Cần Đước (egov/tools/synthetic/seed_figures.py),
loaded here as `make demo` loads it (`load_demo --seed-figures`). The
leader's dashboard, the indicator's list of dossiers, the public
statistics, the downloads and the register (form 07) then show the same
figure: 1,979 received, 1,979 resolved and returned, 100%, 20.00 of 20
points for the on-time indicator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from lxml import html
from openpyxl import load_workbook

from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.printing.register import dossier_register
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind
from egov.tools.synthetic.seed_figures import SEED_COMMUNE

pytestmark = pytest.mark.django_db

SEED = 1979
# Loaded on 9 December 2026: the seed's year is 2025.
FIRST, LAST = date(2025, 1, 1), date(2025, 12, 31)
ON_TIME = "Hồ sơ giải quyết trước hạn, đúng hạn (kể cả hồ sơ đang xử lý trong hạn)"


@pytest.fixture
def seeded() -> Iterator[Unit]:
    # Frozen for the tests too: the pages judge "now" against the same day.
    with time_machine.travel("2026-12-09 10:00 +07:00", tick=False):
        out = StringIO()
        call_command("load_demo", seed_figures=True, stdout=out)
        assert (
            "Seed figure: Xã Cần Đước, 01/01/2025–31/12/2025: 1,979 dossiers, all resolved and "
            "returned early or on time (../shared/seeds/004_5e0c575b901cf24c.txt)."
        ) in out.getvalue()
        yield Unit.objects.get(kind=UnitKind.COMMUNE, stat_code=SEED_COMMUNE)


@pytest.fixture
def leader(client: Client) -> Client:
    client.force_login(User.objects.get(username="lanhdao"))
    return client


def _text(node: html.HtmlElement) -> str:
    return re.sub(r"\s+", " ", " ".join(node.itertext())).strip()


def _query(commune: Unit, **more: str) -> dict[str, str]:
    return {"don_vi": str(commune.pk), "tu": f"{FIRST:%Y-%m-%d}", "den": f"{LAST:%Y-%m-%d}", **more}


def test_the_pages_the_downloads_and_the_register_agree_on_the_seed(
    seeded: Unit, leader: Client
) -> None:
    """One load of the demo, then every place the figure shows."""
    _dossiers_are_the_seed(seeded)
    _dashboard_shows_the_seed(seeded, leader)
    _indicator_lists_the_seed(seeded, leader)
    _public_page_shows_the_seed()
    _downloads_and_register_show_the_seed(seeded, leader)


def _dossiers_are_the_seed(seeded: Unit) -> None:
    dossiers = Dossier.objects.filter(agency=seeded)

    assert dossiers.count() == SEED
    assert set(dossiers.values_list("status", flat=True)) == {DossierStatus.RETURNED}
    assert set(dossiers.values_list("timeliness", flat=True)) == {"early", "on_time"}
    assert dossiers.filter(received_at__date__lt=FIRST).count() == 0
    assert dossiers.filter(returned_at__date__gt=LAST).count() == 0
    # All received at the commune's own centre, none anywhere else.
    assert set(dossiers.values_list("receiving_unit__parent", flat=True)) == {seeded.pk}
    assert Dossier.objects.filter(receiving_unit__parent=seeded).count() == SEED


def _dashboard_shows_the_seed(seeded: Unit, leader: Client) -> None:
    response = leader.get("/thong-ke/", _query(seeded))

    assert response.status_code == 200
    stats, on_time = response.context["stats"], response.context["indicators"].get("on_time")
    assert (stats.received, stats.resolved, stats.early + stats.on_time, stats.late) == (
        SEED,
        SEED,
        SEED,
        0,
    )
    assert (stats.returned, stats.in_progress, stats.on_time_rate) == (SEED, 0, 1.0)
    assert (on_time.numerator, on_time.denominator, on_time.score, on_time.points) == (
        SEED,
        SEED,
        Decimal("20.00"),
        Decimal("20"),
    )
    page = html.fromstring(response.content.decode())
    figures = [
        _text(f) for f in page.xpath("//div[contains(concat(' ', @class, ' '), ' figure ')]")
    ]
    assert figures[:3] == [
        "Hồ sơ tiếp nhận 1.979 1.979 mới, 0 kỳ trước chuyển qua",
        "Đã giải quyết 1.979 0 quá hạn",
        "Tỷ lệ trước hạn, đúng hạn 100,0% 816 trước hạn, 1.163 đúng hạn",
    ]
    row = next(
        r for r in page.xpath("//section[@id='bang-chi-so']//tbody/tr") if ON_TIME in _text(r)
    )
    cells = [_text(td) for td in row.xpath("td")]
    assert cells[1] == "100,0% (1.979/1.979) Xem hồ sơ"
    assert cells[3] == "20,00 / 20"
    summary = {
        _text(r.xpath("td")[0]): _text(r.xpath("td")[1])
        for r in page.xpath("//section[@id='bang-so-lieu']//tbody/tr")
    }
    assert (summary["Tổng số hồ sơ tiếp nhận"], summary["Đã giải quyết"]) == ("1.979", "1.979")
    assert (summary["Đã trả kết quả"], summary["– Quá hạn"]) == ("1.979", "0")
    assert summary["Tỷ lệ giải quyết trước hạn, đúng hạn"] == "100,0%"


def _indicator_lists_the_seed(seeded: Unit, leader: Client) -> None:
    counted = {
        part: leader.get("/thong-ke/chi-so/on_time/", _query(seeded, phan=part))
        for part in ("tu-so", "mau-so", "khong-dat")
    }

    assert {part: r.status_code for part, r in counted.items()} == dict.fromkeys(counted, 200)
    assert {part: r.context["page"].paginator.count for part, r in counted.items()} == {
        "tu-so": SEED,
        "mau-so": SEED,
        "khong-dat": 0,
    }
    # The first page of the 1,979: 50 rows.
    listed = html.fromstring(counted["tu-so"].content.decode())
    assert len(listed.xpath("//table[contains(@class, 'report')]/tbody/tr")) == 50


def _public_page_shows_the_seed() -> None:
    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
    response = Client().get("/thong-ke/cong-khai/", {"tinh": province.pk, "nam": 2025})

    assert response.status_code == 200
    rows = {row[0]: row[1:] for row in response.context["unit_table"].rows}
    # Received, online, resolved, early or on time, late, in progress, rate.
    received, online, resolved, on_time, late, in_progress, rate = rows["Xã Cần Đước"]
    assert (received, resolved, on_time, late, in_progress) == (SEED, SEED, SEED, 0, 0)
    assert (online, float(rate)) == (498, 1.0)
    page = html.fromstring(response.content.decode())
    cells = next(
        [_text(td) for td in r.xpath("td")]
        for r in page.xpath("//section[@id='bang-don-vi']//tbody/tr")
        if "Xã Cần Đước" in _text(r)
    )
    assert cells == ["Xã Cần Đước", "1.979", "498", "1.979", "1.979", "0", "0", "100,0%"]


def _downloads_and_register_show_the_seed(seeded: Unit, leader: Client) -> None:
    response = leader.get("/thong-ke/", _query(seeded, dinh_dang="xlsx"))
    register = dossier_register(seeded, FIRST, LAST).context

    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    sheets = {sheet["A1"].value: sheet for sheet in book.worksheets}
    summary = {
        row[0]: row[1]
        for row in sheets["Tình hình tiếp nhận, giải quyết hồ sơ"].iter_rows(values_only=True)
    }
    assert (summary["Tổng số hồ sơ tiếp nhận"], summary["Đã giải quyết"]) == (SEED, SEED)
    assert (summary["Đã trả kết quả"], summary["Tỷ lệ giải quyết trước hạn, đúng hạn"]) == (
        SEED,
        1.0,
    )
    indicators = sheets["Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)"]
    on_time = next(r for r in indicators.iter_rows(values_only=True) if r[1] == ON_TIME)
    # Group, indicator, source, achieved/total, rate, threshold, maximum, score.
    assert on_time[3:] == ("1979/1979", 1.0, 1.0, 20, 20)
    # Form 07, the unit's register for the year: the same dossiers.
    assert (register["total"], register["early"] + register["on_time"]) == (SEED, SEED)
    assert (register["late"], register["open"]) == (0, 0)

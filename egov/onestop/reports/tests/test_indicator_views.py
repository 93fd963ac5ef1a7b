"""The dossiers behind an indicator (/thong-ke/chi-so/<key>/): who sees them, which ones."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.reports import indicator_views
from egov.onestop.reports.indicators.definition import definition_for
from egov.onestop.reports.indicators.selectors import indicator_dossiers, part_count, parts_of
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.tests.test_views import LONG_AN_LATE, TAN_NINH_LATE
from egov.onestop.reports.tests.test_views import data as data  # noqa: F401 - the fixture

URL = "/thong-ke/chi-so/{}/"
CODES = re.compile(r"\d{3}\.\d{2}\.30\.H53-\d{6}-\d{4}")


def _march(province: Province, **extra: str) -> dict[str, str | int]:
    query: dict[str, str | int] = {"don_vi": province.long_an.pk, "tu": "2026-03-01"}
    return {**query, "den": "2026-03-31", **extra}


def _codes(content: bytes) -> list[str]:
    return CODES.findall(content.decode())


@pytest.mark.usefixtures("data")
def test_the_dossiers_behind_the_on_time_indicator(
    client: Client, province: Province, desk: Desk
) -> None:
    login(client, desk.commune_leader)

    met = client.get(URL.format("on_time"), _march(province, phan="tu-so"))
    missed = client.get(URL.format("on_time"), _march(province, phan="khong-dat"))
    counted = client.get(URL.format("on_time"), _march(province, phan="mau-so"))

    # Early (carried over), on time, and withdrawn early; the late one and the
    # open one past its deadline count only in the denominator.
    assert met.status_code == 200
    assert _codes(met.content) == [
        "001.01.30.H53-260301-0001",
        "001.01.30.H53-260301-0002",
        "001.01.30.H53-260301-0004",
    ]
    assert _codes(missed.content) == ["001.01.30.H53-260301-0003", LONG_AN_LATE]
    assert re.findall(r'data-label="Đánh giá">([^<]+)<', missed.content.decode()) == [
        "Quá hạn",
        "–",
    ]
    assert _codes(counted.content) == [
        "001.01.30.H53-260301-0001",
        "001.01.30.H53-260301-0002",
        "001.01.30.H53-260301-0003",
        "001.01.30.H53-260301-0004",
        LONG_AN_LATE,
    ]
    assert "Cách tính" in counted.content.decode()


@pytest.mark.usefixtures("data")
def test_the_list_is_paged(
    client: Client, province: Province, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indicator_views, "PAGE_SIZE", 2)
    login(client, desk.commune_leader)

    last = client.get(URL.format("on_time"), _march(province, phan="mau-so", trang="3"))

    assert _codes(last.content) == [LONG_AN_LATE]
    assert "Trang 3/3" in last.content.decode()


@pytest.mark.usefixtures("data")
def test_the_satisfaction_lists_its_deductions(
    client: Client, province: Province, desk: Desk
) -> None:
    login(client, desk.commune_leader)

    first = client.get(URL.format("satisfaction"), _march(province))
    late = client.get(URL.format("satisfaction"), _march(province, phan="tre-han"))

    # The late ones first: what the unit lost points for.
    assert _codes(first.content) == _codes(late.content)
    assert _codes(late.content) == ["001.01.30.H53-260301-0003", LONG_AN_LATE]


@pytest.mark.usefixtures("data")
@pytest.mark.parametrize(
    ("key", "part"),
    [("no_such", "mau-so"), ("certified_copies", "mau-so"), ("on_time", "tre-han")],
    ids=["unknown", "entered", "no such part"],
)
def test_no_list_for_what_is_not_counted_from_dossiers(
    client: Client, province: Province, desk: Desk, key: str, part: str
) -> None:
    login(client, desk.commune_leader)

    response = client.get(URL.format(key), _march(province, phan=part))

    assert response.status_code == 404


@pytest.mark.usefixtures("data")
def test_an_outsider_sees_no_dossier_of_another_unit(
    client: Client, province: Province, cast: Cast
) -> None:
    login(client, cast.outsider)

    other = client.get(URL.format("on_time"), _march(province))
    own = client.get(URL.format("on_time"), {**_march(province), "don_vi": province.tan_ninh.pk})

    assert other.status_code == 404
    assert _codes(other.content) == []
    assert _codes(own.content) == [TAN_NINH_LATE]


@pytest.mark.usefixtures("data")
def test_citizens_and_visitors_are_turned_away(
    client: Client, province: Province, cast: Cast
) -> None:
    anonymous = client.get(URL.format("on_time"), _march(province))
    login(client, cast.citizen)
    citizen = client.get(URL.format("on_time"), _march(province))

    assert anonymous.status_code == 302
    assert citizen.status_code == 403
    assert _codes(citizen.content) == []


@pytest.mark.usefixtures("data")
def test_the_dashboard_links_each_computed_indicator_to_its_dossiers(
    client: Client, province: Province, desk: Desk
) -> None:
    login(client, desk.commune_leader)

    text = client.get("/thong-ke/", _march(province)).content.decode()
    public = client.get("/thong-ke/cong-khai/").content.decode()

    query = f"don_vi={province.long_an.pk}&amp;tu=2026-03-01&amp;den=2026-03-31&amp;con=1"
    links = re.findall(r'href="/thong-ke/chi-so/(\w+)/\?([^"]+)"', text)
    assert [key for key, _q in links] == [
        "dossiers_synchronised",
        "on_time",
        "fully_online",
        "paid_online",
        "electronic_results",
        "digitised_components",
        "satisfaction",
    ]
    assert {q for _k, q in links} == {query}
    assert "(Hồ sơ giải quyết trước hạn, đúng hạn + hồ sơ đang xử lý còn trong hạn)" in text
    # A leader may enter the eight figures the platform cannot compute.
    assert text.count("/thong-ke/so-lieu-nhap/?") == 8
    assert "/thong-ke/chi-so/" not in public


@pytest.mark.usefixtures("data")
def test_the_list_page_query_count(
    client: Client,
    province: Province,
    desk: Desk,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    login(client, desk.commune_leader)
    client.get(URL.format("on_time"), _march(province))

    # Whatever the number of dossiers: the session and user, the units the
    # officer sees and the one asked for (twice each, as the dashboard), the
    # subtree, the count from the rollups (the daily and the monthly sums, the
    # open dossiers) and the page of dossiers, the menu's roles and
    # notifications, and the session's save (3).
    with django_assert_num_queries(15):
        client.get(URL.format("on_time"), _march(province, phan="mau-so"))


@pytest.mark.usefixtures("data")
def test_the_count_a_list_shows_comes_from_the_rollups_and_is_its_own(
    client: Client, province: Province, desk: Desk
) -> None:
    # Given March's dossiers, for each part of every computed indicator of the
    # commune and of the province: the count from the rollups (part_count,
    # what the page shows) is the number of dossiers the list holds.
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    now = timezone.now()
    counts = {}
    for unit in (province.long_an, province.province):
        scope = Scope(unit)
        for _group, spec in definition_for(period.last).indicators:
            for part in parts_of(spec.key, period):
                listed = indicator_dossiers(scope, period, spec.key, part, now=now)
                assert listed is not None
                rolled = part_count(scope, period, spec.key, part, now=now)
                assert (unit.name, spec.key, part, rolled) == (
                    unit.name,
                    spec.key,
                    part,
                    listed.count(),
                )
                counts[(unit == province.province, spec.key, part)] = rolled
    # 7 indicators × 3 parts × 2 scopes; March's dossiers (test_views.data)
    # are direct, unpaid, unscanned and unsynchronised: the rest are zero.
    assert len(counts) == 42
    assert {k: v for k, v in counts.items() if v} == {
        (False, "digitised_components", "khong-dat"): 4,
        (False, "digitised_components", "mau-so"): 4,
        (False, "dossiers_synchronised", "khong-dat"): 5,
        (False, "dossiers_synchronised", "mau-so"): 5,
        (False, "electronic_results", "khong-dat"): 3,
        (False, "electronic_results", "mau-so"): 3,
        (False, "on_time", "khong-dat"): 2,
        (False, "on_time", "mau-so"): 5,
        (False, "on_time", "tu-so"): 3,
        (False, "satisfaction", "mau-so"): 5,
        (False, "satisfaction", "tre-han"): 2,
        (True, "digitised_components", "khong-dat"): 5,
        (True, "digitised_components", "mau-so"): 5,
        (True, "dossiers_synchronised", "khong-dat"): 6,
        (True, "dossiers_synchronised", "mau-so"): 6,
        (True, "electronic_results", "khong-dat"): 3,
        (True, "electronic_results", "mau-so"): 3,
        (True, "on_time", "khong-dat"): 3,
        (True, "on_time", "mau-so"): 6,
        (True, "on_time", "tu-so"): 3,
        (True, "satisfaction", "mau-so"): 6,
        (True, "satisfaction", "tre-han"): 3,
    }
    # The page shows the figure and pages by it.
    login(client, desk.commune_leader)
    page = client.get(URL.format("on_time"), _march(province, phan="mau-so"))
    assert "<h2>5 hồ sơ</h2>" in page.content.decode()

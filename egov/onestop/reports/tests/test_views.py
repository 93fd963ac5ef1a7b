"""The leader's dashboard and the public page: who may see them, what they show."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Channel, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.reports.chase import LateDossier, Workload, late_dossiers, workload
from egov.onestop.reports.scope import Scope
from egov.onestop.reports.tests.conftest import MakeDossier, at

URL = "/thong-ke/"
PUBLIC = "/thong-ke/cong-khai/"
MARCH: dict[str, str | int] = {"tu": "2026-03-01", "den": "2026-03-31"}
SECRET_NAME = "Nguyễn Thị Bí Mật"
LONG_AN_LATE = "001.01.30.H53-260320-0001"
TAN_NINH_LATE = "000.02.30.H53-260310-0001"


@pytest.fixture
def data(province: Province, cast: Cast, desk: Desk, make: MakeDossier) -> None:
    """March 2026 at Phường Long An (and one dossier of Phường Tân Ninh)."""
    make(at(2, 24), at(3, 3), at(3, 2, 10))  # carried over, early
    make(at(3, 2), at(3, 9), at(3, 9, 7, 59))  # on time
    make(at(3, 3), at(3, 10), at(3, 12), channel=Channel.ONLINE)  # late
    make(at(3, 5), at(3, 12), at(3, 6), status=DossierStatus.WITHDRAWN, channel=Channel.ONLINE)
    # Open and late on 15 April: held by the specialist, then unassigned.
    make(
        at(3, 20),
        at(3, 27),
        code=LONG_AN_LATE,
        assignee=cast.specialist,
        applicant_name=SECRET_NAME,
    )
    make(at(4, 6), at(4, 13), code="001.01.30.H53-260406-0001")
    # Open within its deadline, held by the specialist.
    make(at(4, 14), at(4, 21), assignee=cast.specialist)
    make(
        at(3, 10),
        at(3, 17),
        code=TAN_NINH_LATE,
        receiving_unit=province.centre,
        agency=province.tan_ninh,
        current_unit=province.tan_ninh,
    )


@pytest.fixture
def frozen() -> Iterator[None]:
    """Seen on Wed 15 April 2026, 09:00."""
    with time_machine.travel(at(4, 15, 9), tick=False):
        yield


def test_commune_leader_sees_the_figures_and_whom_to_chase(
    client: Client, cast: Cast, desk: Desk, data: None, frozen: None
) -> None:
    login(client, desk.commune_leader)

    response = client.get(URL, MARCH)

    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.carried_over, stats.new, stats.new_direct, stats.new_online) == (1, 4, 2, 2)
    assert (stats.resolved, stats.early, stats.on_time, stats.late) == (4, 2, 1, 1)
    assert (stats.open_within, stats.open_past, stats.withdrawn) == (0, 1, 1)
    assert response.context["late_table"].rows == [
        [
            LONG_AN_LATE,
            desk.procedure.name,
            "Phường Long An",
            "Lý Văn Tài",
            at(3, 27),
            Decimal("13.1"),
        ],
        [
            "001.01.30.H53-260406-0001",
            desk.procedure.name,
            "Phường Long An",
            "Chưa phân công",
            at(4, 13),
            Decimal("2.1"),
        ],
    ]
    assert response.context["workload_table"].rows == [
        ["Lý Văn Tài", 2, 1],
        ["Chưa phân công", 1, 1],
    ]
    html = response.content.decode()
    assert '<svg class="chart trend wide"' in html and '<svg class="chart trend compact"' in html
    assert "87,5%" not in html and "75,0%" in html  # (2 + 1) / 4
    assert LONG_AN_LATE in html and TAN_NINH_LATE not in html
    # The dashboard names no applicant.
    assert SECRET_NAME not in html


def test_late_dossiers_and_workload_selectors_directly(
    province: Province, cast: Cast, data: None, frozen: None
) -> None:
    total, rows = late_dossiers(Scope(province.province), at(4, 15, 9))

    assert total == 3
    assert [r.code for r in rows] == [TAN_NINH_LATE, LONG_AN_LATE, "001.01.30.H53-260406-0001"]
    assert isinstance(rows[0], LateDossier)
    assert workload(Scope(province.tan_ninh), at(4, 15, 9)) == [Workload("", 1, 1)]


def test_the_unit_alone_and_a_field_filter(
    client: Client, province: Province, desk: Desk, data: None, frozen: None
) -> None:
    login(client, desk.commune_leader)

    alone = client.get(URL, {**MARCH, "don_vi": province.long_an_centre.pk, "con": "0"})
    other_field = client.get(URL, {**MARCH, "linh_vuc": 999999})

    # The centre receives every Long An dossier of the data.
    assert alone.context["stats"].received == 5
    assert "(không gồm đơn vị trực thuộc)" in alone.content.decode()
    # An unknown field is ignored, not an error.
    assert other_field.context["stats"].received == 5


def test_staff_of_another_commune_cannot_see_long_an(
    client: Client, cast: Cast, province: Province, data: None, frozen: None
) -> None:
    login(client, cast.outsider)

    denied = client.get(URL, {**MARCH, "don_vi": province.long_an.pk})
    own = client.get(URL, MARCH)

    assert denied.status_code == 404
    assert LONG_AN_LATE not in denied.content.decode()
    assert own.status_code == 200
    assert own.context["unit"] == province.tan_ninh
    assert own.context["stats"].received == 1
    assert TAN_NINH_LATE in own.content.decode()
    assert LONG_AN_LATE not in own.content.decode()


def test_export_of_another_commune_is_denied(
    client: Client, cast: Cast, province: Province, data: None, frozen: None
) -> None:
    login(client, cast.outsider)

    response = client.get(URL, {**MARCH, "don_vi": province.long_an.pk, "dinh_dang": "xlsx"})

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_citizens_are_refused(client: Client, cast: Cast, data: None, frozen: None) -> None:
    login(client, cast.citizen)

    response = client.get(URL, MARCH)
    export = client.get(URL, {**MARCH, "dinh_dang": "pdf"})

    assert response.status_code == export.status_code == 403
    assert "Trang thống kê dành cho cán bộ" in response.content.decode()
    assert LONG_AN_LATE not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_a_bad_period_is_explained(client: Client, desk: Desk, data: None) -> None:
    login(client, desk.commune_leader)

    response = client.get(URL, {"tu": "2026-03-31", "den": "2026-03-01"})

    assert response.status_code == 400
    assert "Đến ngày phải bằng hoặc sau từ ngày." in response.content.decode()


def test_the_default_period_is_the_year_to_date(
    client: Client, desk: Desk, data: None, frozen: None
) -> None:
    login(client, desk.commune_leader)

    response = client.get(URL)

    period = response.context["period"]
    assert (period.first.isoformat(), period.last.isoformat()) == ("2026-01-01", "2026-04-15")
    assert response.context["stats"].received == 7


def test_dashboard_query_count(
    client: Client,
    desk: Desk,
    data: None,
    frozen: None,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    login(client, desk.commune_leader)
    client.get(URL, MARCH)

    # 25: one bounded count tells whether the exports are links or job buttons;
    # the indicators read the entered figures and voice's two feedback figures,
    # and one read tells whether the officer may enter figures; 26 since the
    # satisfaction indicator also reads the dossier codes complaints name (issue 15);
    # 28 since the indicators read the rollups (issue 20): March is a whole
    # month, so the monthly counters and the dossiers open at its end, beside
    # the one aggregate of the dossiers for what lives in other tables; 27
    # since the counters hold the complaints too (issue 20): the codes they
    # name are no longer read.
    with django_assert_num_queries(27):
        response = client.get(URL, MARCH)

    assert response.status_code == 200


# The public page -------------------------------------------------------------------


def test_public_page_shows_the_province_without_personal_data(
    client: Client, province: Province, desk: Desk, data: None, frozen: None
) -> None:
    response = client.get(PUBLIC)

    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.received, stats.resolved, stats.in_progress) == (8, 4, 4)
    assert response.context["unit_table"].rows == [
        ["Phường Long An", 7, 2, 4, 3, 1, 3, 0.75],
        ["Phường Tân Ninh", 1, 0, 0, 0, 0, 1, None],
    ]
    assert response.context["field_table"].rows == [["Hộ tịch", 8, 2, 4, 3, 1, 4, 0.75]]
    html = response.content.decode()
    for private in (SECRET_NAME, LONG_AN_LATE, TAN_NINH_LATE, "Lý Văn Tài", "Người nộp"):
        assert private not in html
    assert response["Cache-Control"] == "public, max-age=300"


def test_public_page_years_and_unknown_province(
    client: Client, province: Province, data: None, frozen: None
) -> None:
    last_year = client.get(PUBLIC, {"nam": "2025"})
    too_old = client.get(PUBLIC, {"nam": "2019"})
    unknown = client.get(PUBLIC, {"tinh": province.long_an.pk})

    assert last_year.status_code == 200
    assert last_year.context["stats"].received == 0
    assert too_old.status_code == unknown.status_code == 404


def test_public_page_query_count(
    client: Client,
    desk: Desk,
    data: None,
    frozen: None,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client.get(PUBLIC)

    # 12 since the indicators read the entered figures and the two feedback figures;
    # 20 since the figures read the rollups (issue 20): the summary and each of
    # the two breakdowns read the daily and the monthly counters and the
    # dossiers open at the period's end, each breakdown also its units' paths
    # or its procedures' fields, and the trend reads the two counter tables;
    # 21 since the satisfaction indicator also reads the dossier codes that
    # complaints name (issue 15); 24 since the indicators read the rollups too
    # (issue 20): the daily and the monthly counters and the dossiers open at
    # the period's end, beside the dossiers' aggregate of the other tables;
    # 23 since the counters hold the complaints too: their codes are not read.
    with django_assert_num_queries(23):
        response = client.get(PUBLIC)

    assert response.status_code == 200


# The overdue card and the list beside it (issue 17 item 5) ------------------------


def test_the_overdue_card_counts_the_list_beside_it(
    client: Client, cast: Cast, desk: Desk, make: MakeDossier, frozen: None
) -> None:
    # Given, on 15 April at 09:00: one dossier late since 13 April, one waiting
    # for the citizen's supplement since 7 April (its deadline, 14 April, is
    # on hold), and one due at 16:00 today (within its deadline now)
    late = make(at(4, 6), at(4, 13), code="001.01.30.H53-260406-0001")
    make(
        at(4, 6),
        at(4, 14),
        code="001.01.30.H53-260406-0002",
        status=DossierStatus.SUPPLEMENT,
        clock_stopped_at=at(4, 7),
    )
    make(at(4, 8), at(4, 15, 16), code="001.01.30.H53-260408-0001")
    login(client, desk.commune_leader)

    # When the leader opens the dashboard for the year so far
    response = client.get(URL)

    # Then the card and the list both count the one late dossier
    stats = response.context["stats"]
    assert (stats.in_progress, stats.open_past, stats.open_within) == (3, 1, 2)
    assert [row[0] for row in response.context["late_table"].rows] == [late.code]
    html = response.content.decode()
    assert '<a href="#bang-qua-han">1 đang quá hạn</a>' in html


def test_a_past_period_judges_the_card_at_its_end(
    client: Client, desk: Desk, make: MakeDossier, frozen: None
) -> None:
    # Given a dossier due on 10 March, still open on 15 April, whose clock
    # stopped for a supplement on 5 March, and one due on 2 April
    make(at(3, 2), at(3, 10), status=DossierStatus.SUPPLEMENT, clock_stopped_at=at(3, 5))
    make(at(3, 2), at(4, 2))
    login(client, desk.commune_leader)

    # When March is shown
    response = client.get(URL, MARCH)

    # Then at the end of March neither is late (one waits for the citizen,
    # the other is due later), though the second is late today
    stats = response.context["stats"]
    assert (stats.open_past, stats.open_within) == (0, 2)
    assert "0 quá hạn tại cuối kỳ" in response.content.decode()
    assert len(response.context["late_table"].rows) == 1


def test_every_export_of_a_small_scope_is_one_download_link(
    client: Client, desk: Desk, data: None, frozen: None
) -> None:
    login(client, desk.commune_leader)

    page = client.get(URL, MARCH).content.decode()

    # Each of the five tables and the whole report: XLSX and PDF links
    query = "tu=2026-03-01&amp;den=2026-03-31"
    for key in ("so-lieu", "chi-so", "theo-thang", "qua-han", "cong-viec"):
        for fmt in ("xlsx", "pdf"):
            assert f'href="?{query}&amp;dinh_dang={fmt}&amp;bang={key}" download>' in page
    assert f'class="button" href="?{query}&amp;dinh_dang=xlsx" download>XLSX</a>' in page
    assert 'action="/thong-ke/xuat/"' not in page
    # and the link itself answers with the file
    response = client.get(URL, {**MARCH, "dinh_dang": "xlsx", "bang": "qua-han"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")

"""Figures entered by a leader for the indicators the platform cannot compute."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.reports.errors import ReportError
from egov.onestop.reports.indicators.selectors import indicator_set
from egov.onestop.reports.models import EnteredFigure
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.services import Figure, enter_figure
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied

URL = "/thong-ke/so-lieu-nhap/"
EVENT = "reports.figure_entered"
Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))


def _entered_events() -> int:
    return AuditEvent.objects.filter(event_type=EVENT).count()


def _figure(**changes: object) -> Figure:
    values: dict[str, object] = {
        "indicator": "procedures_published_on_time",
        "first": Q1.first,
        "last": Q1.last,
        "numerator": 45,
        "denominator": 50,
        "source": "Cơ sở dữ liệu quốc gia về TTHC, báo cáo quý I",
    }
    values.update(changes)
    return Figure(**values)  # type: ignore[arg-type]


def test_an_entered_figure_is_scored_and_marked_as_entered(province: Province, desk: Desk) -> None:
    enter_figure(actor=desk.commune_leader, unit=province.long_an, figure=_figure())

    result = indicator_set(Scope(province.long_an), Q1)

    published = result.get("procedures_published_on_time")
    # 90% of a 100% threshold: 6 × 0.9.
    assert (published.numerator, published.denominator, published.score) == (
        45,
        50,
        Decimal("5.40"),
    )
    assert (published.source, published.source_label) == ("entered", "số liệu nhập")
    assert published.note.startswith("Cơ sở dữ liệu quốc gia về TTHC, báo cáo quý I; kỳ 01/01/2026")
    assert published.note.endswith("Trương Công Danh nhập ngày " + published.note[-10:])
    event = AuditEvent.objects.get(event_type="reports.figure_entered")
    assert (event.actor, event.details["figure"], event.details["before"]) == (
        desk.commune_leader,
        [45, 50, "Cơ sở dữ liệu quốc gia về TTHC, báo cáo quý I"],
        None,
    )


def test_a_new_entry_for_the_same_period_replaces_the_figure_and_keeps_the_old_in_the_trail(
    province: Province, desk: Desk
) -> None:
    enter_figure(actor=desk.commune_leader, unit=province.long_an, figure=_figure())
    enter_figure(actor=desk.commune_leader, unit=province.long_an, figure=_figure(numerator=50))

    assert list(EnteredFigure.objects.values_list("numerator", "denominator")) == [(50, 50)]
    before = AuditEvent.objects.filter(event_type="reports.figure_entered").order_by("pk")
    assert [e.details["before"] for e in before] == [
        None,
        [45, 50, "Cơ sở dữ liệu quốc gia về TTHC, báo cáo quý I"],
    ]


def test_a_figure_of_another_period_is_not_used(province: Province, desk: Desk) -> None:
    enter_figure(actor=desk.commune_leader, unit=province.long_an, figure=_figure())

    april = indicator_set(Scope(province.long_an), Period(date(2026, 4, 1), date(2026, 4, 30)))

    assert april.get("procedures_published_on_time").available is False


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"indicator": "on_time"}, ReportError.FIGURE_NOT_ENTERED),
        ({"numerator": 51}, ReportError.FIGURE_INVALID),
        ({"first": date(2026, 4, 1)}, ReportError.FIGURE_INVALID),
        ({"source": "  "}, ReportError.FIGURE_INVALID),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_written(
    province: Province, desk: Desk, changes: dict[str, object], code: ReportError
) -> None:
    with pytest.raises(InvalidInput) as refused:
        enter_figure(actor=desk.commune_leader, unit=province.long_an, figure=_figure(**changes))

    assert refused.value.code == code
    assert (EnteredFigure.objects.count(), _entered_events()) == (0, 0)


def test_only_the_units_leaders_may_enter(province: Province, cast: Cast) -> None:
    for officer in (cast.specialist, cast.outsider):
        with pytest.raises(PermissionDenied) as denied:
            enter_figure(actor=officer, unit=province.long_an, figure=_figure())
        assert denied.value.code == ReportError.FIGURE_NOT_ALLOWED

    assert (EnteredFigure.objects.count(), _entered_events()) == (0, 0)


def _post(province: Province, **changes: str) -> dict[str, str | int]:
    data: dict[str, str | int] = {
        "don_vi": province.long_an.pk,
        "tu": "01/01/2026",
        "den": "31/03/2026",
        "chi_so": "personal_store_link",
        "dat": "1.200",
        "tong": "1.500",
        "nguon": "Cổng DVCQG, kho dữ liệu cá nhân",
    }
    data.update(changes)
    return data


def test_a_leader_enters_a_figure_on_the_page(
    client: Client, province: Province, desk: Desk
) -> None:
    login(client, desk.commune_leader)

    response = client.post(URL, _post(province))
    page = client.get(response["Location"])
    query: dict[str, str | int] = {"don_vi": province.long_an.pk, "tu": "2026-01-01"}
    dashboard = client.get("/thong-ke/", {**query, "den": "2026-03-31"})

    assert response.status_code == 302
    assert list(EnteredFigure.objects.values_list("indicator", "numerator", "denominator")) == [
        ("personal_store_link", 1200, 1500)
    ]
    assert "Cổng DVCQG, kho dữ liệu cá nhân" in page.content.decode()
    assert (
        "Kết nối kho dữ liệu cá nhân trên Cổng Dịch vụ công quốc gia</td>" in page.content.decode()
    )
    # 80% of a 100% threshold: 4 × 0.8, marked as entered.
    text = dashboard.content.decode()
    assert "3,20 / 4" in text or "3.20 / 4" in text
    assert "số liệu nhập: Cổng DVCQG, kho dữ liệu cá nhân" in text


def test_a_bad_figure_on_the_page_says_why(client: Client, province: Province, desk: Desk) -> None:
    login(client, desk.commune_leader)

    response = client.post(URL, _post(province, dat="1.600"))

    assert response.status_code == 422
    assert "Số đạt phải từ 0 đến tổng số." in response.content.decode()
    assert EnteredFigure.objects.count() == 0


def test_a_specialist_cannot_enter_figures(client: Client, province: Province, cast: Cast) -> None:
    login(client, cast.specialist)

    shown = client.get(URL, {"don_vi": province.long_an.pk})
    sent = client.post(URL, _post(province))

    assert (shown.status_code, sent.status_code) == (403, 403)
    assert (EnteredFigure.objects.count(), _entered_events()) == (0, 0)

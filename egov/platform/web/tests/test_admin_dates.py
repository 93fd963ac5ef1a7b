"""Admin date fields take "23/12/2026" and say so (issue 17): egov/platform/web/admin_dates.py."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib import admin
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from egov.conftest import login
from egov.platform.accounts.models import User
from egov.platform.web.admin_dates import DayFirstSplitDateTime
from egov.platform.workcalendar.models import CalendarDay, CalendarDecision, DayKind

ADD_URL = "/admin/workcalendar/calendardecision/add/"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _decision(issued_on: str, day: str) -> dict[str, str]:
    return {
        "reference": "12/QĐ-UBND",
        "issued_on": issued_on,
        "issuer": "UBND tỉnh Tây Ninh",
        "summary": "Nghỉ thứ Sáu 25/12/2026 (giả định).",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-date": day,
        "days-0-kind": DayKind.DAY_OFF,
        "days-0-note": "Nghỉ",
        "_save": "Lưu",
    }


def test_admin_date_fields_show_the_day_first_hint(client: Client, superuser: User) -> None:
    login(client, superuser)

    page = client.get(ADD_URL).content.decode()

    assert (
        '<input type="text" name="issued_on" class="vDateField" size="10" '
        'placeholder="dd/mm/yyyy" '
        'title="Nhập ngày theo dạng ngày/tháng/năm, ví dụ 23/12/2026" required '
        'id="id_issued_on">' in page
    )
    assert '<span class="help date-hint">dd/mm/yyyy</span>' in page
    # The inline's dates too (two blank rows and the template row).
    assert page.count('placeholder="dd/mm/yyyy"') == 4


def test_a_vietnamese_date_is_saved_and_shown_day_first(client: Client, superuser: User) -> None:
    login(client, superuser)

    response = client.post(ADD_URL, _decision("23/12/2026", "25/12/2026"))

    assert response.status_code == 302
    decision = CalendarDecision.objects.get()
    assert decision.issued_on == date(2026, 12, 23)
    assert list(CalendarDay.objects.values_list("date", flat=True)) == [date(2026, 12, 25)]
    change = client.get(f"/admin/workcalendar/calendardecision/{decision.pk}/change/")
    assert 'name="issued_on" value="23/12/2026"' in change.content.decode()


def test_an_impossible_date_is_refused_in_vietnamese(client: Client, superuser: User) -> None:
    login(client, superuser)

    response = client.post(ADD_URL, _decision("31/02/2026", "25/12/2026"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["issued_on"] == ["Nhập một ngày hợp lệ."]
    assert CalendarDecision.objects.count() == 0


def test_admin_date_time_fields_take_the_day_first_too(db: None) -> None:
    model_admin = admin.site._registry[CalendarDecision]
    db_field = CalendarDecision._meta.get_field("created_at")

    with translation.override("vi"):
        field = model_admin.formfield_for_dbfield(db_field, request=HttpRequest())
        assert field is not None
        value = field.clean(["23/12/2026", "14:30"])
        html = field.widget.render("at", value)

    assert isinstance(field.widget, DayFirstSplitDateTime)
    assert value == datetime(2026, 12, 23, 14, 30, tzinfo=HCM)
    assert 'name="at_0" value="23/12/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html

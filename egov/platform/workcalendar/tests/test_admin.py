"""Entering an official decision in the admin, and what it changes downstream.

The decision used here is fictional: Fri 4 Sep 2026 becomes a day off (a
bridge after National Day) and Sat 12 Sep 2026 a make-up working day.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from egov.conftest import Cast, login
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.workcalendar.models import CalendarDay, CalendarDecision, DayKind

ADD_URL = "/admin/workcalendar/calendardecision/add/"
DUE_URL = "/api/v1/calendar/due"


def decision_form(*days: tuple[str, str, str]) -> dict[str, str]:
    """The add view's POST: the decision and its inline formset, prefix "days"."""
    data = {
        "reference": "999/QĐ-TTg",
        "issued_on": "2026-08-10",
        "issuer": "Thủ tướng Chính phủ",
        "summary": "Nghỉ bù thứ Sáu 04/9/2026, làm bù thứ Bảy 12/9/2026 (giả định).",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "_save": "Lưu",
    }
    for index, (day, kind, note) in enumerate(days):
        data[f"days-{index}-date"] = day
        data[f"days-{index}-kind"] = kind
        data[f"days-{index}-note"] = note
    return data


SWAP = (
    ("2026-09-04", DayKind.DAY_OFF, "Nghỉ bù"),
    ("2026-09-12", DayKind.WORKING_DAY, "Làm bù cho thứ Sáu 04/9"),
)


def due(client: Client, start: str) -> str:
    response = client.get(DUE_URL, {"start": start, "working_days": "1"})
    assert response.status_code == 200
    due_text: str = response.json()["due"]
    return due_text


def counts() -> tuple[int, int, int]:
    return (
        CalendarDecision.objects.count(),
        CalendarDay.objects.count(),
        AuditEvent.objects.count(),
    )


def test_superuser_enters_a_decision_and_due_dates_follow(superuser: User) -> None:
    # Given: the baseline answers, for anyone
    public = Client()
    assert due(public, "2026-09-03T09:00:00+07:00") == "2026-09-04T09:00:00+07:00"
    assert due(public, "2026-09-11T09:00:00+07:00") == "2026-09-14T09:00:00+07:00"
    last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    # When: the superuser saves the decision with its two days
    admin_client = login(Client(), superuser)
    response = admin_client.post(ADD_URL, decision_form(*SWAP))

    # Then: saved and redirected to the list
    assert response.status_code == 302
    assert response["Location"] == "/admin/workcalendar/calendardecision/"
    decision = CalendarDecision.objects.get()
    assert (decision.reference, decision.issued_on, decision.issuer) == (
        "999/QĐ-TTg",
        date(2026, 8, 10),
        "Thủ tướng Chính phủ",
    )
    assert list(decision.days.values_list("date", "kind", "note")) == [
        (date(2026, 9, 4), "day_off", "Nghỉ bù"),
        (date(2026, 9, 12), "working_day", "Làm bù cho thứ Sáu 04/9"),
    ]

    # And: the public deadlines follow the decision
    assert due(public, "2026-09-03T09:00:00+07:00") == "2026-09-07T09:00:00+07:00"
    assert due(public, "2026-09-11T09:00:00+07:00") == "2026-09-12T09:00:00+07:00"

    # And: the audit trail has the decision and each day, by the superuser
    events = list(
        AuditEvent.objects.filter(pk__gt=last_event)
        .order_by("pk")
        .values_list("event_type", "actor_id", "target_id", "details")
    )
    target = str(decision.pk)
    assert events == [
        (
            "workcalendar.decision_created",
            superuser.pk,
            target,
            {"via": "admin", "fields": ["issued_on", "issuer", "reference", "summary"]},
        ),
        (
            "workcalendar.decision_calendarday_added",
            superuser.pk,
            target,
            {"via": "admin", "item": "2026-09-04 Ngày nghỉ"},
        ),
        (
            "workcalendar.decision_calendarday_added",
            superuser.pk,
            target,
            {"via": "admin", "item": "2026-09-12 Ngày làm việc bù"},
        ),
    ]


@pytest.mark.parametrize(
    ("day", "kind", "message"),
    [
        # Sun 6 Sep 2026 is already a day off.
        ("2026-09-06", DayKind.DAY_OFF, "Ngày này vốn đã là ngày nghỉ."),
        # Tue 1 Sep 2026 is National Day, already off.
        ("2026-09-01", DayKind.DAY_OFF, "Ngày này vốn đã là ngày nghỉ."),
        # Thu 3 Sep 2026 is already a working day.
        (
            "2026-09-03",
            DayKind.WORKING_DAY,
            "Ngày này vốn đã là ngày làm việc; chỉ đặt làm bù cho ngày nghỉ.",
        ),
        # Sat 22 Aug 2026 is already a make-up working day in the baseline.
        (
            "2026-08-22",
            DayKind.WORKING_DAY,
            "Ngày này vốn đã là ngày làm việc; chỉ đặt làm bù cho ngày nghỉ.",
        ),
    ],
)
def test_a_day_that_changes_nothing_is_refused(
    superuser: User, day: str, kind: str, message: str
) -> None:
    # Given
    before = counts()
    admin_client = login(Client(), superuser)

    # When: the decision carries a valid day and a pointless one
    response = admin_client.post(ADD_URL, decision_form(SWAP[0], (day, kind, "")))

    # Then: the form comes back with the message on the second day's kind
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors == [{}, {"kind": [message]}]
    assert message in response.content.decode()

    # And: nothing is written, and the deadline is unchanged
    assert counts() == before
    assert due(Client(), "2026-09-03T09:00:00+07:00") == "2026-09-04T09:00:00+07:00"


def test_the_same_date_twice_is_refused(superuser: User) -> None:
    # Given: a decision already sets Fri 4 Sep 2026
    admin_client = login(Client(), superuser)
    assert admin_client.post(ADD_URL, decision_form(SWAP[0])).status_code == 302
    before = counts()

    # When: another decision sets the same day
    data = decision_form(SWAP[0]) | {"reference": "1000/QĐ-TTg"}
    response = admin_client.post(ADD_URL, data)

    # Then
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors == [{"date": ["Ngày này đã được một quyết định khác quy định."]}]
    assert counts() == before


@pytest.mark.parametrize("who", ["leader", "admin", "citizen"])
def test_users_without_admin_rights_cannot_enter_a_decision(cast: Cast, who: str) -> None:
    # Given: a signed-in user who is not platform staff (a provincial leader,
    # a commune administrator, a citizen), with nothing else granted
    user: User = getattr(cast, who)
    client = login(Client(), user)
    before = counts()

    # When: they open and post the add view
    opened = client.get(ADD_URL)
    posted = client.post(ADD_URL, decision_form(*SWAP))

    # Then: sent to the admin login page
    expected = f"/admin/login/?next={ADD_URL}"
    assert (opened.status_code, opened["Location"]) == (302, expected)
    assert (posted.status_code, posted["Location"]) == (302, expected)

    # And: nothing changed
    assert counts() == before
    assert due(Client(), "2026-09-03T09:00:00+07:00") == "2026-09-04T09:00:00+07:00"


def test_staff_who_is_no_superuser_is_sent_to_the_admin_login(cast: Cast) -> None:
    # Given: the leader is made admin staff but granted no permission
    User.objects.filter(pk=cast.leader.pk).update(is_staff=True)
    client = login(Client(), cast.leader)
    before = counts()

    # When
    opened = client.get(ADD_URL)
    posted = client.post(ADD_URL, decision_form(*SWAP))

    # Then: the Django admin is the platform operators' only (issue 19)
    assert (opened.status_code, posted.status_code) == (302, 302)
    assert opened["Location"] == f"/admin/login/?next={ADD_URL}"
    assert counts() == before


def test_anonymous_is_sent_to_login(db: None) -> None:
    before = counts()

    response = Client().post(ADD_URL, decision_form(*SWAP))

    assert (response.status_code, response["Location"]) == (
        302,
        f"/admin/login/?next={ADD_URL}",
    )
    assert counts() == before

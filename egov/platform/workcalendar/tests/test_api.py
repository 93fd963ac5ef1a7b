"""The public deadline endpoint: GET /api/v1/calendar/due, no login needed.

The test client encodes a dict of parameters, so "+07:00" travels as
"%2B07:00"; one test sends a raw "+" as careless clients do.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from egov.platform.audit.models import AuditEvent
from egov.platform.workcalendar.models import CalendarDay, CalendarDecision

URL = "/api/v1/calendar/due"
pytestmark = pytest.mark.django_db

BAD_START = "Thời điểm bắt đầu không đúng định dạng ISO 8601 (ví dụ 2026-02-13T09:00:00+07:00)."
NOT_A_NUMBER = "Thời hạn phải là một số (ví dụ 5 hoặc 0.5)."
NEGATIVE = "Thời hạn không được là số âm."
EXACTLY_ONE = "Cần đúng một trong hai: số ngày làm việc hoặc số giờ."
TOO_LONG = "Thời hạn quá dài."
OUT_OF_CALENDAR = "Thời điểm bắt đầu phải nằm trong các năm 1976-2100."


def test_due_one_working_day_over_tet_2026(client: Client) -> None:
    # When: Fri 13 Feb 2026 09:00 plus one working day, anonymously
    response = client.get(URL, {"start": "2026-02-13T09:00:00+07:00", "working_days": "1"})

    # Then: Tết week is skipped
    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-02-13T09:00:00+07:00",
        "due": "2026-02-23T09:00:00+07:00",
        "working_days": "1",
        "working_hours": None,
    }


def test_due_in_working_hours(client: Client) -> None:
    response = client.get(URL, {"start": "2026-03-09T10:00:00+07:00", "working_hours": "8"})

    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-03-09T10:00:00+07:00",
        "due": "2026-03-10T10:30:00+07:00",
        "working_days": None,
        "working_hours": "8",
    }


@pytest.mark.parametrize(
    ("params", "start", "due"),
    [
        # Tết 2026
        pytest.param(
            {"start": "2026-02-13T09:00:00+07:00", "working_days": "5"},
            "2026-02-13T09:00:00+07:00",
            "2026-02-27T09:00:00+07:00",
            id="tet-2026-five-days",
        ),
        pytest.param(
            {"start": "2026-02-18T10:00:00+07:00", "working_days": "1"},
            "2026-02-18T10:00:00+07:00",
            "2026-02-23T17:00:00+07:00",
            id="start-inside-tet-2026",
        ),
        # Tết 2027
        pytest.param(
            {"start": "2027-02-03T09:00:00+07:00", "working_days": "1"},
            "2027-02-03T09:00:00+07:00",
            "2027-02-11T09:00:00+07:00",
            id="tet-2027",
        ),
        # National Day 2026: Sat 22 Aug worked, 31 Aug - 2 Sep off
        pytest.param(
            {"start": "2026-08-21T09:00:00+07:00", "working_days": "1"},
            "2026-08-21T09:00:00+07:00",
            "2026-08-22T09:00:00+07:00",
            id="saturday-22-aug-worked",
        ),
        pytest.param(
            {"start": "2026-08-28T09:00:00+07:00", "working_days": "1"},
            "2026-08-28T09:00:00+07:00",
            "2026-09-03T09:00:00+07:00",
            id="national-day-2026",
        ),
        # Vietnamese Culture Day
        pytest.param(
            {"start": "2026-11-23T09:00:00+07:00", "working_days": "1"},
            "2026-11-23T09:00:00+07:00",
            "2026-11-25T09:00:00+07:00",
            id="culture-day-2026",
        ),
        # Outside office hours
        pytest.param(
            {"start": "2026-03-09T06:00:00+07:00", "working_hours": "1"},
            "2026-03-09T06:00:00+07:00",
            "2026-03-09T08:30:00+07:00",
            id="before-opening",
        ),
        pytest.param(
            {"start": "2026-03-09T12:00:00+07:00", "working_days": "1"},
            "2026-03-09T12:00:00+07:00",
            "2026-03-10T11:30:00+07:00",
            id="at-lunch",
        ),
        pytest.param(
            {"start": "2026-03-09T18:00:00+07:00", "working_hours": "1"},
            "2026-03-09T18:00:00+07:00",
            "2026-03-10T08:30:00+07:00",
            id="after-closing",
        ),
        pytest.param(
            {"start": "2026-03-08T10:00:00+07:00", "working_days": "1"},
            "2026-03-08T10:00:00+07:00",
            "2026-03-09T17:00:00+07:00",
            id="sunday",
        ),
        # Session boundaries
        pytest.param(
            {"start": "2026-03-09T07:30:00+07:00", "working_hours": "4"},
            "2026-03-09T07:30:00+07:00",
            "2026-03-09T11:30:00+07:00",
            id="ends-at-11:30",
        ),
        pytest.param(
            {"start": "2026-03-09T13:30:00+07:00", "working_hours": "3.5"},
            "2026-03-09T13:30:00+07:00",
            "2026-03-09T17:00:00+07:00",
            id="ends-at-17:00",
        ),
        # Half a day
        pytest.param(
            {"start": "2026-03-09T09:00:00+07:00", "working_days": "0.5"},
            "2026-03-09T09:00:00+07:00",
            "2026-03-09T14:45:00+07:00",
            id="half-day",
        ),
        # Zero
        pytest.param(
            {"start": "2026-03-09T10:00:00+07:00", "working_days": "0"},
            "2026-03-09T10:00:00+07:00",
            "2026-03-09T10:00:00+07:00",
            id="zero-inside",
        ),
        pytest.param(
            {"start": "2026-03-09T18:00:00+07:00", "working_hours": "0"},
            "2026-03-09T18:00:00+07:00",
            "2026-03-10T07:30:00+07:00",
            id="zero-after-closing",
        ),
        # Other offsets are answered in +07:00.
        pytest.param(
            {"start": "2026-03-09T02:00:00Z", "working_days": "1"},
            "2026-03-09T09:00:00+07:00",
            "2026-03-10T09:00:00+07:00",
            id="utc-z",
        ),
        pytest.param(
            {"start": "2026-03-08T23:00:00-05:00", "working_hours": "1"},
            "2026-03-09T11:00:00+07:00",
            "2026-03-09T14:00:00+07:00",
            id="minus-five",
        ),
        # Without an offset the start is read as Vietnam time.
        pytest.param(
            {"start": "2026-02-13T09:00:00", "working_days": "1"},
            "2026-02-13T09:00:00+07:00",
            "2026-02-23T09:00:00+07:00",
            id="no-offset",
        ),
        pytest.param(
            {"start": "2026-02-13", "working_days": "1"},
            "2026-02-13T00:00:00+07:00",
            "2026-02-13T17:00:00+07:00",
            id="date-only",
        ),
    ],
)
def test_due(client: Client, params: dict[str, str], start: str, due: str) -> None:
    response = client.get(URL, params)

    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["due"]) == (start, due)


def test_unencoded_plus_in_the_offset_is_still_understood(client: Client) -> None:
    # Given: a raw "+" in a query string decodes to a space
    response = client.get(f"{URL}?start=2026-02-13T09:00:00+07:00&working_days=1")

    # Then: the offset is still read as +07:00
    assert response.status_code == 200
    assert response.json()["due"] == "2026-02-23T09:00:00+07:00"


def test_due_follows_a_decision_entered(client: Client) -> None:
    # Given: a decision makes Fri 4 Sep 2026 a day off
    decision = CalendarDecision.objects.create(
        reference="01/QĐ-TEST", issued_on="2026-07-01", issuer="Thủ tướng Chính phủ"
    )
    CalendarDay.objects.create(decision=decision, date="2026-09-04", kind="day_off")

    # When
    response = client.get(URL, {"start": "2026-09-03T09:00:00+07:00", "working_days": "1"})

    # Then: Monday 7 Sep instead of Friday 4 Sep
    assert response.json()["due"] == "2026-09-07T09:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        # The start
        ({"start": "13/02/2026", "working_days": "1"}, "invalid_start", BAD_START),
        ({"start": "", "working_days": "1"}, "invalid_start", BAD_START),
        ({"start": "2026-02-30T09:00:00", "working_days": "1"}, "invalid_start", BAD_START),
        ({"start": "2026-02-13T25:00:00", "working_days": "1"}, "invalid_start", BAD_START),
        ({"start": "2026-02-13T09:00:00+25:00", "working_days": "1"}, "invalid_start", BAD_START),
        ({"start": "tomorrow", "working_hours": "1"}, "invalid_start", BAD_START),
        # A start the calendar cannot answer for (these were 500 before)
        (
            {"start": "9999-12-31T09:00:00+07:00", "working_days": "5"},
            "invalid_start",
            OUT_OF_CALENDAR,
        ),
        (
            {"start": "9999-12-31T23:00:00-12:00", "working_days": "0"},
            "invalid_start",
            OUT_OF_CALENDAR,
        ),
        (
            {"start": "0001-01-01T00:00:00+14:00", "working_days": "0"},
            "invalid_start",
            OUT_OF_CALENDAR,
        ),
        ({"start": "1970-01-01", "working_days": "1"}, "invalid_start", OUT_OF_CALENDAR),
        # The duration is not a number
        ({"start": "2026-02-13", "working_days": "abc"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": ""}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": "1,5"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": "NaN"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": "sNaN"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": "Infinity"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": "-Infinity"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_hours": "inf"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_hours": "nan"}, "invalid_duration", NOT_A_NUMBER),
        # Negative
        ({"start": "2026-02-13", "working_days": "-1"}, "negative_duration", NEGATIVE),
        ({"start": "2026-02-13", "working_hours": "-0.5"}, "negative_duration", NEGATIVE),
        # Neither or both
        ({"start": "2026-02-13"}, "duration_required", EXACTLY_ONE),
        (
            {"start": "2026-02-13", "working_days": "1", "working_hours": "1"},
            "duration_required",
            EXACTLY_ONE,
        ),
        # Too long: more than 2000 working days, or 15000 hours
        ({"start": "2026-02-13", "working_days": "2001"}, "duration_too_long", TOO_LONG),
        ({"start": "2026-02-13", "working_hours": "15001"}, "duration_too_long", TOO_LONG),
        ({"start": "2026-02-13", "working_days": "1e999999999"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": "1_000"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": "١"}, "invalid_duration", NOT_A_NUMBER),
        ({"start": "2026-02-13", "working_days": "9" * 5000}, "duration_too_long", TOO_LONG),
        # Due after the last year the calendar knows
        (
            {"start": "2100-12-31T09:00:00+07:00", "working_days": "1"},
            "duration_too_long",
            "Hạn giải quyết rơi sau năm 2100, năm cuối cùng có lịch nghỉ lễ.",
        ),
    ],
)
def test_bad_input_is_a_422_with_a_stable_code(
    client: Client, params: dict[str, str], code: str, message: str
) -> None:
    response = client.get(URL, params)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"code": code, "message": message}


def test_missing_start_is_invalid_input(client: Client) -> None:
    response = client.get(URL, {"working_days": "1"})

    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid_input",
        "message": "Dữ liệu gửi lên không hợp lệ.",
        "details": {"fields": [{"field": "start", "type": "missing"}]},
    }


def test_the_endpoint_reads_and_writes_nothing_else(client: Client) -> None:
    # Given
    events_before = AuditEvent.objects.count()

    # When: a good and a bad request
    ok = client.get(URL, {"start": "2026-02-13T09:00:00+07:00", "working_days": "1"})
    bad = client.get(URL, {"start": "2026-02-13T09:00:00+07:00", "working_days": "-1"})

    # Then: nothing is written
    assert (ok.status_code, bad.status_code) == (200, 422)
    assert AuditEvent.objects.count() == events_before
    assert CalendarDecision.objects.count() == 0


@pytest.mark.parametrize(
    ("params", "status", "body"),
    [
        pytest.param(
            {"start": "2026-02-13T09:00:00+07:00[Asia/Bangkok]", "working_days": "1"},
            422,
            {"code": "invalid_start", "message": BAD_START},
            id="zone-name-suffix",
        ),
        pytest.param(
            {"start": "x" * 100_000, "working_days": "1"},
            422,
            {"code": "invalid_start", "message": BAD_START},
            id="huge-start",
        ),
        # The next opening after Fri 31 Dec 2100 17:00 is in 2101.
        pytest.param(
            {"start": "2100-12-31T18:00:00+07:00", "working_hours": "0"},
            422,
            {
                "code": "duration_too_long",
                "message": "Hạn giải quyết rơi sau năm 2100, năm cuối cùng có lịch nghỉ lễ.",
            },
            id="next-opening-after-2100",
        ),
        # Below one second rounds to nothing.
        pytest.param(
            {"start": "2026-02-13T09:00:00+07:00", "working_days": "0.00001"},
            200,
            {
                "start": "2026-02-13T09:00:00+07:00",
                "due": "2026-02-13T09:00:00+07:00",
                "working_days": "0.00001",
                "working_hours": None,
            },
            id="below-one-second",
        ),
        # The longest duration allowed, in days and in hours (2000 x 7.5 h).
        pytest.param(
            {"start": "2026-02-13T09:00:00+07:00", "working_days": "2000"},
            200,
            {
                "start": "2026-02-13T09:00:00+07:00",
                "due": "2034-03-06T09:00:00+07:00",
                "working_days": "2000",
                "working_hours": None,
            },
            id="2000-days",
        ),
        pytest.param(
            {"start": "2026-02-13T09:00:00+07:00", "working_hours": "15000"},
            200,
            {
                "start": "2026-02-13T09:00:00+07:00",
                "due": "2034-03-06T09:00:00+07:00",
                "working_days": None,
                "working_hours": "15000",
            },
            id="15000-hours",
        ),
    ],
)
def test_edge_inputs_answer_exactly_and_never_500(
    client: Client, params: dict[str, str], status: int, body: dict[str, Any]
) -> None:
    response = client.get(URL, params)

    assert (response.status_code, response.json()) == (status, body)

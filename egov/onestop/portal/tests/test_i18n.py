"""The portal's words in English: a Vietnamese word with two meanings gets two."""

from __future__ import annotations

from django.utils import translation

from egov.onestop.portal.models import ApplicationStatus
from egov.platform.workcalendar.models import CalendarDay


def test_one_vietnamese_word_with_two_meanings_gets_two_english_ones() -> None:
    # "Đã nộp" is both a paid fee and a submitted application; "ngày" both
    # "on" (08:00 on 02/03/2026) and a calendar day's date field.
    with translation.override("en"):
        labels = (
            translation.gettext("Đã nộp"),
            str(ApplicationStatus.SUBMITTED.label),
            translation.gettext("ngày"),
            str(CalendarDay._meta.get_field("date").verbose_name),
        )

    assert labels == ("Paid", "Submitted", "on", "date")

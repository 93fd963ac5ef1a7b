"""Dates typed day first, as Vietnamese write them, in every form and the admin."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import translation


class _When(forms.Form):
    on = forms.DateField()


def test_day_first_dates_are_read_day_first() -> None:
    with translation.override("vi"):
        for typed in ("23/12/2026", "23-12-2026", "23.12.2026", "2026-12-23"):
            form = _When({"on": typed})
            assert form.is_valid(), typed
            assert form.cleaned_data["on"] == date(2026, 12, 23)
        # 05/12 is the 5th of December, never the 12th of May
        form = _When({"on": "05/12/2026"})
        assert form.is_valid()
        assert form.cleaned_data["on"] == date(2026, 12, 5)

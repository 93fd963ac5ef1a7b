"""Form widgets every domain shares.

Dates are typed day first (dd/mm/yyyy) in a text box, never the browser's
date picker: the picker follows the browser's language, so a browser set to
English shows and asks for mm/dd/yyyy, and a Vietnamese officer reading
"03/02/2026" as 2 March has made a real mistake. One widget, one hint, one
way to type, on every page; ISO (yyyy-mm-dd) stays accepted by the input
formats (egov/formats/vi/formats.py) for API clients and old bookmarks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

DATE_PLACEHOLDER = "dd/mm/yyyy"
DATE_DISPLAY_FORMAT = "%d/%m/%Y"


class VietnameseDateInput(forms.DateInput):
    """A text box for a date typed day first, with the hint and a numeric keypad."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": DATE_PLACEHOLDER,
                "inputmode": "numeric",
                "size": 10,
                "maxlength": 10,
                **(attrs or {}),
            },
            format=DATE_DISPLAY_FORMAT,
        )


def parse_date(text: str) -> date:
    """A typed date as the forms read it: day first (23/12/2026), or ISO (2026-12-23).

    For query parameters read without a form; raises ValidationError.
    """
    value = forms.DateField().clean(text)
    assert isinstance(value, date)  # noqa: S101 - clean() of a required DateField gives one
    return value

"""Admin date fields that say how to type a date: dd/mm/yyyy, day first.

The admin's date and date-time widgets take and show dates in the first
format of DATE_INPUT_FORMATS (day first in egov/formats/vi), but gave no
hint of it, and "23/12/2026" looked as if it would be refused (issue 17).
These widgets add the pattern as a placeholder and a short hint; the admin
uses them for every DateField and DateTimeField through its table of
default form fields, which `WebConfig.ready` updates: the admin has no
other setting for the default widget of a model field type.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin import options, widgets
from django.db import models
from django.utils.translation import gettext_lazy as _

HINT = _("dd/mm/yyyy")
DATE_ATTRS = {
    "placeholder": HINT,
    "title": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 23/12/2026"),
}


class DayFirstDateWidget(widgets.AdminDateWidget):
    template_name = "web/admin/date_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs={**DATE_ATTRS, **(attrs or {})}, format=format)


class DayFirstSplitDateTime(widgets.AdminSplitDateTime):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.widgets = (DayFirstDateWidget(), widgets.AdminTimeWidget())


def use_day_first_widgets() -> None:
    defaults = options.FORMFIELD_FOR_DBFIELD_DEFAULTS
    defaults[models.DateField] = {**defaults[models.DateField], "widget": DayFirstDateWidget}
    defaults[models.DateTimeField] = {
        **defaults[models.DateTimeField],
        "widget": DayFirstSplitDateTime,
    }

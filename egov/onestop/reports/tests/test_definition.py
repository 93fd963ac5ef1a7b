"""The indicator definitions as data: read, checked, and chosen by date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from egov.onestop.reports.indicators import definition as module
from egov.onestop.reports.indicators.definition import (
    DefinitionError,
    definition_for,
    definitions,
    parse,
)
from egov.onestop.reports.indicators.formulas import FORMULAS

NEXT_YEAR = """
version = "766-2027"
title = "Bộ chỉ số 2027"
source = "Văn bản giả định cho phép thử"
verified = true
effective_from = 2027-01-01

[[groups]]
key = "progress"
name = "Tiến độ giải quyết"
points = 30

  [[groups.indicators]]
  key = "on_time"
  name = "Hồ sơ đúng hạn"
  points = 30
  threshold = 0.95
  formula = "on_time"
  when_empty = "none"
  formula_text = "Đúng hạn ÷ tổng số"
"""


def test_the_shipped_definition_adds_up_to_100_points_in_six_groups() -> None:
    (shipped,) = definitions()

    assert (shipped.version, shipped.verified, shipped.effective_from) == (
        "766-2026",
        False,
        date(2022, 6, 23),
    )
    assert [(g.key, g.points) for g in shipped.groups] == [
        ("transparency", Decimal(18)),
        ("progress", Decimal(20)),
        ("online", Decimal(12)),
        ("payment", Decimal(10)),
        ("digitisation", Decimal(22)),
        ("satisfaction", Decimal(18)),
    ]
    formulas = {i.formula for _g, i in shipped.indicators}
    assert formulas - set(FORMULAS) == {
        "entered",
        "provided:feedback_on_time",
        "provided:feedback_satisfaction",
    }
    assert shipped.indicator("dossiers_synchronised")[1].params == {"sync_within_hours": 24}  # type: ignore[index]


def test_next_years_change_is_a_new_file(monkeypatch: pytest.MonkeyPatch) -> None:
    current = definitions()
    monkeypatch.setattr(module, "definitions", lambda: (*current, parse(NEXT_YEAR)))

    assert definition_for(date(2026, 12, 31)).version == "766-2026"
    newer = definition_for(date(2027, 3, 31))
    assert newer.version == "766-2027"
    assert newer.indicator("on_time")[1].threshold == Decimal("0.95")  # type: ignore[index]


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (NEXT_YEAR.replace("points = 30\n\n", "points = 25\n\n"), "do not add up"),
        (NEXT_YEAR.replace('when_empty = "none"', 'when_empty = "half"'), "when_empty"),
    ],
)
def test_a_definition_that_does_not_add_up_is_refused(broken: str, message: str) -> None:
    with pytest.raises(DefinitionError, match=message):
        parse(broken)

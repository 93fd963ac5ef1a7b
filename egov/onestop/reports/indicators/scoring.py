"""An indicator's figure and score, and the set's totals (Decision 766/QĐ-TTg's rule).

Below its threshold an indicator scores rate × points ÷ threshold; at or
above it, its points (rounded half up to two decimals). An empty
denominator scores what the definition says: full points, zero, or nothing
(left out of the total and of its maximum). An indicator without a figure
(nothing entered, no provider) scores nothing and says "chưa có dữ liệu".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


class Source:
    COMPUTED = "computed"
    ENTERED = "entered"
    PROVIDED = "provided"


SOURCE_LABELS = {
    Source.COMPUTED: _("tính từ hồ sơ"),
    Source.ENTERED: _("số liệu nhập"),
    Source.PROVIDED: _("từ phân hệ phản ánh, kiến nghị"),
}


@dataclass(frozen=True)
class Indicator:
    key: str
    group: str
    name: str
    numerator: int
    denominator: int
    target: Decimal
    points: Decimal
    # False: nothing supplies the figure yet ("chưa có dữ liệu").
    available: bool = True
    # "full", "zero" or "none": the score of an empty denominator.
    when_empty: str = "none"
    source: str = Source.COMPUTED
    formula_text: str = ""
    # For an entered figure: where it comes from, who entered it and when.
    note: str = ""

    @property
    def value(self) -> float | None:
        if not self.available or not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def score(self) -> Decimal | None:
        if not self.available:
            return None
        if not self.denominator:
            return {"full": self.points, "zero": Decimal("0.00")}.get(self.when_empty)
        reached = min(
            Decimal(self.numerator) / (Decimal(self.denominator) * self.target), Decimal(1)
        )
        return (self.points * reached).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.source])

    @property
    def lists_dossiers(self) -> bool:
        return self.source == Source.COMPUTED


@dataclass(frozen=True)
class IndicatorSet:
    version: str
    title: str
    source: str
    verified: bool
    indicators: list[Indicator]

    @property
    def total(self) -> Decimal:
        return sum((i.score for i in self.indicators if i.score is not None), Decimal("0.00"))

    @property
    def maximum(self) -> Decimal:
        return sum((i.points for i in self.indicators if i.score is not None), Decimal("0"))

    @property
    def possible(self) -> Decimal:
        """The points of the whole definition, with or without data."""
        return sum((i.points for i in self.indicators), Decimal("0"))

    def get(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

"""Charts drawn on the server as SVG: no JavaScript, no CDN, and the same
markup prints in the PDF (WeasyPrint renders inline SVG).

Text inside an SVG shrinks with it, so the trend chart keeps a minimum width
(its wrapper scrolls sideways on a phone) and a maximum one (it does not
blow up on a wide screen); meters carry no text at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from egov.onestop.reports.statistics import MonthRow

EARLY = "#2e7d32"
ON_TIME = "#1565c0"
LATE = "#b3261e"
NEW = "#3d4650"
POSTAL = "#8e6c00"
TRACK = "#e6e9ed"

COLOURS = {"early": EARLY, "on_time": ON_TIME, "late": LATE, "new": NEW}


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10^k at or above `value` (at least 4)."""
    if value <= 4:
        return 4
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= value:
                return factor * step
        step *= 10


@dataclass(frozen=True)
class _TrendFrame:
    """Where the trend chart draws: its size, a month's slot, the top of the scale."""

    width: int
    height: int
    slot: float
    peak: int

    # The margins around the plot, in px: the axis labels go in them.
    LEFT: ClassVar[int] = 44
    RIGHT: ClassVar[int] = 12
    TOP: ClassVar[int] = 14
    BOTTOM: ClassVar[int] = 40

    @classmethod
    def fit(cls, rows: Sequence[MonthRow], *, compact: bool) -> _TrendFrame:
        months = max(len(rows), 1)
        span = 340 if compact else 900
        slot = max(44 if compact else 52, (span - cls.LEFT - cls.RIGHT) / months)
        return cls(
            width=round(cls.LEFT + slot * months + cls.RIGHT),
            height=220 if compact else 260,
            slot=slot,
            peak=nice_ceiling(max([r.resolved for r in rows] + [r.new for r in rows] + [0])),
        )

    def y(self, value: float) -> float:
        plot = self.height - self.TOP - self.BOTTOM
        return self.TOP + plot - plot * value / self.peak

    def centre(self, i: int) -> float:
        """The middle of the i-th month's slot."""
        return self.LEFT + self.slot * i + self.slot / 2


def trend_chart(rows: Sequence[MonthRow], *, compact: bool = False) -> SafeString:
    """Resolved per month as stacked bars (early, on time, late), new ones as a line.

    The wide chart spreads over about 900 px; the compact one (phones) keeps
    44 px a month and a minimum width, so its labels stay readable.
    """
    frame = _TrendFrame.fit(rows, compact=compact)
    parts = _trend_grid(frame)
    for i, row in enumerate(rows):
        parts += _month_bar(frame, i, row)
        parts += _month_labels(frame, i, row)
    parts += _new_line(frame, rows)
    return _trend_svg(frame, parts, compact=compact)


def _trend_grid(frame: _TrendFrame) -> list[str]:
    """Five horizontal lines, from 0 to the top of the scale, labelled on the left."""
    left, y = frame.LEFT, frame.y
    parts: list[str] = []
    for i in range(5):
        tick = frame.peak * i / 4
        label = f"{tick:,.0f}".replace(",", ".") if tick == int(tick) else f"{tick:.1f}"
        parts.append(
            f'<line x1="{left}" x2="{frame.width - frame.RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" stroke="{TRACK}"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'class="axis">{label}</text>'
        )
    return parts


def _month_bar(frame: _TrendFrame, i: int, row: MonthRow) -> list[str]:
    """The month's resolved dossiers stacked: early at the bottom, then on time, then late."""
    y = frame.y
    bar = min(frame.slot * 0.6, 64)
    x = frame.LEFT + frame.slot * i + (frame.slot - bar) / 2
    base = 0
    parts: list[str] = []
    for value, colour in ((row.early, EARLY), (row.on_time, ON_TIME), (row.late, LATE)):
        if value:
            parts.append(
                f'<rect x="{x:.1f}" y="{y(base + value):.1f}" width="{bar:.1f}" '
                f'height="{y(base) - y(base + value):.1f}" fill="{colour}"/>'
            )
            base += value
    return parts


# The short month names under the bars (44 px each): "T3" for tháng 3 in
# Vietnamese, "Mar" in English.
MONTH_LABELS = (
    pgettext_lazy("month under a chart bar", "T1"),
    pgettext_lazy("month under a chart bar", "T2"),
    pgettext_lazy("month under a chart bar", "T3"),
    pgettext_lazy("month under a chart bar", "T4"),
    pgettext_lazy("month under a chart bar", "T5"),
    pgettext_lazy("month under a chart bar", "T6"),
    pgettext_lazy("month under a chart bar", "T7"),
    pgettext_lazy("month under a chart bar", "T8"),
    pgettext_lazy("month under a chart bar", "T9"),
    pgettext_lazy("month under a chart bar", "T10"),
    pgettext_lazy("month under a chart bar", "T11"),
    pgettext_lazy("month under a chart bar", "T12"),
)


def _month_labels(frame: _TrendFrame, i: int, row: MonthRow) -> list[str]:
    """The month ("T3") under each bar; the year under the first month and each January."""
    centre, axis = frame.centre(i), frame.height - frame.BOTTOM
    label = escape(MONTH_LABELS[row.month.month - 1])
    parts = [
        f'<text x="{centre:.1f}" y="{axis + 16}" text-anchor="middle" class="axis">{label}</text>'
    ]
    if i == 0 or row.month.month == 1:
        parts.append(
            f'<text x="{centre:.1f}" y="{axis + 31}" text-anchor="middle" '
            f'class="axis muted">{row.month.year}</text>'
        )
    return parts


def _new_line(frame: _TrendFrame, rows: Sequence[MonthRow]) -> list[str]:
    """New dossiers per month: a dashed line with a dot on each month."""
    if not rows:
        return []
    points = [(f"{frame.centre(i):.1f}", f"{frame.y(row.new):.1f}") for i, row in enumerate(rows)]
    line = " ".join(f"{x},{y}" for x, y in points)
    return [
        f'<polyline points="{line}" fill="none" stroke="{NEW}" '
        f'stroke-width="2" stroke-dasharray="5 3"/>',
        *(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{NEW}"/>' for x, y in points),
    ]


def _trend_svg(frame: _TrendFrame, parts: list[str], *, compact: bool) -> SafeString:
    # Sized by its width and height attributes, styled by reports.css: the
    # Content-Security-Policy (issue 16) allows no style attribute and no
    # <style> element in a page. The wide chart shrinks to its container;
    # the compact one keeps its size and its wrapper scrolls on a phone.
    width = frame.width
    title = escape(_("Hồ sơ giải quyết theo tháng (trước hạn, đúng hạn, quá hạn) và hồ sơ mới"))
    return mark_safe(  # noqa: S308 - numbers and escaped text only
        f'<svg class="chart trend {"compact" if compact else "wide"}" '
        f'width="{width}" height="{frame.height}" '
        f'viewBox="0 0 {width} {frame.height}" role="img" aria-label="{title}" '
        'xmlns="http://www.w3.org/2000/svg">'
        f"<title>{title}</title>"
        f"{''.join(parts)}</svg>"
    )


def meter(value: float | None, target: float | None = None, colour: str = ON_TIME) -> SafeString:
    """A thin bar for a share (0-1), with the target marked."""
    if value is None:
        return mark_safe("")
    filled = max(0.0, min(value, 1.0)) * 100
    mark = ""
    if target is not None:
        mark = f'<rect x="{target * 100 - 0.4:.1f}" y="0" width="0.8" height="10" fill="#1b1f24"/>'
    return format_html(
        '<svg class="meter" viewBox="0 0 100 10" preserveAspectRatio="none" '
        'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
        '<rect width="100" height="10" fill="{}"/><rect width="{}" height="10" fill="{}"/>{}</svg>',
        TRACK,
        f"{filled:.1f}",
        colour,
        mark_safe(mark),  # noqa: S308 - numbers only
    )


def split_bar(parts: Sequence[tuple[int, str]]) -> SafeString:
    """One bar split into coloured parts (e.g. the channels of new dossiers)."""
    total = sum(value for value, _colour in parts)
    if not total:
        return mark_safe("")
    x = 0.0
    rects = []
    for value, colour in parts:
        share = value * 100 / total
        rects.append(f'<rect x="{x:.2f}" width="{share:.2f}" height="10" fill="{escape(colour)}"/>')
        x += share
    return mark_safe(  # noqa: S308 - numbers and escaped colours only
        '<svg class="meter split" viewBox="0 0 100 10" preserveAspectRatio="none" '
        f'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">{"".join(rects)}</svg>'
    )

"""Every table of the dashboards as data: shown as HTML, exported to XLSX and PDF.

A cell is a Python value whose type says how to show it: `int` a count,
`Share` a fraction shown as a percentage, `Decimal` a measure with its own
number of decimals (1.2 days, 12.50 points), `date`/`datetime` a local date,
`str` text, `None` a dash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from egov.onestop.reports.chase import LateDossier, Workload
from egov.onestop.reports.indicators.scoring import IndicatorSet
from egov.onestop.reports.statistics import Counts, DossierStatistics, MonthRow
from egov.platform.workcalendar.deadlines import VN_TZ


class Share(float):
    """A fraction (0.875) shown as a percentage (87,5%)."""


def share(value: float | None) -> Share | None:
    return None if value is None else Share(value)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    # Rows shown in bold at the end (totals).
    footer: list[list[Any]] = field(default_factory=list)
    note: str = ""

    @property
    def labelled_rows(self) -> list[list[tuple[str, Any]]]:
        """Each row's cells with their column's header (for stacked phone tables)."""
        return [list(zip(self.headers, row, strict=True)) for row in self.rows]

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        """Each header, and whether its column holds numbers (aligned right)."""
        lines = [*self.rows, *self.footer]
        return [
            (header, any(is_number(line[i]) for line in lines))
            for i, header in enumerate(self.headers)
        ]

    @property
    def labelled_footer(self) -> list[list[tuple[str, Any]]]:
        return [list(zip(self.headers, row, strict=True)) for row in self.footer]


def is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal | Share) and not isinstance(value, bool)


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def display(value: Any) -> str:
    """A cell as Vietnamese text: 1.234 · 87,5% · 1,2 · 09/03/2026."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, int):
        return _thousands(value)
    if isinstance(value, Share):
        return f"{value * 100:.1f}%".replace(".", ",")
    if isinstance(value, Decimal):
        places = max(-int(value.as_tuple().exponent), 0)
        whole, _sep, decimals = f"{value:.{places}f}".partition(".")
        text = _thousands(int(whole)) if whole.lstrip("-").isdigit() else whole
        return f"{text},{decimals}" if decimals else text
    if isinstance(value, datetime):
        return value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def summary_table(stats: DossierStatistics) -> Table:
    rows: list[list[Any]] = [
        [_("Tổng số hồ sơ tiếp nhận"), stats.received],
        [_("– Kỳ trước chuyển qua"), stats.carried_over],
        [_("– Mới tiếp nhận trong kỳ"), stats.new],
        [_("   + Trực tiếp"), stats.new_direct],
        [_("   + Trực tuyến"), stats.new_online],
        [_("   + Qua bưu chính"), stats.new_postal],
        [_("Đã giải quyết"), stats.resolved],
        [_("– Trước hạn"), stats.early],
        [_("– Đúng hạn"), stats.on_time],
        [_("– Quá hạn"), stats.late],
        [_("Đang giải quyết (tại cuối kỳ)"), stats.in_progress],
        [_("– Trong hạn"), stats.open_within],
        [_("– Quá hạn"), stats.open_past],
        [_("Hồ sơ có yêu cầu bổ sung"), stats.supplement_requested],
        [_("Từ chối giải quyết"), stats.refused_in_processing],
        [_("Không được tiếp nhận"), stats.not_accepted],
        [_("Công dân rút hồ sơ"), stats.withdrawn],
        [_("Dừng xử lý"), stats.stopped],
        [_("Đã xử lý xong, chưa trả kết quả"), stats.finished],
        [_("Đã trả kết quả"), stats.returned],
        [_("Tỷ lệ giải quyết trước hạn, đúng hạn"), share(stats.on_time_rate)],
        [_("Thời gian giải quyết trung bình (ngày làm việc)"), stats.average_days],
    ]
    return Table(
        key="so-lieu",
        title=_("Tình hình tiếp nhận, giải quyết hồ sơ"),
        headers=[_("Chỉ tiêu"), _("Số liệu")],
        rows=rows,
        note=_(
            "Tính theo Quyết định 766/QĐ-TTg: kết thúc tại sự kiện kết thúc đầu tiên, trừ "
            "thời gian bổ sung của công dân, bổ sung quá một lần là quá hạn, hồ sơ đang "
            "giải quyết được đánh giá tại cuối kỳ. Thời gian trung bình: giờ hành chính từ "
            "lúc tiếp nhận đến lúc kết thúc, trừ thời gian chờ công dân bổ sung hồ sơ, "
            "thực hiện nghĩa vụ tài chính, chia cho số giờ của một ngày làm việc."
        ),
    )


def indicator_table(indicators: IndicatorSet) -> Table:
    rows: list[list[Any]] = []
    for i in indicators.indicators:
        if not i.available:
            result: list[Any] = [_("Chưa có dữ liệu"), None, None]
        elif not i.denominator:
            result = [_("Không phát sinh"), None, i.score]
        else:
            result = [f"{i.numerator}/{i.denominator}", share(i.value), i.score]
        rows.append(
            [
                str(i.group),
                str(i.name),
                i.source_label,
                *result[:2],
                Share(float(i.target)),
                i.points,
                result[2],
            ]
        )
    verified = "" if indicators.verified else _(" CHƯA ĐƯỢC ĐỐI CHIẾU với văn bản chính thức.")
    return Table(
        key="chi-so",
        title=indicators.title,
        headers=[
            _("Nhóm chỉ số"),
            _("Chỉ số"),
            _("Nguồn số liệu"),
            _("Đạt/Tổng"),
            _("Tỷ lệ"),
            _("Ngưỡng điểm tối đa"),
            _("Điểm tối đa"),
            _("Điểm"),
        ],
        rows=rows,
        footer=[
            [
                _("Tổng điểm các chỉ số có dữ liệu"),
                "",
                "",
                "",
                None,
                None,
                indicators.maximum,
                indicators.total,
            ]
        ],
        note=_(
            "Bộ chỉ số phiên bản %(version)s. Nguồn: %(source)s.%(verified)s "
            "Cách tính: dưới ngưỡng, điểm = điểm tối đa × tỷ lệ / ngưỡng; từ ngưỡng trở lên, "
            "điểm tối đa. Chỉ số chưa có dữ liệu không được tính vào tổng."
        )
        % {"version": indicators.version, "source": indicators.source, "verified": verified},
    )


def trend_table(rows: Sequence[MonthRow]) -> Table:
    return Table(
        key="theo-thang",
        title=_("Diễn biến theo tháng"),
        headers=[
            _("Tháng"),
            _("Mới tiếp nhận"),
            _("Trong đó trực tuyến"),
            _("Đã giải quyết"),
            _("Trước hạn"),
            _("Đúng hạn"),
            _("Quá hạn"),
            _("Tỷ lệ đúng hạn"),
        ],
        rows=[
            [
                f"{r.month:%m/%Y}",
                r.new,
                r.new_online,
                r.resolved,
                r.early,
                r.on_time,
                r.late,
                share(r.on_time_rate),
            ]
            for r in rows
        ],
    )


def late_table(total: int, rows: Sequence[LateDossier]) -> Table:
    note = ""
    if total > len(rows):
        note = _(
            "Hiển thị %(shown)s trên tổng số %(total)s hồ sơ quá hạn, quá hạn lâu nhất trước."
        ) % {
            "shown": len(rows),
            "total": total,
        }
    return Table(
        key="qua-han",
        title=_("Hồ sơ đang quá hạn cần đôn đốc"),
        headers=[
            _("Mã hồ sơ"),
            _("Thủ tục"),
            _("Đơn vị đang giữ"),
            _("Người xử lý"),
            _("Hạn giải quyết"),
            _("Quá hạn (ngày làm việc)"),
        ],
        rows=[
            [
                r.code,
                r.procedure,
                r.unit,
                r.assignee or _("Chưa phân công"),
                r.deadline_at,
                r.days_late,
            ]
            for r in rows
        ],
        note=note,
    )


def workload_table(rows: Sequence[Workload]) -> Table:
    return Table(
        key="cong-viec",
        title=_("Hồ sơ đang giữ theo cán bộ"),
        headers=[_("Cán bộ"), _("Hồ sơ đang giữ"), _("Trong đó quá hạn")],
        rows=[[r.assignee or _("Chưa phân công"), r.open, r.late] for r in rows],
        footer=[[_("Tổng cộng"), sum(r.open for r in rows), sum(r.late for r in rows)]]
        if rows
        else [],
    )


def breakdown_table(key: str, title: str, label: str, rows: Sequence[tuple[str, Counts]]) -> Table:
    """Per unit or per field: the public page's tables."""

    def line(name: str, c: Counts) -> list[Any]:
        return [
            name,
            c.received,
            c.new_online,
            c.resolved,
            c.early + c.on_time,
            c.late,
            c.in_progress,
            share(c.on_time_rate),
        ]

    total = sum((c for _name, c in rows), Counts())
    return Table(
        key=key,
        title=title,
        headers=[
            label,
            _("Tiếp nhận"),
            _("Nộp trực tuyến"),
            _("Đã giải quyết"),
            _("Trước hạn, đúng hạn"),
            _("Quá hạn"),
            _("Đang giải quyết"),
            _("Tỷ lệ đúng hạn"),
        ],
        rows=[line(name, c) for name, c in rows],
        footer=[line(_("Tổng cộng"), total)] if rows else [],
    )

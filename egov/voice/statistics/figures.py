"""A leader's figures of the citizens' voice, per unit and period, as tables.

One report holds feedback (by unit, by channel, by field), petitions (by
unit, by source) and receptions (by unit). Each table has one row per
group and a total row; the page, the XLSX file and the tests read the same
rows. Counts only: no row names a person, so a denouncer never shows.

Feedback counts as on time when finished within each step's deadline or
still within it (feedback/statistics.py, as Decision 766 counts); a petition
is late as complaints/services.is_late says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts import scopes
from egov.platform.accounts.models import Role, User
from egov.platform.core.text import fold
from egov.platform.organisation.models import Unit
from egov.voice.complaints.models import Channel as PetitionChannel
from egov.voice.complaints.models import Petition
from egov.voice.complaints.selectors import counts
from egov.voice.feedback.followups import followed_up
from egov.voice.feedback.models import Channel as FeedbackChannel
from egov.voice.feedback.models import Feedback
from egov.voice.feedback.statistics import FIELDS, Figures, bounds, received_in
from egov.voice.feedback.statistics import summarise as summarise_all
from egov.voice.reception.models import Matter, Reception, ReceptionKind
from egov.voice.statistics.errors import VoiceStatisticsError

# Those who report on the unit's work: its clerks, heads and leaders.
STATISTICS_ROLES = (Role.CLERK, Role.HEAD, Role.LEADER)

Cell = int | float | str
T = TypeVar("T")


@dataclass(frozen=True)
class Table:
    key: str
    # The XLSX sheet's name (at most 31 characters).
    sheet: str
    title: str
    headers: tuple[str, ...]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    scope: Unit
    date_from: date
    date_to: date
    feedback: Figures
    petitions: dict[str, int]
    receptions: int
    tables: list[Table]

    @property
    def filename(self) -> str:
        return f"thong-ke-tiep-dan-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}"


def scopes_for(user: User) -> list[Unit]:
    """The units whose figures `user` may read (a unit under another adds nothing)."""
    return scopes.scopes_for(user, STATISTICS_ROLES)


def scope_for(user: User, unit_id: int | None) -> Unit:
    """The unit asked for (the user's first by default), if `user` may read it."""
    return scopes.scope_for(
        user, unit_id, STATISTICS_ROLES, not_found=VoiceStatisticsError.UNIT_NOT_FOUND
    )


def period(date_from: date | None, date_to: date | None, today: date) -> tuple[date, date]:
    """This year to today by default; the start must not be after the end."""
    return scopes.period(date_from, date_to, today, invalid=VoiceStatisticsError.INVALID_PERIOD)


def _percent(rate: float | None) -> Cell:
    return "" if rate is None else round(rate * 100, 1)


def _grouped(
    items: Iterable[T], key: Callable[[T], str], order: list[str]
) -> list[tuple[str, list[T]]]:
    """`items` by `key`, groups in `order` (then any other key by name), empty groups left out."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    # Other keys alphabetically, Vietnamese fashion: "Đất đai" before "Hộ tịch".
    names = [n for n in order if n in groups] + sorted(
        (n for n in groups if n not in order), key=lambda n: (fold(n), n)
    )
    return [(name, groups[name]) for name in names]


def _with_total(rows: list[list[Cell]], total: list[Cell]) -> list[list[Cell]]:
    return [*rows, [_("Tổng cộng"), *total]]


def _feedback_cells(figures: Figures) -> list[Cell]:
    return [
        figures.received,
        figures.refused,
        figures.open,
        figures.answered,
        figures.received - figures.late,
        figures.late,
        figures.published,
        _percent(figures.on_time_rate),
        _percent(figures.satisfaction_rate),
    ]


def _feedback_short(figures: Figures) -> list[Cell]:
    return [figures.received, figures.answered, figures.received - figures.late, figures.late]


def _petition_cells(c: dict[str, int]) -> list[Cell]:
    return [
        c["received"],
        c["complaint"],
        c["denunciation"],
        c["recommendation"],
        c["feedback"],
        c["within_competence"],
        c["accepted"],
        c["forwarded"],
        c["filed"],
        c["open"],
        c["settled"],
        c["settled_on_time"],
        c["late"],
    ]


def _reception_cells(items: list[Reception]) -> list[Cell]:
    return [
        len(items),
        sum(r.people for r in items),
        *(sum(r.kind == kind for r in items) for kind in ReceptionKind),
        sum(r.is_group for r in items),
        *(sum(r.matter == matter for r in items) for matter in Matter),
    ]


def _feedback_tables(items: list[Feedback], units: list[str], now: datetime) -> list[Table]:
    followed = followed_up(items)

    def summarise(group: list[Feedback], now: datetime) -> Figures:
        return summarise_all(group, now, followed)

    by_unit = _grouped(items, lambda f: f.addressed_to.name, units)
    channels = [str(c.label) for c in FeedbackChannel]
    by_channel = _grouped(items, lambda f: str(FeedbackChannel(f.channel).label), channels)
    no_field = _("Chưa xác định lĩnh vực")
    by_field = _grouped(items, lambda f: f.topic.name if f.topic else no_field, [])
    total = summarise(items, now)
    short = (_("Đã trả lời"), _("Đúng hạn hoặc còn hạn"), _("Trễ hạn"))
    return [
        Table(
            "feedback_units",
            _("PAKN theo đơn vị"),
            _("Phản ánh, kiến nghị theo đơn vị"),
            (
                _("Đơn vị"),
                _("Tiếp nhận"),
                _("Không tiếp nhận"),
                _("Đang xử lý"),
                _("Đã trả lời"),
                _("Đúng hạn hoặc còn hạn"),
                _("Trễ hạn"),
                _("Đã công khai"),
                _("Tỷ lệ đúng hạn (%)"),
                _("Tỷ lệ hài lòng (%)"),
            ),
            _with_total(
                [[name, *_feedback_cells(summarise(group, now))] for name, group in by_unit],
                _feedback_cells(total),
            ),
        ),
        Table(
            "feedback_channels",
            _("PAKN theo hình thức gửi"),
            _("Phản ánh, kiến nghị theo hình thức gửi"),
            (_("Hình thức gửi"), _("Tiếp nhận"), *short),
            _with_total(
                [[name, *_feedback_short(summarise(group, now))] for name, group in by_channel],
                _feedback_short(total),
            ),
        ),
        Table(
            "feedback_fields",
            _("PAKN theo lĩnh vực"),
            _("Phản ánh, kiến nghị theo lĩnh vực"),
            (_("Lĩnh vực"), _("Tiếp nhận"), *short),
            _with_total(
                [[name, *_feedback_short(summarise(group, now))] for name, group in by_field],
                _feedback_short(total),
            ),
        ),
    ]


def _petition_tables(items: list[Petition], units: list[str]) -> list[Table]:
    by_unit = _grouped(items, lambda p: p.addressed_to.name, units)
    channels = [str(c.label) for c in PetitionChannel]
    by_channel = _grouped(items, lambda p: str(PetitionChannel(p.channel).label), channels)

    def short(c: dict[str, int]) -> list[Cell]:
        return [c["received"], c["accepted"], c["settled"], c["settled_on_time"], c["late"]]

    total = counts(items)
    return [
        Table(
            "petitions_units",
            _("Đơn theo đơn vị"),
            _("Đơn khiếu nại, tố cáo, kiến nghị, phản ánh theo đơn vị"),
            (
                _("Đơn vị"),
                _("Tiếp nhận"),
                _("Khiếu nại"),
                _("Tố cáo"),
                _("Kiến nghị"),
                _("Phản ánh"),
                _("Thuộc thẩm quyền"),
                _("Đã thụ lý"),
                _("Đã chuyển đơn"),
                _("Lưu đơn"),
                _("Đang xử lý"),
                _("Đã giải quyết"),
                _("Giải quyết đúng hạn"),
                _("Trễ hạn"),
            ),
            _with_total(
                [[name, *_petition_cells(counts(group))] for name, group in by_unit],
                _petition_cells(total),
            ),
        ),
        Table(
            "petitions_channels",
            _("Đơn theo nguồn đơn"),
            _("Đơn khiếu nại, tố cáo, kiến nghị, phản ánh theo nguồn đơn"),
            (
                _("Nguồn đơn"),
                _("Tiếp nhận"),
                _("Đã thụ lý"),
                _("Đã giải quyết"),
                _("Giải quyết đúng hạn"),
                _("Trễ hạn"),
            ),
            _with_total(
                [[name, *short(counts(group))] for name, group in by_channel], short(total)
            ),
        ),
    ]


def _reception_table(items: list[Reception], units: list[str]) -> Table:
    return Table(
        "receptions_units",
        _("Tiếp công dân"),
        _("Tiếp công dân theo đơn vị"),
        (
            _("Đơn vị"),
            _("Lượt tiếp"),
            _("Số người"),
            *(str(kind.label) for kind in ReceptionKind),
            _("Đoàn đông người"),
            *(str(matter.label) for matter in Matter),
        ),
        _with_total(
            [
                [name, *_reception_cells(group)]
                for name, group in _grouped(items, lambda r: r.unit.name, units)
            ],
            _reception_cells(items),
        ),
    )


def report(*, scope: Unit, date_from: date, date_to: date, now: datetime | None = None) -> Report:
    now = now or timezone.now()
    since, until = bounds(date_from, date_to)
    # Tree order by the keys as numbers: ordered as text, "/1/10/" would come
    # before "/1/9/" once the keys grow a digit.
    paths = Unit.objects.filter(path__startswith=scope.path).values_list("path", "name")
    units = [
        name
        for path, name in sorted(
            paths, key=lambda row: [int(part) for part in row[0].strip("/").split("/") if part]
        )
    ]
    feedback = list(
        received_in(scope, date_from, date_to)
        .select_related("addressed_to", "topic")
        .only(*FIELDS, "channel", "addressed_to__name", "topic__name")
    )
    petitions = list(
        Petition.objects.filter(
            addressed_to__path__startswith=scope.path,
            received_at__gte=since,
            received_at__lt=until,
        ).select_related("addressed_to")
    )
    receptions = list(
        Reception.objects.filter(
            unit__path__startswith=scope.path, received_at__gte=since, received_at__lt=until
        ).select_related("unit")
    )
    return Report(
        scope=scope,
        date_from=date_from,
        date_to=date_to,
        feedback=summarise_all(feedback, now),
        petitions=counts(petitions),
        receptions=len(receptions),
        tables=[
            *_feedback_tables(feedback, units, now),
            *_petition_tables(petitions, units),
            _reception_table(receptions, units),
        ],
    )

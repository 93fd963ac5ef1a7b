"""Pages of the weekly schedule: the office's page and the public one, and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from egov.platform.accounts.access import request_user
from egov.platform.core import week_items
from egov.platform.core.errors import DomainError
from egov.platform.core.week_items import WeekItem
from egov.platform.organisation.models import Unit

from . import selectors, services
from .access import may_edit, may_publish
from .forms import EntryForm
from .models import ScheduleEntry
from .printing import renderer
from .weeks import parse_week, week_param

WEEKDAYS = (
    gettext_lazy("Thứ Hai"),
    gettext_lazy("Thứ Ba"),
    gettext_lazy("Thứ Tư"),
    gettext_lazy("Thứ Năm"),
    gettext_lazy("Thứ Sáu"),
    gettext_lazy("Thứ Bảy"),
    gettext_lazy("Chủ nhật"),
)


@dataclass(frozen=True)
class Row:
    # One of the two: the office's own entry, or another domain's item
    # (a leader's regular citizen-reception day, platform/core/week_items.py).
    entry: ScheduleEntry | None
    item: WeekItem | None
    day: date
    weekday: str
    first_of_day: bool


def _rows(entries: list[ScheduleEntry], unit: Unit, monday: date) -> list[Row]:
    """The week's lines by day and hour: the entries, and the registered items of `unit`.

    An item without an hour comes first on its day, and before an entry at the same hour.
    """
    extra = week_items.items(unit_id=unit.pk, first=monday, last=monday + timedelta(days=6))
    lines: list[tuple[date, time, int, ScheduleEntry | None, WeekItem | None]] = [
        (e.day, e.start_time, 1, e, None) for e in entries
    ] + [(i.day, i.start or time.min, 0, None, i) for i in extra]
    rows: list[Row] = []
    previous: date | None = None
    for day, _start, _order, entry, item in sorted(lines, key=lambda x: x[:3]):
        rows.append(Row(entry, item, day, str(WEEKDAYS[day.weekday()]), day != previous))
        previous = day
    return rows


def _monday(request: HttpRequest) -> date:
    try:
        return parse_week(request.GET.get("tuan"), today=timezone.localdate())
    except DomainError:
        raise Http404 from None


def _week_nav(monday: date) -> dict[str, str]:
    return {
        "this_week": week_param(monday),
        "previous_week": week_param(monday - timedelta(days=7)),
        "next_week": week_param(monday + timedelta(days=7)),
    }


def _manage_url(unit: Unit, monday: date) -> str:
    return f"{reverse('schedule:manage')}?don-vi={unit.pk}&tuan={week_param(monday)}"


def _editable_unit(request: HttpRequest, raw_id: str | None) -> tuple[Unit, list[Unit]]:
    user = request_user(request)
    units = list(selectors.editable_units(user))
    if not units:
        raise Http404
    if raw_id is None:
        return units[0], units
    unit = Unit.objects.filter(pk=int(raw_id) if raw_id.isdigit() else 0).first()
    if unit is None or not may_edit(user, unit):
        raise Http404
    return unit, units


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """The office's page: the week's entries, the form to add one, publishing."""
    unit, units = _editable_unit(request, request.GET.get("don-vi"))
    monday = _monday(request)
    form = EntryForm(initial={"day": max(monday, timezone.localdate())})
    return _manage_page(request, unit, units, monday, form)


def _manage_page(
    request: HttpRequest,
    unit: Unit,
    units: list[Unit],
    monday: date,
    form: EntryForm,
    status: int = 200,
) -> HttpResponse:
    schedule = selectors.week(unit, monday)
    return render(
        request,
        "schedule/manage.html",
        {
            "unit": unit,
            "units": units,
            "schedule": schedule,
            "rows": _rows(selectors.entries(schedule), unit, monday),
            "form": form,
            "may_publish": may_publish(request_user(request), unit),
            **_week_nav(monday),
        },
        status=status,
    )


@login_required
@require_POST
def add(request: HttpRequest) -> HttpResponse:
    unit, units = _editable_unit(request, request.POST.get("don-vi"))
    form = EntryForm(request.POST)
    monday = _monday(request)
    if form.is_valid():
        try:
            entry = services.add_entry(
                actor=request_user(request), unit=unit, data=form.entry_data()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã thêm mục vào lịch công tác.")
            return HttpResponseRedirect(_manage_url(unit, entry.schedule.week_start))
    return _manage_page(request, unit, units, monday, form, status=422)


def _entry_or_404(request: HttpRequest, entry_id: int) -> ScheduleEntry:
    entry = ScheduleEntry.objects.select_related("schedule__unit").filter(pk=entry_id).first()
    if entry is None or not may_edit(request_user(request), entry.schedule.unit):
        raise Http404
    return entry


@login_required
def edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_404(request, entry_id)
    unit = entry.schedule.unit
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            try:
                services.change_entry(
                    actor=request_user(request), entry_id=entry.pk, data=form.entry_data()
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Đã sửa mục lịch công tác.")
                return HttpResponseRedirect(_manage_url(unit, entry.schedule.week_start))
        status = 422
    else:
        form = EntryForm(
            initial={
                field: getattr(entry, field)
                for field in (
                    "day",
                    "start_time",
                    "end_time",
                    "content",
                    "chair",
                    "participants",
                    "place",
                    "preparing_unit",
                )
            }
        )
        status = 200
    return render(
        request,
        "schedule/edit.html",
        {
            "entry": entry,
            "unit": unit,
            "form": form,
            "back": _manage_url(unit, entry.schedule.week_start),
        },
        status=status,
    )


@login_required
@require_POST
def cancel(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_404(request, entry_id)
    unit, monday = entry.schedule.unit, entry.schedule.week_start
    try:
        kept = services.cancel_entry(actor=request_user(request), entry_id=entry.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, "Đã đánh dấu hoãn mục đã công bố." if kept else "Đã xóa mục khỏi dự thảo."
        )
    return HttpResponseRedirect(_manage_url(unit, monday))


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    unit, _units = _editable_unit(request, request.POST.get("don-vi"))
    monday = _monday(request)
    try:
        services.publish_week(actor=request_user(request), unit=unit, week_start=monday)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã duyệt và công bố lịch công tác tuần.")
    return HttpResponseRedirect(_manage_url(unit, monday))


def _public_unit(unit_id: int) -> Unit:
    unit = selectors.public_unit(unit_id)
    if unit is None:
        raise Http404
    return unit


@require_GET
def public(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The published week on the unit's public page; nothing of a draft."""
    unit = _public_unit(unit_id)
    monday = _monday(request)
    schedule = selectors.published_week(unit, monday)
    return render(
        request,
        "schedule/public.html",
        {
            "unit": unit,
            "schedule": schedule,
            "monday": monday,
            "rows": _rows(selectors.entries(schedule), unit, monday),
            **_week_nav(monday),
        },
    )


@require_GET
def pdf(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _public_unit(unit_id)
    monday = _monday(request)
    schedule = selectors.published_week(unit, monday)
    if schedule is None:
        raise Http404
    content = renderer.pdf(
        "week.html",
        {
            "unit": unit,
            "parent_name": unit.parent.name if unit.parent else "",
            "schedule": schedule,
            "published_at": timezone.localtime(schedule.published_at)
            if schedule.published_at
            else None,
            "rows": _rows(selectors.entries(schedule), unit, monday),
        },
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="lich-cong-tac-{week_param(schedule.week_start)}.pdf"'
    )
    return response

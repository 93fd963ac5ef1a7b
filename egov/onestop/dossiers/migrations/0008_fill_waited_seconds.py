"""Take the citizen's time out of the processing time of the stored dossiers.

Decision 766/QĐ-TTg (and DOMAIN: "supplement requests stop the clock; the
citizen's time is not counted"): the time the clock stood still waiting for
the citizen is not the agency's. The services now add it up in
`Dossier.waited_seconds` and subtract it from `processing_seconds`; this
fills both for the dossiers stored before, from what the data records:

- supplements asked for in processing (`SupplementRequest` rows asked at or
  after the receipt; those asked at reception, before it, stopped no clock):
  requested_at → received_at, or → the dossier's end if the citizen never
  came back;
- fee and tax pauses (status 6): the payments app does not record them. A
  `Payment` is an online payment attempt, created when the citizen starts
  paying, and there is none when the fee is paid at the desk and an officer
  confirms it; nothing there says when the officer asked. The audit trail
  does, written in the same transaction as the change: each
  `dossiers.payment_requested` event (the clock stopped) → the next
  `dossiers.payment_confirmed` (it restarted), or → the end;
- a pause still running when the dossier ended (withdrawn or stopped while
  waiting; `clock_stopped_at` still set): clock_stopped_at → the end.

A dossier still open gets its finished pauses only: the one running now is
added by the services when it ends. The intervals are merged before they are
counted, so the same pause seen by two sources counts once. Office time is
counted with today's calendar (the statutory baseline plus the decisions
entered so far), as 0006 counted the time from receipt to the end, so the
subtraction is of like from like; the moments are those of the rows (the
services count from their own clock reading, microseconds apart: a value may
differ from theirs by a second). Processing time = office time from receipt
to the end (whole seconds) minus the waited time, never negative.

Batched by primary key, one query per table and batch: memory stays flat
whatever the table's size; only dossiers that waited are written.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from egov.platform.workcalendar.deadlines import OfficeHours, WorkingCalendar

BATCH = 2000
PAUSED, RESUMED = "dossiers.payment_requested", "dossiers.payment_confirmed"

Interval = tuple[datetime, datetime | None]  # None: still running (open dossier)


def _payment_pauses(events: list[tuple[str, datetime]]) -> list[Interval]:
    """Each request → the next confirmation (None if there is none yet), in time order."""
    pauses: list[Interval] = []
    started: datetime | None = None
    for kind, at in sorted(events, key=lambda event: event[1]):
        if kind == PAUSED and started is None:
            started = at
        elif kind == RESUMED and started is not None:
            pauses.append((started, at))
            started = None
    if started is not None:
        pauses.append((started, None))
    return pauses


def waited(
    calendar: WorkingCalendar, received: datetime, ended: datetime | None, pauses: list[Interval]
) -> int:
    """Office seconds of the union of the pauses, up to the end.

    A pause that began before the receipt (a supplement asked at reception)
    stopped no clock: none was running yet.
    """
    spans: list[tuple[datetime, datetime]] = []
    for start, stop in pauses:
        stop = stop or ended  # running: until the end, or not yet counted
        if stop is None or start < received:
            continue
        if ended is not None:
            stop = min(stop, ended)
        if stop > start:
            spans.append((start, stop))
    total = 0
    current: tuple[datetime, datetime] | None = None
    for start, stop in sorted(spans):
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], stop))
            continue
        if current is not None:
            total += calendar.working_seconds(*current)
        current = (start, stop)
    if current is not None:
        total += calendar.working_seconds(*current)
    return total


def processing(calendar: WorkingCalendar, received: datetime, ended: datetime, wait: int) -> int:
    """As egov.onestop.dossiers.timeliness.processing_seconds (whole seconds, never negative)."""
    total = calendar.working_seconds(received.replace(microsecond=0), ended.replace(microsecond=0))
    return max(total - wait, 0)


def fill(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    dossier_model = apps.get_model("dossiers", "Dossier")
    supplement_model = apps.get_model("dossiers", "SupplementRequest")
    event_model = apps.get_model("audit", "AuditEvent")
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="dossiers", model="dossier")
        .first()
    )
    calendar_day = apps.get_model("workcalendar", "CalendarDay")
    calendar = WorkingCalendar(
        overrides={
            day: kind == "working_day"
            for day, kind in calendar_day.objects.values_list("date", "kind")
        },
        office_hours=OfficeHours.parse(settings.OFFICE_HOURS),
    )
    received = dossier_model.objects.filter(received_at__isnull=False).order_by("pk")
    last = 0
    while True:
        rows = list(
            received.filter(pk__gt=last).values_list(
                "pk", "received_at", "ended_at", "clock_stopped_at", "processing_seconds"
            )[:BATCH]
        )
        if not rows:
            return
        first, last = rows[0][0], rows[-1][0]
        pauses: dict[int, list[Interval]] = defaultdict(list)
        for pk, asked, answered in supplement_model.objects.filter(
            dossier_id__gte=first, dossier_id__lte=last
        ).values_list("dossier_id", "requested_at", "received_at"):
            pauses[pk].append((asked, answered))
        if content_type is not None:  # none yet: no event either
            events: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
            for target, kind, at in event_model.objects.filter(
                target_type=content_type,
                target_id__in=[str(row[0]) for row in rows],
                event_type__in=[PAUSED, RESUMED],
            ).values_list("target_id", "event_type", "created_at"):
                events[int(target)].append((kind, at))
            for pk, found in events.items():
                pauses[pk].extend(_payment_pauses(found))
        changed = []
        for pk, receipt, ended, stopped, stored in rows:
            found = pauses.get(pk, [])
            if ended is not None and stopped is not None:
                found.append((stopped, ended))
            if not found and (ended is None or stored is not None):
                continue  # never waited: 0 and the stored time stand
            wait = waited(calendar, receipt, ended, found)
            seconds = processing(calendar, receipt, ended, wait) if ended is not None else None
            if wait or seconds != stored:
                changed.append(
                    dossier_model(pk=pk, waited_seconds=wait, processing_seconds=seconds)
                )
        dossier_model.objects.bulk_update(changed, ["waited_seconds", "processing_seconds"])


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0007_waited_seconds_refuse_index"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("workcalendar", "0002_date_message"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]

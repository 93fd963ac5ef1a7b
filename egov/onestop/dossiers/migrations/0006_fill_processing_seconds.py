"""Fill `Dossier.processing_seconds` for the dossiers that already ended.

The value is the one `egov.onestop.dossiers.timeliness.processing_seconds` gives at
the first end event (office seconds from receipt to the end, whole seconds,
nothing subtracted), computed here with today's calendar (the statutory
baseline plus the decisions entered so far), which is also what the report
used for these dossiers until now, so their average does not change.
Batched by primary key: memory stays flat whatever the table's size.
"""

from datetime import datetime

from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from egov.platform.workcalendar.deadlines import OfficeHours, WorkingCalendar

BATCH = 2000


def _seconds(calendar: WorkingCalendar, received: datetime, ended: datetime) -> int:
    # An end before the receipt would be a data error; the column is not
    # negative, and such a dossier has no processing time to speak of.
    return max(
        calendar.working_seconds(received.replace(microsecond=0), ended.replace(microsecond=0)), 0
    )


def fill(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    dossier_model = apps.get_model("dossiers", "Dossier")
    calendar_day = apps.get_model("workcalendar", "CalendarDay")
    calendar = WorkingCalendar(
        overrides={
            day: kind == "working_day"
            for day, kind in calendar_day.objects.values_list("date", "kind")
        },
        office_hours=OfficeHours.parse(settings.OFFICE_HOURS),
    )
    ended = dossier_model.objects.filter(
        received_at__isnull=False, ended_at__isnull=False, processing_seconds__isnull=True
    ).order_by("pk")
    last = 0
    while True:
        batch = list(ended.filter(pk__gt=last).only("pk", "received_at", "ended_at")[:BATCH])
        if not batch:
            return
        for dossier in batch:
            dossier.processing_seconds = _seconds(calendar, dossier.received_at, dossier.ended_at)
        dossier_model.objects.bulk_update(batch, ["processing_seconds"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0005_processing_seconds"),
        ("workcalendar", "0002_date_message"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]

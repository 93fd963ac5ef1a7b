"""Dashboard exports as background jobs (egov/platform/jobs).

Small exports stay synchronous: when the scope holds at most
`REPORTS_EXPORT_SYNC_LIMIT` dossiers received in the period (default 2,000,
a Django setting), the file is built in the request, as before. Larger ones
(a province over a year: hundreds of thousands of dossiers, a PDF of many
pages) would hold a web worker for too long, so the leader's click queues a
`reports.export` job and lands on a page that polls (htmx) until the file is
ready, then offers it for download.

- The job re-checks, when it runs, that the requester may still see the
  unit; a requester who lost access gets no file (the job fails, no retry).
- Files are written under MEDIA_ROOT/reports/exports/ with random names and
  are never served from MEDIA_URL: only `export_file` hands them out, to a
  user who may now see the unit's dashboard (the requester or anyone with
  the same rights over that unit); to anyone else the job does not exist.
- Files are deleted after KEEP_EXPORTS by the daily `reports.prune_exports`.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier
from egov.onestop.procedures.models import Field, Procedure
from egov.onestop.reports.dashboard import TABLE_KEYS, build_dashboard, export_filename
from egov.onestop.reports.errors import ReportError
from egov.onestop.reports.exports import render
from egov.onestop.reports.scope import Period, Scope
from egov.platform.accounts.models import AccountKind, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.jobs.models import Job
from egov.platform.jobs.queue import enqueue
from egov.platform.jobs.registry import GiveUp, daily, task
from egov.platform.organisation.selectors import unit_for_user
from egov.platform.workcalendar.deadlines import WorkingCalendar

EXPORT_TASK = "reports.export"
EXPORT_DIR = "reports/exports"
KEEP_EXPORTS = timedelta(days=7)
SYNC_LIMIT = 2000


@dataclass(frozen=True)
class ExportRequest:
    scope: Scope
    period: Period
    fmt: str  # "xlsx" or "pdf"
    table: str = ""  # one table's key, or "" for all of them


def sync_limit() -> int:
    return int(getattr(settings, "REPORTS_EXPORT_SYNC_LIMIT", SYNC_LIMIT))


def is_large(scope: Scope, period: Period) -> bool:
    """More than the sync limit of dossiers received in the period (one bounded count)."""
    limit = sync_limit()
    received = Dossier.objects.filter(
        scope.dossiers(), received_at__gte=period.start, received_at__lt=period.stop
    ).order_by()
    return received.values("pk")[: limit + 1].count() > limit


def _arguments(actor: User, wanted: ExportRequest, language: str) -> dict[str, Any]:
    scope = wanted.scope
    return {
        "user": actor.pk,
        "unit": scope.unit.pk,
        "subunits": scope.include_subunits,
        "field": scope.field.pk if scope.field else None,
        "procedure": scope.procedure.pk if scope.procedure else None,
        "first": wanted.period.first.isoformat(),
        "last": wanted.period.last.isoformat(),
        "fmt": wanted.fmt,
        "table": wanted.table,
        "language": language,
    }


@transaction.atomic
def request_export(*, actor: User, wanted: ExportRequest, language: str) -> Job:
    """Queue the export of a dashboard the actor may see; a repeated click gets the same job."""
    unit = unit_for_user(actor, wanted.scope.unit.pk)  # NotFound for others
    arguments = _arguments(actor, wanted, language)
    digest = hashlib.sha256(json.dumps(arguments, sort_keys=True).encode()).hexdigest()[:32]
    job = enqueue(EXPORT_TASK, unique_key=f"{EXPORT_TASK}:{digest}", **arguments)
    record_event(
        event_type="reports.export_requested",
        actor=actor,
        target=job,
        unit=unit,
        details={k: v for k, v in arguments.items() if k not in ("user", "language")},
    )
    return job


@task(EXPORT_TASK, max_attempts=3, timeout=timedelta(minutes=30))
def export(
    *,
    user: int,
    unit: int,
    subunits: bool,
    field: int | None,
    procedure: int | None,
    first: str,
    last: str,
    fmt: str,
    table: str,
    language: str,
) -> dict[str, Any]:
    """Build the dashboard's file and store it; the result says where."""
    if fmt not in ("xlsx", "pdf") or (table and table not in TABLE_KEYS):
        raise GiveUp(f"unknown export {fmt!r} {table!r}")
    actor = User.objects.filter(pk=user, is_active=True).first()
    if actor is None:
        raise GiveUp("the requester's account is closed")
    try:
        scope_unit = unit_for_user(actor, unit)
    except DomainError as exc:
        raise GiveUp("the requester may no longer see the unit") from exc
    scope = Scope(
        scope_unit,
        include_subunits=subunits,
        field=Field.objects.filter(pk=field).first() if field else None,
        procedure=Procedure.objects.filter(pk=procedure).first() if procedure else None,
    )
    period = Period(date.fromisoformat(first), date.fromisoformat(last))
    with translation.override(language):
        report = build_dashboard(scope, period, now=timezone.now(), calendar=WorkingCalendar.load())
        tables = [report.table(table)] if table else report.tables
        extra = {} if table else {"chart": report.chart}
        content = render(fmt, tables, report.heading, report.subtitle, **extra)
    filename = export_filename(scope, period) + (f"-{table}" if table else "") + f".{fmt}"
    stored = default_storage.save(
        f"{EXPORT_DIR}/{secrets.token_hex(16)}.{fmt}", ContentFile(content)
    )
    return {"file": stored, "filename": filename, "size": len(content)}


def export_for_user(user: User, job_id: int) -> Job:
    """The export job, if `user` may now see its unit's dashboard; otherwise NotFound."""
    missing = NotFound(ReportError.EXPORT_NOT_FOUND, _("Không tìm thấy báo cáo."))
    job = Job.objects.filter(pk=job_id, task=EXPORT_TASK).first()
    if job is None or user.kind != AccountKind.STAFF:
        raise missing
    unit = job.kwargs.get("unit")
    try:
        unit_for_user(user, int(unit))
    except (DomainError, TypeError, ValueError) as exc:
        raise missing from exc
    return job


def export_content(job: Job) -> tuple[bytes, str, str] | None:
    """(content, format, file name) of a finished export; None once it was pruned."""
    result = job.result if isinstance(job.result, dict) else {}
    stored = str(result.get("file", ""))
    if not stored.startswith(f"{EXPORT_DIR}/") or not default_storage.exists(stored):
        return None
    with default_storage.open(stored, "rb") as handle:
        content = handle.read()
    return content, str(job.kwargs["fmt"]), str(result.get("filename", ""))


@task("reports.prune_exports", schedule=daily(time(2, 30)))
def prune_exports() -> str:
    """Delete export files older than KEEP_EXPORTS."""
    if not default_storage.exists(EXPORT_DIR):
        return "deleted 0"
    cutoff = timezone.now() - KEEP_EXPORTS
    _dirs, files = default_storage.listdir(EXPORT_DIR)
    deleted = 0
    for name in sorted(files):
        path = f"{EXPORT_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            deleted += 1
    return f"deleted {deleted}"

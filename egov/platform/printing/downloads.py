"""A report's figures as a file, with the audit event of who took which unit's figures.

The statistics pages of several domains (the document office, the citizens'
voice) offer their tables as XLSX and PDF: each download is recorded in the
same transaction-safe way before the file is made, with the format and the
period, and answered with the same headers (a PDF opens in the browser, a
workbook is saved).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.http import HttpResponse

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.organisation.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def audited_download(
    *,
    event_type: str,
    actor: User,
    scope: Unit,
    date_from: date,
    date_to: date,
    filename: str,
    fmt: str,
    make: Callable[[], bytes],
) -> HttpResponse:
    """`make()`'s file as `filename`.pdf or .xlsx, after auditing the download."""
    with transaction.atomic(durable=True):
        record_event(
            event_type=event_type,
            actor=actor,
            target=scope,
            unit=scope,
            details={"format": fmt, "from": date_from.isoformat(), "to": date_to.isoformat()},
        )
    if fmt == "pdf":
        response = HttpResponse(make(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    else:
        response = HttpResponse(make(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

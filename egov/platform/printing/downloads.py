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
from typing import Protocol, TypeVar

from django.db import transaction
from django.http import HttpResponse

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.organisation.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Report(Protocol):
    """What a download needs of a report: whose figures, which period, the file's name."""

    @property
    def scope(self) -> Unit: ...

    @property
    def date_from(self) -> date: ...

    @property
    def date_to(self) -> date: ...

    @property
    def filename(self) -> str: ...


R = TypeVar("R", bound=Report)


def audited_download(
    *,
    event_type: str,
    actor: User,
    report: R,
    fmt: str,
    pdf: Callable[[R], bytes],
    xlsx: Callable[[R], bytes],
) -> HttpResponse:
    """The report as PDF (`fmt` "pdf") or XLSX, after auditing the download."""
    with transaction.atomic(durable=True):
        record_event(
            event_type=event_type,
            actor=actor,
            target=report.scope,
            unit=report.scope,
            details={
                "format": fmt,
                "from": report.date_from.isoformat(),
                "to": report.date_to.isoformat(),
            },
        )
    if fmt == "pdf":
        response = HttpResponse(pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{report.filename}.pdf"'
    else:
        response = HttpResponse(xlsx(report), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{report.filename}.xlsx"'
    return response

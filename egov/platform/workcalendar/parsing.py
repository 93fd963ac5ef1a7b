"""Reading a start moment and a duration typed by people or sent by clients.

Shared by the API endpoint and the web calculator so both accept and refuse
the same inputs with the same codes and messages.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from egov.platform.core.errors import InvalidInput
from egov.platform.workcalendar.deadlines import VN_TZ
from egov.platform.workcalendar.errors import CalendarError

# Plain ASCII decimals only: Decimal() alone would also take "1_000", "NaN"
# or non-Latin digits, which no form should send.
_AMOUNT_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def parse_start(value: str) -> datetime:
    text = value.strip()
    if "T" in text and " " in text:
        # An unencoded "+" in a query string arrives as a space: "…T09:00 07:00".
        text = text.replace(" ", "+", 1)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(
            CalendarError.INVALID_START,
            _("Thời điểm bắt đầu không đúng định dạng ISO 8601 (ví dụ 2026-02-13T09:00:00+07:00)."),
        ) from exc
    # A moment without an offset is read as Vietnam time, as people mean it.
    return moment if moment.tzinfo else moment.replace(tzinfo=VN_TZ)


def parse_amount(value: str) -> Decimal:
    text = value.strip()
    if not _AMOUNT_RE.fullmatch(text):
        raise InvalidInput(
            CalendarError.INVALID_DURATION, _("Thời hạn phải là một số (ví dụ 5 hoặc 0.5).")
        )
    return Decimal(text)

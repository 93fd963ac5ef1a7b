"""Dossier codes (mã hồ sơ): `<agency id>-<yymmdd>-<4-digit daily sequence>`.

The pattern is configurable (EGOV_DOSSIER_CODE_PATTERN, str.format fields
`agency`, `date`, `seq`). The sequence is one row per agency and day,
incremented under a row lock, so desks receiving at the same moment never
share a number; on SQLite, IMMEDIATE transactions serialise writers.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.core.errors import InvalidInput
from egov.dossiers.models import DailySequence
from egov.organisation.models import Unit
from egov.organisation.selectors import ancestors


def agency_code_for(unit: Unit) -> str:
    """The unit's agency identifier, or its nearest ancestor's."""
    for candidate in [unit, *reversed(ancestors(unit))]:
        if candidate.agency_code:
            return candidate.agency_code
    raise InvalidInput(
        "unit_without_agency_code",
        _("Đơn vị tiếp nhận chưa có mã định danh nên chưa cấp được mã hồ sơ."),
    )


def _next_number(prefix: str, moment: datetime) -> int:
    day = timezone.localdate(moment)
    if not DailySequence.objects.filter(prefix=prefix, day=day).exists():
        try:
            with transaction.atomic():
                DailySequence.objects.create(prefix=prefix, day=day, last=0)
        except IntegrityError:
            pass  # another desk created today's row first; use theirs
    row = DailySequence.objects.select_for_update().get(prefix=prefix, day=day)
    DailySequence.objects.filter(pk=row.pk).update(last=F("last") + 1)
    return row.last + 1


def next_dossier_code(*, unit: Unit, moment: datetime) -> str:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier codes are allocated inside the receiving transaction")
    agency = agency_code_for(unit)
    number = _next_number(agency, moment)
    return str(
        settings.DOSSIER_CODE_PATTERN.format(
            agency=agency, date=timezone.localtime(moment), seq=number
        )
    )

"""Dossier codes (mã hồ sơ): `<agency id>-<yymmdd>-<4-digit daily sequence>`.

The pattern is configurable (EGOV_DOSSIER_CODE_PATTERN, str.format fields
`agency`, `date`, `seq`). The sequence is one row per agency and day,
incremented under a row lock, so desks receiving at the same moment never
share a number; on SQLite, IMMEDIATE transactions serialise writers.

The increment is one `UPDATE ... RETURNING` (PostgreSQL, SQLite 3.35+): the
UPDATE takes the row lock and returns the number in the same statement, so a
second desk waits for the first one's commit and then reads its number.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import DailySequence
from egov.platform.core.errors import InvalidInput
from egov.platform.organisation.models import Unit
from egov.platform.organisation.selectors import ancestors


def agency_code_for(unit: Unit) -> str:
    """The unit's agency identifier, or its nearest ancestor's."""
    if unit.agency_code:
        return unit.agency_code  # the usual case: no need to read the ancestors
    for candidate in reversed(ancestors(unit)):
        if candidate.agency_code:
            return candidate.agency_code
    raise InvalidInput(
        DossierError.UNIT_WITHOUT_AGENCY_CODE,
        _("Đơn vị tiếp nhận chưa có mã định danh nên chưa cấp được mã hồ sơ."),
    )


def _increment(prefix: str, day: date) -> int | None:
    """Raise the day's last number and return it; None when the day has no row yet."""
    meta = DailySequence._meta
    table = connection.ops.quote_name(meta.db_table)
    last = connection.ops.quote_name(meta.get_field("last").column)
    prefix_column = connection.ops.quote_name(meta.get_field("prefix").column)
    day_column = connection.ops.quote_name(meta.get_field("day").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {last} = {last} + 1 "  # noqa: S608 - quoted names, no input
            f"WHERE {prefix_column} = %s AND {day_column} = %s RETURNING {last}",
            [prefix, connection.ops.adapt_datefield_value(day)],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _next_number(prefix: str, moment: datetime) -> int:
    day = timezone.localdate(moment)
    number = _increment(prefix, day)
    if number is not None:
        return number
    try:
        with transaction.atomic():
            DailySequence.objects.create(prefix=prefix, day=day, last=1)
        return 1
    except IntegrityError:
        pass  # another desk created today's row first: take the next number after theirs
    number = _increment(prefix, day)
    if number is None:  # pragma: no cover - the row exists: the create just failed on it
        raise RuntimeError("daily sequence row vanished")
    return number


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


# Tracking references (mã theo dõi) -------------------------------------------------
#
# The official code above is issued when the desk accepts the dossier
# (Decree 118/2025/NĐ-CP: the receipt, form 01, carries it), from a gapless
# daily sequence: it cannot be given at an online submission the desk may
# still refuse. A citizen who applied online must still be able to follow
# the dossier at once, so registration gives every dossier a tracking
# reference of its own: random (it says nothing of the agency, the day or
# how many dossiers there are), short enough to read out on the phone, in
# characters that cannot be mistaken for one another, with a prefix no
# official code has, so the lookup knows which column to search.

TRACKING_PREFIX = "TD-"
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# 32^10 ≈ 10^15 references: with ten million dossiers a new one meets an
# existing reference about once in a hundred million submissions (the unique
# constraint still refuses it); eight characters would make that one in
# a hundred thousand.
TRACKING_LENGTH = 10


def new_tracking_reference() -> str:
    return TRACKING_PREFIX + "".join(
        secrets.choice(TRACKING_ALPHABET) for _i in range(TRACKING_LENGTH)
    )


def is_tracking_reference(value: str) -> bool:
    """Whether `value` (upper case, stripped) has the shape of a tracking reference."""
    body = value.removeprefix(TRACKING_PREFIX)
    return (
        value.startswith(TRACKING_PREFIX)
        and len(body) == TRACKING_LENGTH
        and all(char in TRACKING_ALPHABET for char in body)
    )

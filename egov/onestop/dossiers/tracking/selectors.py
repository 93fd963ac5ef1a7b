"""The public view of a dossier: what anyone holding the receipt may see.

A dossier is found by its code (or, before it has one, by the tracking
reference given at registration: codes.py) plus a proof: the 6-character secret printed
on the receipt, or the applicant's phone number. A wrong proof and an
unknown code give the same answer (None), after the same single query and a
constant-time comparison, so a code cannot be confirmed by guessing.

`PublicDossier` holds only fields safe to publish (Decree 13/2023/NĐ-CP):
the applicant's name masked, no identity number, phone, address or e-mail,
no officers' names, no notes (they may quote personal data) — units only.

Queries: none for an empty code; one for a miss or a wrong proof (the dossier
with the names of its relations and its first apology); for a hit, one on
PostgreSQL (the hand-overs with their steps and units come along as a JSON
array) and two on SQLite (then the hand-overs).

The lookup is the busiest public page, so both queries are plain SQL read
into tuples: the ORM spent ten times more CPU compiling them (default
orderings, four `select_related` joins, the apology subquery) and building
model instances than the database spent answering (docs/performance.md).
The SQL is standard (correlated scalar subqueries, `ORDER BY ... LIMIT 1`)
and runs unchanged on SQLite and PostgreSQL.

`answers.track` counts the lookup and puts the shared cache in front: the
API and the pages use it; `public_view` always reads the database.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language

from egov.onestop.dossiers.codes import is_tracking_reference
from egov.onestop.dossiers.models import DossierStatus, Timeliness
from egov.onestop.dossiers.tracking.masking import mask_name, normalise_phone

# After these the dossier sits at no step: do not show a "current step".
_NO_CURRENT_STEP = frozenset(
    {
        DossierStatus.NOT_ACCEPTED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RETURNED,
    }
)
# Compared against when the code is unknown, so both paths do the same work.
_DUMMY = b"\x00" * 16

# The names come from scalar subqueries on primary keys rather than joins:
# the planner has no join order to search (on PostgreSQL that planning was
# the larger part of the database's work for this query, 0.5 ms against
# 0.17 ms) and every lookup stays an index probe whatever the statistics.
# The code is unique, so no ORDER BY. The first apology (form 04) holds the
# appointment printed on the receipt.
_DOSSIER_SQL = """
SELECT d.id, d.tracking_secret, d.applicant_phone, d.applicant_name, d.status,
       d.received_at, d.appointment_at, d.ended_at, d.timeliness,
       (SELECT p.name FROM procedures_procedure p WHERE p.id = d.procedure_id),
       (SELECT u.name FROM organisation_unit u WHERE u.id = d.receiving_unit_id),
       (SELECT s.name FROM procedures_processstep s WHERE s.id = d.current_step_id),
       (SELECT u.name FROM organisation_unit u WHERE u.id = d.current_unit_id),
       (SELECT a.previous_appointment_at FROM dossiers_apology a
         WHERE a.dossier_id = d.id ORDER BY a.issued_at, a.id LIMIT 1),
       d.code,
       (SELECT c.status FROM signatures_signaturecheck c
         WHERE c.purpose = 'onestop.result' AND c.object_pk = d.id)
FROM dossiers_dossier d
WHERE d.code = %s
"""
# A tracking reference (codes.py: issued at registration, before the code)
# is looked up the same way, on its own unique column.
_BY_REFERENCE = ("WHERE d.code = %s", "WHERE d.tracking_reference = %s")
# On PostgreSQL the hand-overs come with the dossier, as one JSON array in
# the same statement: a found answer costs one round trip instead of two
# (the lookup is the busiest public request, docs/performance.md).
_DOSSIER_WITH_HISTORY_SQL = _DOSSIER_SQL.replace(
    "\nFROM dossiers_dossier d",
    """,
       (SELECT json_agg(json_build_array(h.at, h.timeliness, s.name, u.name)
                        ORDER BY h.at, h.id)
          FROM dossiers_handover h
          LEFT JOIN procedures_processstep s ON s.id = h.to_step_id
          LEFT JOIN organisation_unit u ON u.id = h.to_unit_id
         WHERE h.dossier_id = d.id)
FROM dossiers_dossier d""",
)
# The process control slip (form 06) in the order it was written.
_HISTORY_SQL = """
SELECT h.at, h.timeliness,
       (SELECT s.name FROM procedures_processstep s WHERE s.id = h.to_step_id),
       (SELECT u.name FROM organisation_unit u WHERE u.id = h.to_unit_id)
FROM dossiers_handover h
WHERE h.dossier_id = %s
ORDER BY h.at, h.id
"""


@dataclass(frozen=True)
class PublicStep:
    """One step the dossier went through, from the process control slip."""

    name: str
    unit: str
    started_at: datetime
    finished_at: datetime | None
    # "" while the step is open, and for the return step (the citizen's time).
    timeliness: str
    timeliness_label: str


@dataclass(frozen=True)
class PublicDossier:
    code: str
    procedure: str
    receiving_unit: str
    applicant: str
    status: int
    status_label: str
    current_step: str | None
    current_unit: str | None
    received_at: datetime | None
    # The appointment on the receipt; if an apology (form 04) moved it, the
    # date it now promises is `new_appointment_at`.
    appointment_at: datetime | None
    new_appointment_at: datetime | None
    ended_at: datetime | None
    timeliness: str
    timeliness_label: str
    history: tuple[PublicStep, ...]
    # The result file's signature check (signatures.CheckStatus: "valid",
    # "valid_with_warnings", "invalid", ...); "" when no signed result.
    result_signature: str = ""

    @property
    def result_genuine(self) -> bool:
        return self.result_signature in ("valid", "valid_with_warnings")


@lru_cache(maxsize=64)
def _translated(language: str | None, choice: DossierStatus | Timeliness) -> str:
    # A handful of labels per language, translated once per process instead
    # of through gettext for every row; `language` is the active one, which
    # `str()` of the lazy label uses.
    return str(choice.label)


def _label(timeliness: str) -> str:
    return _translated(get_language(), Timeliness(timeliness)) if timeliness else ""


def _aware(value: datetime | str) -> datetime:
    """A datetime column as the ORM would return it.

    PostgreSQL hands back aware datetimes already. SQLite stores them as text
    in the connection's time zone (UTC) without an offset; the driver parses
    columns read straight from a table, but not a subquery's result.
    """
    parsed = parse_datetime(value) if isinstance(value, str) else value
    if parsed is None:
        raise ValueError(f"not a datetime: {value!r}")
    if timezone.is_naive(parsed):
        return timezone.make_aware(parsed, connection.timezone)
    return parsed


def _maybe_aware(value: datetime | str | None) -> datetime | None:
    return None if value is None else _aware(value)


def _proof_matches(found: tuple[str, str] | None, secret: str | None, phone: str | None) -> bool:
    """The secret if one was given, else the phone; compared in constant time.

    `found` is the dossier's (tracking secret, phone on file), None if the
    code is unknown.
    """
    if secret:
        given = secret.strip().upper().encode()
        expected = found[0].encode() if found is not None else _DUMMY
    elif phone:
        given = normalise_phone(phone).encode()
        stored = normalise_phone(found[1]) if found is not None else ""
        expected = stored.encode() if stored else _DUMMY
    else:
        return False
    return hmac.compare_digest(given, expected) and found is not None and bool(given)


def _history(handovers: Sequence[Sequence[Any]]) -> tuple[PublicStep, ...]:
    """The steps from the hand-overs (at, timeliness, step name, unit name) in order."""
    # Each hand-over that enters a step opens a row; the next one closes it
    # and carries the judgement of the step it left.
    steps: list[PublicStep] = []
    last = len(handovers) - 1
    for index, (at, _timeliness, step, unit) in enumerate(handovers):
        if step is None:
            continue
        after = handovers[index + 1] if index < last else None
        timeliness: str = after[1] if after is not None else ""
        steps.append(
            PublicStep(
                name=step,
                unit=unit or "",
                started_at=_aware(at),
                finished_at=_aware(after[0]) if after is not None else None,
                timeliness=timeliness,
                timeliness_label=_label(timeliness),
            )
        )
    return tuple(steps)


def public_view(
    code: str, secret: str | None = None, phone: str | None = None
) -> PublicDossier | None:
    # Codes are issued in upper case (agency code "…H53"); people type them any way.
    code = code.strip().upper()
    one_statement = connection.vendor == "postgresql"
    row = _dossier_row(code, one_statement)
    proof = (row[1], row[2]) if row is not None else None
    if not _proof_matches(proof, secret, phone) or row is None:
        return None
    dossier = _DossierRow._make(row[: len(_DossierRow._fields)])
    # On PostgreSQL the hand-overs came along, as the JSON array in the last column.
    handovers = (row[-1] or []) if one_statement else _handovers(dossier.id)
    return _public_dossier(code, dossier, _history(handovers))


def _dossier_row(code: str, one_statement: bool) -> Sequence[Any] | None:
    """The dossier's columns (_DOSSIER_SQL), and its hand-overs if `one_statement`."""
    # No code holds a NUL, and PostgreSQL refuses one in a query parameter
    # (which answered 500): such a code is simply unknown.
    if not code or "\x00" in code:
        return None
    sql = _DOSSIER_WITH_HISTORY_SQL if one_statement else _DOSSIER_SQL
    if is_tracking_reference(code):
        sql = sql.replace(*_BY_REFERENCE)
    with connection.cursor() as cursor:
        cursor.execute(sql, [code])
        row: Sequence[Any] | None = cursor.fetchone()
    return row


def _handovers(dossier_id: int) -> list[Sequence[Any]]:
    with connection.cursor() as cursor:
        cursor.execute(_HISTORY_SQL, [dossier_id])
        return list(cursor.fetchall())


class _DossierRow(NamedTuple):
    """The columns of _DOSSIER_SQL, in its order; datetimes as the driver gives them."""

    id: int
    tracking_secret: str
    applicant_phone: str
    applicant_name: str
    status: int
    received_at: datetime | str | None
    appointment_at: datetime | str | None
    ended_at: datetime | str | None
    timeliness: str
    procedure: str
    receiving_unit: str
    current_step: str | None
    current_unit: str | None
    # The appointment the first apology (form 04) moved, if there is one.
    first_promise: datetime | str | None
    # The official code, once the desk accepted the dossier.
    code: str | None
    # The validation of the result's signatures (signatures.CheckStatus), if signed here.
    result_check: str | None


def _public_dossier(code: str, row: _DossierRow, history: tuple[PublicStep, ...]) -> PublicDossier:
    status = DossierStatus(row.status)
    show_step = row.current_step is not None and status not in _NO_CURRENT_STEP
    first_promise = _maybe_aware(row.first_promise)
    appointment = _maybe_aware(row.appointment_at)
    return PublicDossier(
        # Found by its tracking reference: the official code once it has one.
        code=row.code or code,
        procedure=row.procedure,
        receiving_unit=row.receiving_unit,
        applicant=mask_name(row.applicant_name),
        status=int(status),
        status_label=_translated(get_language(), status),
        current_step=row.current_step if show_step else None,
        current_unit=row.current_unit if show_step and row.current_unit is not None else None,
        received_at=_maybe_aware(row.received_at),
        appointment_at=first_promise or appointment,
        new_appointment_at=appointment if first_promise is not None else None,
        ended_at=_maybe_aware(row.ended_at),
        timeliness=row.timeliness,
        timeliness_label=_label(row.timeliness),
        history=history,
        result_signature=row.result_check or "",
    )

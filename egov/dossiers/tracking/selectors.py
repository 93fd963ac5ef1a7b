"""The public view of a dossier: what anyone holding the receipt may see.

A dossier is found by its code plus a proof: the 6-character secret printed
on the receipt, or the applicant's phone number. A wrong proof and an
unknown code give the same answer (None), after the same single query and a
constant-time comparison, so a code cannot be confirmed by guessing.

`PublicDossier` holds only fields safe to publish (Decree 13/2023/NĐ-CP):
the applicant's name masked, no identity number, phone, address or e-mail,
no officers' names, no notes (they may quote personal data) — units only.

Queries: one for a miss, two for a hit (the dossier with its relations and
first apology, then its hand-overs with their steps and units).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery

from egov.dossiers.models import Apology, Dossier, DossierStatus, Handover, Timeliness
from egov.dossiers.tracking.masking import mask_name, normalise_phone

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


def _label(timeliness: str) -> str:
    return str(Timeliness(timeliness).label) if timeliness else ""


def _proof_matches(dossier: Dossier | None, secret: str | None, phone: str | None) -> bool:
    """The secret if one was given, else the phone; compared in constant time."""
    if secret:
        given = secret.strip().upper().encode()
        expected = dossier.tracking_secret.encode() if dossier is not None else _DUMMY
    elif phone:
        given = normalise_phone(phone).encode()
        stored = normalise_phone(dossier.applicant_phone) if dossier is not None else ""
        expected = stored.encode() if stored else _DUMMY
    else:
        return False
    return hmac.compare_digest(given, expected) and dossier is not None and bool(given)


def _history(dossier: Dossier) -> tuple[PublicStep, ...]:
    handovers = list(
        Handover.objects.filter(dossier=dossier)
        .select_related("to_step", "to_unit")
        .order_by("at", "pk")
    )
    # Each hand-over that enters a step opens a row; the next one closes it
    # and carries the judgement of the step it left.
    steps: list[PublicStep] = []
    for index, handover in enumerate(handovers):
        if handover.to_step is None:
            continue
        after = handovers[index + 1] if index + 1 < len(handovers) else None
        timeliness = after.timeliness if after is not None else ""
        steps.append(
            PublicStep(
                name=handover.to_step.name,
                unit=handover.to_unit.name if handover.to_unit is not None else "",
                started_at=handover.at,
                finished_at=after.at if after is not None else None,
                timeliness=timeliness,
                timeliness_label=_label(timeliness),
            )
        )
    return tuple(steps)


def public_view(
    code: str, secret: str | None = None, phone: str | None = None
) -> PublicDossier | None:
    code = code.strip()
    first_apology = Apology.objects.filter(dossier=OuterRef("pk")).order_by("issued_at", "pk")
    # The code is unique: no ordering (`.first()` would add the model's
    # default ORDER BY, a fifth of a lookup's CPU under load, docs/performance.md).
    found = (
        list(
            Dossier.objects.select_related(
                "procedure", "receiving_unit", "current_step", "current_unit"
            )
            .annotate(first_promise=Subquery(first_apology.values("previous_appointment_at")[:1]))
            .filter(code=code)
            .order_by()[:1]
        )
        if code
        else []
    )
    dossier = found[0] if found else None
    if not _proof_matches(dossier, secret, phone) or dossier is None:
        return None
    status = DossierStatus(dossier.status)
    show_step = dossier.current_step is not None and status not in _NO_CURRENT_STEP
    first_promise: datetime | None = dossier.first_promise
    return PublicDossier(
        code=code,
        procedure=dossier.procedure.name,
        receiving_unit=dossier.receiving_unit.name,
        applicant=mask_name(dossier.applicant_name),
        status=int(status),
        status_label=str(status.label),
        current_step=dossier.current_step.name if show_step and dossier.current_step else None,
        current_unit=dossier.current_unit.name if show_step and dossier.current_unit else None,
        received_at=dossier.received_at,
        appointment_at=first_promise or dossier.appointment_at,
        new_appointment_at=dossier.appointment_at if first_promise is not None else None,
        ended_at=dossier.ended_at,
        timeliness=dossier.timeliness,
        timeliness_label=_label(dossier.timeliness),
        history=_history(dossier),
    )

"""The events the one-stop desk publishes (see egov/platform/core/events.py).

The dossier services publish them from `audit()`, in the changing
transaction, right after the audit row. Who listens (registered in their
AppConfig.ready()):

- `DossierChanged`: the national-portal sync queues the dossier's new state
  (egov/onestop/portalsync/subscribers.py, in the transaction); the public
  tracking answers of the dossier are retired (egov/onestop/dossiers/tracking,
  after commit); the statistics rollups apply the dossier's change to their
  counters (egov/onestop/reports/rollups/maintain.py, in the transaction).
- `DossierStatusChanged`: the applicant is told (egov/onestop/dossiers/notices.py,
  in the transaction: the notification and its e-mail are queued with the
  change, the worker sends the e-mail); the citizen's side keeps the result
  in the personal store and closes withdrawal requests
  (egov/onestop/portal/subscribers.py, in the transaction).
- `DossierFiguresChanged` (published by the payments when a payment is paid,
  by the portal when the applicant rates the dossier, and by the national
  sync when a dossier's row is marked sent, portalsync/sender.py): the statistics
  rollups recount what the dossier adds (egov/onestop/reports/rollups/maintain.py,
  in the transaction). Voice's complaints come as the platform's
  `ComplaintsChanged` (egov/platform/organisation/indicators.py).
- `ProcessSaved` (published by `save_process`): the quality procedure of the
  procedure and agency gets its next edition proposed as a draft
  (egov/onestop/quality/subscribers.py, in the transaction).
- `ProcedureChanged` (published by `update_procedure`, `set_council_fee` and
  the procedure's admin page): every quality procedure of that procedure gets
  its next edition proposed, as the catalogue entry (documents, fees, time)
  is part of its text (egov/onestop/quality/subscribers.py, in the transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from egov.onestop.dossiers.models import Dossier
    from egov.onestop.procedures.models import Procedure, Process
    from egov.platform.accounts.models import User


class DossierEvent(StrEnum):
    """Every change the dossier services make; the audit row is `dossiers.<value>`."""

    REGISTERED = "registered"  # recorded before the check (status 1)
    ACCEPTED = "accepted"  # received: code, appointment (status 2)
    SUPPLEMENT_REQUESTED = "supplement_requested"  # the citizen must add papers (status 5)
    SUPPLEMENT_RECEIVED = "supplement_received"  # the clock runs again
    REFUSED_AT_RECEPTION = "refused_at_reception"  # not accepted (status 3)
    SCAN_ATTACHED = "scan_attached"  # a received paper scanned afterwards
    CLAIMED = "claimed"  # an officer takes the step
    ASSIGNED = "assigned"  # a supervisor gives the step to an officer
    # Hand-overs in the internal process (the step action's own name).
    FORWARD = "forward"  # to the next step
    APPROVE = "approve"  # the leader approves: to the final step
    RETURN = "return"  # sent back to an earlier step
    REFUSED = "refused"  # refused by the agency (status 8)
    CONSULTED = "consulted"  # another unit asked for its opinion
    CONSULTATION_ANSWERED = "consultation_answered"
    PAYMENT_REQUESTED = "payment_requested"  # fees or taxes due (status 6)
    PAYMENT_CONFIRMED = "payment_confirmed"  # paid: the clock runs again
    RESULT_RECORDED = "result_recorded"  # the signed result is ready (status 9)
    RETURNED = "returned"  # the result handed over (status 10)
    APOLOGY_ISSUED = "apology_issued"  # late: form 04 and a new appointment
    WITHDRAWN = "withdrawn"  # at the citizen's request (status 7)
    STOPPED = "stopped"  # processing stopped (status 8)


@dataclass(frozen=True)
class DossierChanged:
    """A dossier changed; its audit row is written (`audit_event_id`)."""

    dossier: Dossier
    event: DossierEvent
    actor: User | None
    audit_event_id: int


@dataclass(frozen=True)
class DossierStatusChanged:
    """A change moved the dossier to another status (published after `DossierChanged`).

    `previous_status`: None when the dossier was just created (registered).
    `audit_event_id` tells one change from the next (a dossier may reach the
    same status twice).
    """

    dossier: Dossier
    event: DossierEvent
    previous_status: int | None
    audit_event_id: int


@dataclass(frozen=True)
class DossierFiguresChanged:
    """A row about the dossier that its statistics count changed outside the
    dossier services (a payment paid, a rating given, a synchronisation row
    sent); `cause` names it."""

    dossier_id: int
    cause: str


@dataclass(frozen=True)
class ProcessSaved:
    """An agency's internal process was created or changed (its audit row is written)."""

    process: Process
    actor: User | None


@dataclass(frozen=True)
class ProcedureChanged:
    """A procedure's catalogue entry (documents, fees, time) changed; its audit row is written."""

    procedure: Procedure
    actor: User | None

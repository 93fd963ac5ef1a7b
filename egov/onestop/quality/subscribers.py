"""What the quality system does when a process or a catalogue entry changes (onestop events).

A quality procedure's text is generated from both (content.py): the internal
process (steps, units, time) and the procedure's catalogue entry (documents,
fees, time, conditions, legal basis). A change of either proposes the next
edition; the same text as the last edition proposes nothing.
"""

from __future__ import annotations

from egov.onestop.events import ProcedureChanged, ProcessSaved
from egov.onestop.procedures.models import Process
from egov.onestop.quality.models import QualityProcedure
from egov.onestop.quality.services import propose_edition
from egov.platform.core.events import Moment, subscribe


def propose_next_edition(saved: ProcessSaved) -> None:
    propose_edition(actor=saved.actor, process=saved.process)


def propose_after_catalogue_change(changed: ProcedureChanged) -> None:
    """Each agency's quality procedure of the changed procedure, in a fixed order (by pk)."""
    agencies = QualityProcedure.objects.filter(procedure=changed.procedure).values("agency")
    processes = (
        Process.objects.filter(procedure=changed.procedure, agency__in=agencies)
        .select_related("procedure", "agency")
        .order_by("pk")
    )
    for process in processes:
        propose_edition(actor=changed.actor, process=process)


def connect() -> None:
    # In the transaction: the draft commits or rolls back with the process.
    subscribe(ProcessSaved, propose_next_edition, moment=Moment.IN_TRANSACTION)
    subscribe(ProcedureChanged, propose_after_catalogue_change, moment=Moment.IN_TRANSACTION)

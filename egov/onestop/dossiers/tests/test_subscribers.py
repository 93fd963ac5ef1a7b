"""Who listens to the one-stop desk's events (egov/onestop/events.py), in order."""

from __future__ import annotations

from egov.onestop.dossiers.notices import tell_applicant
from egov.onestop.dossiers.subscribers import retire_public_answers
from egov.onestop.events import (
    DossierChanged,
    DossierStatusChanged,
    ProcedureChanged,
    ProcessSaved,
)
from egov.onestop.portal.subscribers import follow_status
from egov.onestop.portalsync.subscribers import queue_change
from egov.onestop.quality.subscribers import (
    propose_after_catalogue_change,
    propose_next_edition,
)
from egov.onestop.reports.rollups.maintain import on_dossier_changed
from egov.platform.core.events import subscribers


def test_the_one_stop_desk_listeners_are_subscribed_when_the_apps_are_ready() -> None:
    assert subscribers(DossierChanged) == [
        retire_public_answers,
        # portalsync comes before reports (INSTALLED_APPS): the sync row is
        # queued before the rollups read it for the synchronised indicator.
        queue_change,
        on_dossier_changed,
    ]
    assert subscribers(DossierStatusChanged) == [tell_applicant, follow_status]
    assert subscribers(ProcessSaved) == [propose_next_edition]
    assert subscribers(ProcedureChanged) == [propose_after_catalogue_change]

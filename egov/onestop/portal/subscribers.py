"""The citizen's side follows the desk's changes (egov/onestop/events.py).

The desk does not know the citizen's side: it publishes its status changes,
and these handlers keep the personal store and the withdrawal requests in
step, in the same transaction (a result stored for a change that rolled
back would be a result the citizen should not have).
"""

from __future__ import annotations

from egov.onestop.dossiers.models import DossierStatus
from egov.onestop.events import DossierStatusChanged
from egov.onestop.portal.services import close_withdrawal_requests, store_result
from egov.platform.core.events import Moment, subscribe


def follow_status(changed: DossierStatusChanged) -> None:
    dossier = changed.dossier
    if not dossier.applicant_user_id:
        return  # a desk applicant without an account: no citizen's side
    if dossier.status in (DossierStatus.FINISHED, DossierStatus.RETURNED):
        store_result(dossier)
    elif dossier.status == DossierStatus.WITHDRAWN:
        close_withdrawal_requests(dossier)


def connect() -> None:
    subscribe(DossierStatusChanged, follow_status, moment=Moment.IN_TRANSACTION)

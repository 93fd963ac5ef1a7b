"""The dossiers app's own listeners of its events (egov/onestop/events.py)."""

from __future__ import annotations

from egov.onestop.dossiers import notices
from egov.onestop.dossiers.tracking import answers
from egov.onestop.events import DossierChanged
from egov.platform.core.events import Moment, subscribe


def retire_public_answers(changed: DossierChanged) -> None:
    # Marks the cached answers for retirement once the change commits
    # (answers.py explains why it must be after the commit).
    answers.forget_public_answers(changed.dossier.code, changed.dossier.tracking_reference)


def connect() -> None:
    subscribe(DossierChanged, retire_public_answers, moment=Moment.IN_TRANSACTION)
    notices.connect()

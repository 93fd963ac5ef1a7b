"""Logging who read a dossier's personal data (Decree 13/2023/NĐ-CP art. 27).

A page that shows an applicant's identity number, address or phone to staff
records the read in the audit trail, like a change.
"""

from __future__ import annotations

from django.db import transaction

from egov.onestop.dossiers.models import Dossier
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event


@transaction.atomic
def log_personal_data_read(*, actor: User, dossier: Dossier, where: str) -> None:
    # A read changes nothing: no event is published (nothing to sync or tell).
    record_event(
        event_type="dossiers.personal_data_read",
        actor=actor,
        target=dossier,
        unit=dossier.current_unit or dossier.receiving_unit,
        details={"code": dossier.code, "status": int(dossier.status), "where": where},
    )

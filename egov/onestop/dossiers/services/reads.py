"""Logging who read a dossier's personal data (Decree 13/2023/NĐ-CP art. 27).

A page that shows an applicant's identity number, address or phone to staff
records the read in the audit trail, like a change.
"""

from __future__ import annotations

from django.db import transaction

from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.services.common import audit
from egov.platform.accounts.models import User


@transaction.atomic
def log_personal_data_read(*, actor: User, dossier: Dossier, where: str) -> None:
    audit(dossier, actor, "personal_data_read", where=where)

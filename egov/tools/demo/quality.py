"""The demo's quality procedures (issue 19).

Every demo process proposed edition 1 of its quality procedure when it was
saved; here Phường Long An's leader approves the commune's, so the demo shows
editions in force beside drafts waiting for the other agencies' leaders.
"""

from __future__ import annotations

from egov.onestop.quality.models import Edition, EditionStatus
from egov.onestop.quality.services import approve_edition
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit


def load_demo_quality(commune: Unit, leader: User) -> int:
    drafts = Edition.objects.filter(
        document__agency=commune, status=EditionStatus.DRAFT
    ).select_related("document__agency")
    count = 0
    for edition in drafts.order_by("document__code"):
        approve_edition(actor=leader, edition=edition)
        count += 1
    return count

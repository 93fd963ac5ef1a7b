"""Which status may follow which, for audits and nonconformities (issue 19, item 3).

Every status change of either goes through `move_audit` or `move_nonconformity`,
which refuse the others. A nonconformity closes only through an effectiveness
check (TCVN ISO 9001:2015, clause 10.2.1 d); a check that finds the action did
not work sends it back to the owner.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from egov.onestop.quality.audits.models import (
    Audit,
    AuditStatus,
    Nonconformity,
    NonconformityStatus,
)
from egov.onestop.quality.errors import QualityError
from egov.platform.core.errors import Conflict

A = AuditStatus
N = NonconformityStatus

AUDIT_ALLOWED: dict[str, frozenset[str]] = {
    A.PLANNED: frozenset({A.COMPLETED}),
    # Final: its checklist and findings are the record of the audit.
    A.COMPLETED: frozenset(),
}

NONCONFORMITY_ALLOWED: dict[str, frozenset[str]] = {
    # The cause and the action are decided (and may be decided again).
    N.OPEN: frozenset({N.ACTION_PLANNED}),
    N.ACTION_PLANNED: frozenset({N.ACTION_PLANNED, N.ACTION_DONE}),
    # The check: effective closes it, not effective sends it back.
    N.ACTION_DONE: frozenset({N.CLOSED, N.ACTION_PLANNED}),
    # Final.
    N.CLOSED: frozenset(),
}

# Waiting for the owner: the due date counts (the reminders look at these).
WAITING_FOR_OWNER = frozenset({N.ACTION_PLANNED})
OPEN_STATUSES = frozenset({N.OPEN, N.ACTION_PLANNED, N.ACTION_DONE})


def move_audit(audit: Audit, target: AuditStatus) -> None:
    if target not in AUDIT_ALLOWED[audit.status]:
        raise Conflict(
            QualityError.TRANSITION_NOT_ALLOWED,
            _(
                "Cuộc đánh giá đang ở trạng thái «%(current)s» "
                "nên không thể chuyển sang «%(target)s»."
            )
            % {"current": AuditStatus(audit.status).label, "target": target.label},
        )
    audit.status = target


def move_nonconformity(nonconformity: Nonconformity, target: NonconformityStatus) -> None:
    if target not in NONCONFORMITY_ALLOWED[nonconformity.status]:
        raise Conflict(
            QualityError.TRANSITION_NOT_ALLOWED,
            _(
                "Sự không phù hợp đang ở trạng thái «%(current)s» "
                "nên không thể chuyển sang «%(target)s»."
            )
            % {"current": NonconformityStatus(nonconformity.status).label, "target": target.label},
        )
    nonconformity.status = target

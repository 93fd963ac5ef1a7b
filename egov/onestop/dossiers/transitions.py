"""Which status may follow which: the national portal's ten statuses.

Every status change goes through `move`, which refuses the others.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.platform.core.errors import Conflict

S = DossierStatus

ALLOWED: dict[int, frozenset[int]] = {
    # Reception checks a registered dossier: accept, ask for more, or refuse.
    S.NEW: frozenset({S.ACCEPTED, S.NOT_ACCEPTED, S.SUPPLEMENT, S.WITHDRAWN}),
    # Accepted, at the first step: processing starts with the first hand-over.
    S.ACCEPTED: frozenset({S.PROCESSING, S.SUPPLEMENT, S.FINANCIAL, S.WITHDRAWN, S.STOPPED}),
    S.PROCESSING: frozenset(
        {S.PROCESSING, S.SUPPLEMENT, S.FINANCIAL, S.WITHDRAWN, S.STOPPED, S.FINISHED}
    ),
    # Waiting for the citizen: back to where it was (or to reception if the
    # supplement was asked for before acceptance), or ended.
    S.SUPPLEMENT: frozenset({S.NEW, S.ACCEPTED, S.PROCESSING, S.WITHDRAWN, S.STOPPED}),
    S.FINANCIAL: frozenset({S.ACCEPTED, S.PROCESSING, S.WITHDRAWN, S.STOPPED}),
    S.FINISHED: frozenset({S.RETURNED}),
    # Final statuses.
    S.NOT_ACCEPTED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.STOPPED: frozenset(),
    S.RETURNED: frozenset(),
}

# Not ended: the agency or the citizen still has something to do.
OPEN_STATUSES = frozenset({S.NEW, S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT, S.FINANCIAL})
# Open with the deadline counting down: accepted and not paused. A new dossier
# has no appointment yet (it is set at acceptance); while the citizen supplements
# or pays the clock stands still and the appointment moves on when it restarts
# (services/pauses.py), so a reminder then would name the wrong date.
CLOCK_RUNNING_STATUSES = frozenset({S.ACCEPTED, S.PROCESSING})
END_STATUSES = frozenset({S.NOT_ACCEPTED, S.WITHDRAWN, S.STOPPED, S.FINISHED, S.RETURNED})


def check(dossier: Dossier, target: DossierStatus) -> None:
    if target not in ALLOWED[dossier.status]:
        raise Conflict(
            DossierError.TRANSITION_NOT_ALLOWED,
            _("Hồ sơ đang ở trạng thái «%(current)s» nên không thể chuyển sang «%(target)s».")
            % {"current": DossierStatus(dossier.status).label, "target": target.label},
        )


def move(dossier: Dossier, target: DossierStatus) -> None:
    check(dossier, target)
    dossier.status = target

"""Every action refuses a form that showed an older step (issue 16, item 7).

The officer's page carries the step it showed; an action on a dossier that
moved on since is refused with `dossier_changed` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, Handover, ReturnMethod
from egov.onestop.dossiers.services import (
    confirm_payment,
    consult,
    issue_apology,
    move_on,
    receive_supplement,
    return_result,
    stop_processing,
    withdraw,
)
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict

VN = ZoneInfo("Asia/Ho_Chi_Minh")

Action = Callable[[Desk, Cast, Dossier, int], object]

ACTIONS: dict[str, Action] = {
    "withdraw": lambda desk, cast, d, step: withdraw(
        actor=cast.reception, dossier=d, reason="Công dân xin rút.", expected_step=step
    ),
    "stop": lambda desk, cast, d, step: stop_processing(
        actor=desk.commune_leader, dossier=d, reason="Tranh chấp.", expected_step=step
    ),
    "return-result": lambda desk, cast, d, step: return_result(
        actor=cast.reception,
        dossier=d,
        method=ReturnMethod.DESK,
        collected_by="Nguyễn Văn An",
        expected_step=step,
    ),
    "apology": lambda desk, cast, d, step: issue_apology(
        actor=cast.specialist,
        dossier=d,
        reason="Cần xác minh thêm.",
        new_appointment=datetime(2030, 1, 2, 8, 0, tzinfo=VN),
        expected_step=step,
    ),
    "consult": lambda desk, cast, d, step: consult(
        actor=cast.specialist, dossier=d, unit=d.agency, question="Xin ý kiến.", expected_step=step
    ),
    "receive-supplement": lambda desk, cast, d, step: receive_supplement(
        actor=cast.reception, dossier=d, note="Đã bổ sung.", expected_step=step
    ),
    "confirm-payment": lambda desk, cast, d, step: confirm_payment(
        actor=cast.reception, dossier=d, note="Đã nộp.", expected_step=step
    ),
}


def _snapshot(dossier: Dossier) -> tuple[dict[str, object], int, int]:
    row: dict[str, object] = dict(Dossier.objects.filter(pk=dossier.pk).values().get())
    return (
        row,
        Handover.objects.filter(dossier=dossier).count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_stale_expected_step_is_refused_and_nothing_changes(
    name: str, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    step_seen = dossier.current_step_id
    assert step_seen is not None
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    before = _snapshot(dossier)

    with pytest.raises(Conflict) as error:
        ACTIONS[name](desk, cast, dossier, step_seen)

    assert error.value.code == "dossier_changed"
    assert _snapshot(dossier) == before

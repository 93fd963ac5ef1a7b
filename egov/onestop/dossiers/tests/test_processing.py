from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover, ReturnMethod, Timeliness
from egov.onestop.dossiers.services import (
    assign,
    claim,
    issue_apology,
    move_on,
    record_result,
    refuse,
    return_result,
    stop_processing,
    withdraw,
)
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=VN)


def _snapshot(dossier: Dossier) -> tuple[dict[str, object], int, int]:
    row: dict[str, object] = dict(Dossier.objects.filter(pk=dossier.pk).values().get())
    return (
        row,
        Handover.objects.filter(dossier=dossier).count(),
        AuditEvent.objects.count(),
    )


def _through_to_result(desk: Desk, cast: Cast, province: Province, start: datetime) -> Dossier:
    with time_machine.travel(start, tick=False):
        dossier = receive(desk, cast, province)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward", note="Đủ hồ sơ")
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        dossier = claim(actor=cast.specialist, dossier=dossier)
        dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        dossier = move_on(actor=desk.commune_leader, dossier=dossier, action="approve")
    return dossier


def test_whole_path_early(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = _through_to_result(desk, cast, province, MONDAY)

    with time_machine.travel(MONDAY + timedelta(hours=4), tick=False):
        dossier = record_result(
            actor=cast.reception,
            dossier=dossier,
            number="125/2026",
            signed_on=date(2026, 3, 2),
            signer="Trương Công Danh",
        )
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        dossier = return_result(
            actor=cast.reception,
            dossier=dossier,
            method=ReturnMethod.DESK,
            collected_by="Trần Văn An",
        )

    assert dossier.status == DossierStatus.RETURNED
    assert dossier.timeliness == Timeliness.EARLY
    assert dossier.ended_at == MONDAY + timedelta(hours=4)
    assert dossier.returned_at == MONDAY + timedelta(days=1)
    handovers = list(
        Handover.objects.filter(dossier=dossier)
        .order_by("at", "pk")
        .values_list("action", "from_step__name", "to_step__name", "timeliness")
    )
    assert handovers == [
        ("accept", None, "Tiếp nhận hồ sơ", ""),
        ("forward", "Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "on_time"),
        ("forward", "Thẩm định hồ sơ", "Lãnh đạo ký duyệt", "early"),
        ("approve", "Lãnh đạo ký duyệt", "Trả kết quả", "early"),
        ("deliver", "Trả kết quả", None, ""),
    ]


def test_step_late_when_held_past_its_allowance(desk: Desk, cast: Cast, province: Province) -> None:
    with time_machine.travel(MONDAY, tick=False):
        dossier = receive(desk, cast, province)
    # Reception allows 3.75 office hours: 08:00-11:30, then 13:30-13:45.
    with time_machine.travel(MONDAY + timedelta(hours=6), tick=False):
        move_on(actor=cast.reception, dossier=dossier, action="forward")

    handover = Handover.objects.filter(dossier=dossier, action="forward").get()
    assert handover.step_due_at == datetime(2026, 3, 2, 13, 45, tzinfo=VN)
    assert handover.timeliness == Timeliness.LATE


def test_late_result_after_an_apology_still_counts_late(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = _through_to_result(desk, cast, province, MONDAY)
    appointment = Dossier.objects.get(pk=dossier.pk).appointment_at
    assert appointment == datetime(2026, 3, 9, 8, 0, tzinfo=VN)
    with time_machine.travel(datetime(2026, 3, 6, 9, 0, tzinfo=VN), tick=False):
        apology = issue_apology(
            actor=cast.reception,
            dossier=dossier,
            reason="Chờ xác minh thông tin.",
            new_appointment=datetime(2026, 3, 12, 16, 0, tzinfo=VN),
        )
    with time_machine.travel(datetime(2026, 3, 11, 10, 0, tzinfo=VN), tick=False):
        dossier = record_result(
            actor=cast.reception,
            dossier=dossier,
            number="1",
            signed_on=date(2026, 3, 11),
            signer="Trương Công Danh",
        )

    assert apology.previous_appointment_at == datetime(2026, 3, 9, 8, 0, tzinfo=VN)
    assert dossier.appointment_at == datetime(2026, 3, 12, 16, 0, tzinfo=VN)
    assert dossier.timeliness == Timeliness.LATE


def test_on_time_on_the_appointment_day(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = _through_to_result(desk, cast, province, MONDAY)
    with time_machine.travel(datetime(2026, 3, 9, 7, 45, tzinfo=VN), tick=False):
        dossier = record_result(
            actor=cast.reception,
            dossier=dossier,
            number="1",
            signed_on=date(2026, 3, 9),
            signer="Trương Công Danh",
        )

    assert dossier.timeliness == Timeliness.ON_TIME


def test_return_to_an_earlier_step(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    dossier = move_on(actor=cast.specialist, dossier=dossier, action="return", note="Sai tờ khai")

    assert dossier.current_step == desk.reception_step
    assert dossier.status == DossierStatus.PROCESSING


def test_action_the_step_does_not_allow(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)
    before = _snapshot(dossier)

    with pytest.raises(Conflict) as error:
        move_on(actor=cast.reception, dossier=dossier, action="approve")

    assert error.value.code == "action_not_allowed"
    assert error.value.message == "Bước hiện tại không cho phép thao tác «Phê duyệt»."
    assert _snapshot(dossier) == before


def test_result_only_at_the_final_step(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    before = _snapshot(dossier)

    with pytest.raises(Conflict) as error:
        record_result(
            actor=cast.specialist,
            dossier=dossier,
            number="1",
            signed_on=date(2026, 3, 2),
            signer="X",
        )

    assert error.value.code == "not_approved"
    assert _snapshot(dossier) == before


@pytest.mark.parametrize("member", ["outsider", "citizen", "reception", "head"])
def test_others_cannot_forward_from_the_specialist_step(
    desk: Desk, cast: Cast, province: Province, member: str
) -> None:
    dossier = receive(desk, cast, province)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    before = _snapshot(dossier)

    with pytest.raises(PermissionDenied):
        move_on(actor=getattr(cast, member), dossier=dossier, action="forward")

    assert _snapshot(dossier) == before


def test_claimed_dossier_is_not_taken_by_a_colleague(
    desk: Desk, cast: Cast, province: Province
) -> None:
    from egov.conftest import make_staff
    from egov.platform.accounts.models import Role

    colleague = make_staff("chuyenvien2", "Phạm Thị Quỳnh", (province.long_an, Role.SPECIALIST))
    dossier = receive(desk, cast, province)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    claim(actor=cast.specialist, dossier=dossier)
    before = _snapshot(dossier)

    with pytest.raises(Conflict) as taken:
        claim(actor=colleague, dossier=dossier)
    with pytest.raises(PermissionDenied) as moved:
        move_on(actor=colleague, dossier=dossier, action="forward")

    assert taken.value.code == "already_claimed"
    assert moved.value.code == "assigned_to_other"
    assert _snapshot(dossier) == before


def test_head_assigns_a_specialist(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")

    dossier = assign(actor=desk.commune_head, dossier=dossier, assignee=cast.specialist)

    assert dossier.assignee == cast.specialist
    with pytest.raises(PermissionDenied):
        assign(actor=cast.specialist, dossier=dossier, assignee=cast.specialist)
    with pytest.raises(InvalidInput) as error:
        assign(actor=desk.commune_head, dossier=dossier, assignee=cast.reception)
    assert error.value.code == "assignee_not_eligible"


def test_stale_form_gets_a_clear_message(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)
    step_seen = dossier.current_step_id
    move_on(actor=cast.reception, dossier=dossier, action="forward")

    with pytest.raises(Conflict) as error:
        move_on(actor=cast.reception, dossier=dossier, action="forward", expected_step=step_seen)

    assert error.value.code == "dossier_changed"


def test_refuse_withdraw_and_stop_end_the_dossier(
    desk: Desk, cast: Cast, province: Province
) -> None:
    first = move_on(actor=cast.reception, dossier=receive(desk, cast, province), action="forward")
    refused = refuse(actor=cast.specialist, dossier=first, reason="Không đủ điều kiện.")
    withdrawn = withdraw(
        actor=cast.reception, dossier=receive(desk, cast, province), reason="Công dân xin rút."
    )
    stopped = stop_processing(
        actor=desk.commune_leader,
        dossier=receive(desk, cast, province),
        reason="Vụ việc tranh chấp.",
    )

    assert [d.status for d in (refused, withdrawn, stopped)] == [
        DossierStatus.STOPPED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
    ]
    with pytest.raises(Conflict) as error:
        move_on(actor=cast.specialist, dossier=refused, action="forward")
    assert error.value.code == "not_in_processing"
    with pytest.raises(PermissionDenied):
        stop_processing(actor=cast.specialist, dossier=receive(desk, cast, province), reason="x")


def test_result_returned_twice_is_refused(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = _through_to_result(desk, cast, province, MONDAY)
    dossier = record_result(
        actor=cast.reception, dossier=dossier, number="1", signed_on=date(2026, 3, 2), signer="X"
    )
    dossier = return_result(actor=cast.reception, dossier=dossier, method=ReturnMethod.POST)
    before = _snapshot(dossier)

    with pytest.raises(Conflict) as error:
        return_result(actor=cast.reception, dossier=dossier, method=ReturnMethod.POST)

    assert error.value.code == "result_not_ready"
    assert _snapshot(dossier) == before


@pytest.mark.parametrize(
    ("signed_on", "message"),
    [
        (date(2026, 3, 6), "Ngày ký kết quả không được sau ngày hôm nay (05/03/2026)."),
        (date(2026, 3, 1), "Ngày ký kết quả không được trước ngày tiếp nhận hồ sơ (02/03/2026)."),
    ],
)
def test_a_result_signed_tomorrow_or_before_reception_is_refused(
    desk: Desk, cast: Cast, province: Province, signed_on: date, message: str
) -> None:
    dossier = _through_to_result(desk, cast, province, MONDAY)
    before = _snapshot(dossier)
    with time_machine.travel(MONDAY + timedelta(days=3), tick=False):
        with pytest.raises(InvalidInput) as refused:
            record_result(
                actor=cast.reception,
                dossier=dossier,
                number="125/2026",
                signed_on=signed_on,
                signer="Trương Công Danh",
            )
        assert (refused.value.code, refused.value.message) == ("result_date_invalid", message)
        assert _snapshot(dossier) == before
        # The day itself and the reception day are fine.
        done = record_result(
            actor=cast.reception,
            dossier=dossier,
            number="125/2026",
            signed_on=date(2026, 3, 5),
            signer="Trương Công Danh",
        )
    assert (done.status, done.result_date) == (DossierStatus.FINISHED, date(2026, 3, 5))

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierStatus, SupplementRequest, Timeliness
from egov.onestop.dossiers.services import (
    confirm_payment,
    move_on,
    receive_supplement,
    record_result,
    request_payment,
    request_supplement,
)
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _at_specialist(desk: Desk, cast: Cast, province: Province, when: datetime) -> Dossier:
    with time_machine.travel(when, tick=False):
        dossier = receive(desk, cast, province)
        return move_on(actor=cast.reception, dossier=dossier, action="forward")


def test_supplement_stops_the_clock_across_tet(desk: Desk, cast: Cast, province: Province) -> None:
    # Accepted Wed 11 Feb 2026 09:00: 5 working days, Tết 16-20 Feb off.
    dossier = _at_specialist(desk, cast, province, datetime(2026, 2, 11, 9, 0, tzinfo=VN))
    assert dossier.deadline_at == datetime(2026, 2, 25, 9, 0, tzinfo=VN)

    with time_machine.travel(datetime(2026, 2, 12, 9, 0, tzinfo=VN), tick=False):
        dossier = request_supplement(
            actor=cast.specialist, dossier=dossier, items=["Bản sao giấy chứng sinh"]
        )
    assert dossier.status == DossierStatus.SUPPLEMENT
    # The citizen comes back Tue 24 Feb 09:00: Thu 6 h + Fri 7.5 h + Mon 7.5 h
    # + Tue 1.5 h = 22.5 office hours (3 working days) the clock stood still.
    with time_machine.travel(datetime(2026, 2, 24, 9, 0, tzinfo=VN), tick=False):
        dossier = receive_supplement(actor=cast.reception, dossier=dossier)

    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.deadline_at == datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    assert dossier.appointment_at == datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    assert dossier.clock_stopped_at is None
    # The same office time is the citizen's, kept to subtract from the processing time.
    assert dossier.waited_seconds == 81000
    request = SupplementRequest.objects.get(dossier=dossier)
    assert request.received_at == datetime(2026, 2, 24, 9, 0, tzinfo=VN)
    assert request.received_by == cast.reception


def test_second_supplement_makes_the_dossier_late(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = _at_specialist(desk, cast, province, datetime(2026, 3, 2, 8, 0, tzinfo=VN))
    for day in (3, 4):
        with time_machine.travel(datetime(2026, 3, day, 8, 0, tzinfo=VN), tick=False):
            dossier = request_supplement(actor=cast.specialist, dossier=dossier, items=["Tờ khai"])
        with time_machine.travel(datetime(2026, 3, day, 10, 0, tzinfo=VN), tick=False):
            dossier = receive_supplement(actor=cast.reception, dossier=dossier)
    with time_machine.travel(datetime(2026, 3, 4, 11, 0, tzinfo=VN), tick=False):
        dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
        dossier = move_on(actor=desk.commune_leader, dossier=dossier, action="approve")
        dossier = record_result(
            actor=cast.reception,
            dossier=dossier,
            number="9",
            signed_on=date(2026, 3, 4),
            signer="Trương Công Danh",
        )

    assert dossier.supplement_count == 2
    assert dossier.timeliness == Timeliness.LATE


def test_payment_pause_and_resume(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = _at_specialist(desk, cast, province, datetime(2026, 3, 2, 8, 0, tzinfo=VN))
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        dossier = request_payment(actor=cast.specialist, dossier=dossier, note="Lệ phí 8.000 đồng")
    assert dossier.status == DossierStatus.FINANCIAL
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=VN), tick=False):
        dossier = confirm_payment(actor=cast.specialist, dossier=dossier)

    assert dossier.status == DossierStatus.PROCESSING
    # One working day waited: the deadline moves from Mon 9 to Tue 10 Mar 08:00.
    assert dossier.deadline_at == datetime(2026, 3, 10, 8, 0, tzinfo=VN)
    assert (dossier.waited_seconds, dossier.processing_seconds) == (27000, None)


def test_supplement_needs_items_and_the_right_step(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)

    with pytest.raises(Conflict) as at_reception:
        request_supplement(actor=cast.reception, dossier=dossier, items=["x"])
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    with pytest.raises(InvalidInput) as empty:
        request_supplement(actor=cast.specialist, dossier=dossier, items=["  "])
    with pytest.raises(PermissionDenied):
        request_supplement(actor=cast.outsider, dossier=dossier, items=["x"])

    assert at_reception.value.code == "action_not_allowed"
    assert empty.value.code == "supplement_items_required"
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.PROCESSING
    assert not SupplementRequest.objects.exists()


def test_supplement_received_only_when_waiting(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)

    with pytest.raises(Conflict) as error:
        receive_supplement(actor=cast.reception, dossier=dossier)

    assert error.value.code == "not_waiting_for_supplement"


def test_the_applicant_supplements_an_online_dossier(
    desk: Desk, cast: Cast, province: Province
) -> None:
    from egov.platform.accounts.models import AccountKind
    from egov.platform.accounts.services import create_account

    dossier = _at_specialist(desk, cast, province, datetime(2026, 3, 2, 8, 0, tzinfo=VN))
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=cast.citizen)
    other = create_account(
        actor=None,
        username="khac",
        password="p-long-123",
        full_name="Khác",
        kind=AccountKind.CITIZEN,
    )
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        dossier = request_supplement(actor=cast.specialist, dossier=dossier, items=["Tờ khai"])

    with pytest.raises(PermissionDenied):
        receive_supplement(actor=other, dossier=dossier, by_applicant=True)
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.SUPPLEMENT
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=VN), tick=False):
        dossier = receive_supplement(actor=cast.citizen, dossier=dossier, by_applicant=True)

    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.deadline_at == datetime(2026, 3, 9, 9, 0, tzinfo=VN)


def test_payment_request_records_the_amount_and_the_gateway_confirms(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = _at_specialist(desk, cast, province, datetime(2026, 3, 2, 8, 0, tzinfo=VN))
    with pytest.raises(InvalidInput):
        request_payment(actor=cast.specialist, dossier=dossier, note="x", amount_vnd=-1)
    dossier = request_payment(
        actor=cast.specialist, dossier=dossier, note="Lệ phí", amount_vnd=8000
    )

    dossier = confirm_payment(actor=None, dossier=dossier, note="VNPAY 123")

    assert dossier.payment_due_vnd == 8000
    assert dossier.status == DossierStatus.PROCESSING

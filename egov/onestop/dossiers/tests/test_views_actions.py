"""The action panel's POSTs: each happy path, a denied case that changes
nothing, a stale page, and a double POST."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import (
    Apology,
    Channel,
    Consultation,
    Dossier,
    DossierStatus,
    Handover,
    ReturnMethod,
    SupplementRequest,
)
from egov.onestop.dossiers.services import (
    claim,
    consult,
    move_on,
    record_result,
    register_dossier,
    request_payment,
    request_supplement,
)
from egov.onestop.dossiers.tests.conftest import APPLICANT, Desk, receive
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

DENIED = "Bạn không có quyền thực hiện thao tác này với hồ sơ."
STALE = "Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang để xem trạng thái mới."


@dataclass
class World:
    desk: Desk
    cast: Cast
    province: Province


@pytest.fixture
def world(desk: Desk, cast: Cast, province: Province) -> World:
    return World(desk, cast, province)


# States a dossier can be in, built through the services.


def at_reception(w: World) -> Dossier:
    return receive(w.desk, w.cast, w.province)


def at_specialist(w: World) -> Dossier:
    return move_on(actor=w.cast.reception, dossier=at_reception(w), action="forward")


def at_leader(w: World) -> Dossier:
    dossier = claim(actor=w.cast.specialist, dossier=at_specialist(w))
    return move_on(actor=w.cast.specialist, dossier=dossier, action="forward")


def at_final(w: World) -> Dossier:
    return move_on(actor=w.desk.commune_leader, dossier=at_leader(w), action="approve")


def finished(w: World) -> Dossier:
    return record_result(
        actor=w.cast.reception,
        dossier=at_final(w),
        number="125/2026",
        signed_on=timezone.localdate(),
        signer="Trương Công Danh",
    )


def in_supplement(w: World) -> Dossier:
    return request_supplement(
        actor=w.cast.specialist, dossier=at_specialist(w), items=["Giấy chứng sinh"]
    )


def in_payment(w: World) -> Dossier:
    return request_payment(actor=w.cast.specialist, dossier=at_specialist(w), note="Lệ phí 8.000đ")


def consulted(w: World) -> Dossier:
    dossier = at_specialist(w)
    consult(actor=w.cast.specialist, dossier=dossier, unit=w.province.justice, question="Ý kiến?")
    return dossier


def new_online(w: World) -> Dossier:
    return register_dossier(
        actor=None,
        receiving_unit=w.province.long_an_centre,
        procedure=w.desk.procedure,
        agency=w.province.long_an,
        channel=Channel.ONLINE,
        applicant=APPLICANT,
        received_document_ids=[d.pk for d in w.desk.documents],
    )


def snapshot(dossier: Dossier) -> tuple[object, ...]:
    return (
        dict(Dossier.objects.filter(pk=dossier.pk).values().get()),
        Handover.objects.filter(dossier=dossier).count(),
        SupplementRequest.objects.filter(dossier=dossier).count(),
        Consultation.objects.filter(dossier=dossier, answered_at__isnull=True).count(),
        Apology.objects.filter(dossier=dossier).count(),
        # Reads of the page after the redirect are logged; changes are not allowed.
        AuditEvent.objects.exclude(event_type="dossiers.personal_data_read").count(),
    )


def expected(dossier: Dossier) -> dict[str, object]:
    return {"expected_step": dossier.current_step_id or "", "expected_status": dossier.status}


def post(client: Client, user: User, dossier: Dossier, action: str, data: dict[str, object]) -> str:
    login(client, user)
    response = client.post(
        f"/ho-so/{dossier.pk}/{action}/", {**expected(dossier), **data}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def _apology_data(d: Dossier) -> dict[str, object]:
    assert d.appointment_at is not None
    later = timezone.localtime(d.appointment_at + timedelta(days=2))
    return {"reason": "Chờ xác minh", "new_appointment": later.strftime("%Y-%m-%dT%H:%M")}


def _answer_data(d: Dossier) -> dict[str, object]:
    return {"consultation": d.consultations.get().pk, "answer": "Đồng ý"}


@dataclass(frozen=True)
class Case:
    action: str
    state: Callable[[World], Dossier]
    actor: Callable[[World], User]
    denied: Callable[[World], User]
    data: Callable[[Dossier], dict[str, object]]
    check: Callable[[Dossier], bool]


def _target(name: str) -> Callable[[Dossier], dict[str, object]]:
    def data(d: Dossier) -> dict[str, object]:
        assert d.process is not None
        return {"target": d.process.steps.get(name=name).pk, "note": "Ghi chú"}

    return data


CASES = [
    Case(
        "claim",
        at_specialist,
        lambda w: w.cast.specialist,
        lambda w: w.cast.reception,
        lambda d: {},
        lambda d: d.assignee is not None and d.assignee.username == "chuyenvien",
    ),
    Case(
        "forward",
        at_reception,
        lambda w: w.cast.reception,
        lambda w: w.cast.specialist,
        _target("Thẩm định hồ sơ"),
        lambda d: d.current_step is not None and d.current_step.name == "Thẩm định hồ sơ",
    ),
    Case(
        "approve",
        at_leader,
        lambda w: w.desk.commune_leader,
        lambda w: w.cast.specialist,
        _target("Trả kết quả"),
        lambda d: d.current_step is not None and d.current_step.name == "Trả kết quả",
    ),
    Case(
        "return",
        at_specialist,
        lambda w: w.cast.specialist,
        lambda w: w.cast.reception,
        _target("Tiếp nhận hồ sơ"),
        lambda d: d.current_step is not None and d.current_step.name == "Tiếp nhận hồ sơ",
    ),
    Case(
        "assign",
        at_specialist,
        lambda w: w.desk.commune_head,
        lambda w: w.cast.specialist,
        lambda d: {"assignee": User.objects.get(username="chuyenvien").pk},
        lambda d: d.assignee is not None and d.assignee.username == "chuyenvien",
    ),
    Case(
        "consult",
        at_specialist,
        lambda w: w.cast.specialist,
        lambda w: w.cast.reception,
        lambda d: {"unit": d.agency.parent_id, "question": "Xin ý kiến về hộ tịch"},
        lambda d: d.consultations.filter(question="Xin ý kiến về hộ tịch").count() == 1,
    ),
    Case(
        "answer",
        consulted,
        lambda w: w.cast.head,
        lambda w: w.cast.specialist,
        _answer_data,
        lambda d: d.consultations.get().answer == "Đồng ý",
    ),
    Case(
        "supplement",
        at_specialist,
        lambda w: w.cast.specialist,
        lambda w: w.cast.reception,
        lambda d: {"items": "Giấy chứng sinh\n\nBản sao CCCD", "reason": "Mờ"},
        lambda d: (
            d.status == DossierStatus.SUPPLEMENT
            and d.supplements.get().items == ["Giấy chứng sinh", "Bản sao CCCD"]
        ),
    ),
    Case(
        "receive-supplement",
        in_supplement,
        lambda w: w.cast.reception,
        lambda w: w.desk.commune_leader,
        lambda d: {"note": "Đã nộp"},
        lambda d: d.status == DossierStatus.PROCESSING,
    ),
    Case(
        "payment",
        at_specialist,
        lambda w: w.cast.specialist,
        lambda w: w.cast.reception,
        lambda d: {"note": "Lệ phí 8.000đ"},
        lambda d: d.status == DossierStatus.FINANCIAL,
    ),
    Case(
        "confirm-payment",
        in_payment,
        lambda w: w.cast.specialist,
        lambda w: w.cast.reception,
        lambda d: {"note": "Biên lai 0012"},
        lambda d: d.status == DossierStatus.PROCESSING,
    ),
    Case(
        "result",
        at_final,
        lambda w: w.cast.reception,
        lambda w: w.cast.specialist,
        lambda d: {
            "number": "125/2026",
            "signed_on": timezone.localdate().isoformat(),
            "signer": "Trương Công Danh",
        },
        lambda d: d.status == DossierStatus.FINISHED and d.result_number == "125/2026",
    ),
    Case(
        "return-result",
        finished,
        lambda w: w.cast.reception,
        lambda w: w.cast.specialist,
        lambda d: {"method": ReturnMethod.DESK, "collected_by": "Trần Văn An"},
        lambda d: d.status == DossierStatus.RETURNED and d.collected_by == "Trần Văn An",
    ),
    Case(
        "apology",
        at_specialist,
        lambda w: w.cast.specialist,
        lambda w: w.cast.reception,
        _apology_data,
        lambda d: d.apologies.count() == 1,
    ),
    Case(
        "withdraw",
        at_specialist,
        lambda w: w.cast.reception,
        lambda w: w.cast.specialist,
        lambda d: {"reason": "Công dân có đơn xin rút"},
        lambda d: d.status == DossierStatus.WITHDRAWN,
    ),
    Case(
        "stop",
        at_specialist,
        lambda w: w.desk.commune_head,
        lambda w: w.cast.specialist,
        lambda d: {"reason": "Theo yêu cầu của cơ quan có thẩm quyền"},
        lambda d: d.status == DossierStatus.STOPPED,
    ),
    Case(
        "refuse",
        at_specialist,
        lambda w: w.cast.specialist,
        lambda w: w.cast.reception,
        lambda d: {"reason": "Không đủ điều kiện"},
        lambda d: d.status == DossierStatus.STOPPED,
    ),
    Case(
        "accept",
        new_online,
        lambda w: w.cast.reception,
        lambda w: w.cast.specialist,
        lambda d: {},
        lambda d: d.status == DossierStatus.ACCEPTED and bool(d.code),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.action for c in CASES])
def test_action_happy_path(case: Case, world: World, client: Client) -> None:
    # Given a dossier where the action applies
    dossier = case.state(world)
    # When the officer whose turn it is posts the panel's form
    page = post(client, case.actor(world), dossier, case.action, case.data(dossier))
    # Then the change is made and reported, with no error message
    dossier.refresh_from_db()
    assert case.check(dossier), page
    assert 'class="error"' not in page


@pytest.mark.parametrize("case", CASES, ids=[c.action for c in CASES])
def test_action_denied_changes_nothing(case: Case, world: World, client: Client) -> None:
    # Given the same dossier and someone who may see it but not do this
    dossier = case.state(world)
    before = snapshot(dossier)
    # When they post the form anyway
    page = post(client, case.denied(world), dossier, case.action, case.data(dossier))
    # Then they are told no, and nothing changed
    assert DENIED in page
    assert snapshot(dossier) == before


def test_stale_page_is_told_and_nothing_changes(world: World, client: Client) -> None:
    # Given a page showing the reception step, then the dossier moved on
    dossier = at_reception(world)
    shown = expected(dossier)
    moved = move_on(actor=world.cast.reception, dossier=dossier, action="forward")
    before = snapshot(moved)
    # When the specialist claims from the old page
    login(client, world.cast.specialist)
    response = client.post(f"/ho-so/{dossier.pk}/claim/", shown, follow=True)
    # Then the stale message is shown and nothing changed
    assert STALE in response.content.decode()
    assert snapshot(moved) == before


def test_double_post_of_accept_accepts_once(world: World, client: Client) -> None:
    # Given an online dossier waiting at the desk
    dossier = new_online(world)
    shown = expected(dossier)
    login(client, world.cast.reception)
    # When the accept form is posted twice from the same page
    first = client.post(f"/ho-so/{dossier.pk}/accept/", shown, follow=True)
    dossier.refresh_from_db()
    after_first = snapshot(dossier)
    second = client.post(f"/ho-so/{dossier.pk}/accept/", shown, follow=True)
    # Then the first accepts, the second is told and changes nothing
    assert f"Đã tiếp nhận hồ sơ {dossier.code}." in first.content.decode()
    assert STALE in second.content.decode()
    assert snapshot(dossier) == after_first
    assert Dossier.objects.filter(code=dossier.code).count() == 1


def test_invalid_form_is_a_message_not_an_error_page(world: World, client: Client) -> None:
    dossier = at_final(world)
    before = snapshot(dossier)
    page = post(client, world.cast.reception, dossier, "result", {"number": "1", "signer": "A"})
    assert "Thông tin chưa hợp lệ: Trường này là bắt buộc." in page
    assert snapshot(dossier) == before


def test_get_and_unknown_action_are_refused(world: World, client: Client) -> None:
    dossier = at_specialist(world)
    login(client, world.cast.specialist)
    assert client.get(f"/ho-so/{dossier.pk}/claim/").status_code == 405
    assert client.post(f"/ho-so/{dossier.pk}/fly/", expected(dossier)).status_code == 404


def test_outsider_gets_404_and_nothing_changes(world: World, client: Client) -> None:
    dossier = at_specialist(world)
    before = snapshot(dossier)
    login(client, world.cast.outsider)
    response = client.post(f"/ho-so/{dossier.pk}/claim/", expected(dossier))
    assert response.status_code == 404
    assert snapshot(dossier) == before

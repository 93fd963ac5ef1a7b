"""Assigning, re-assigning and handling an incoming document; who may do each, and who sees it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import time_machine

from egov.conftest import Cast, Province, make_staff
from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    ActionKind,
    Holder,
    HolderRole,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
    Secrecy,
)
from egov.office.documents.selectors import inbox, to_assign, visible_incoming
from egov.office.documents.services.handling import (
    Assignment,
    HolderAction,
    act_on_incoming,
    assign_incoming,
    mark_read,
    reassign_incoming,
)
from egov.office.documents.tests.conftest import VN, registered
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError
from egov.platform.notifications.models import Notification


@pytest.fixture
def justice_specialist(office: Province) -> User:
    return make_staff("chuyenvien.stp", "Ngô Thanh Sơn", (office.justice, Role.SPECIALIST))


def _snapshot(document: IncomingDocument) -> tuple[Any, ...]:
    document.refresh_from_db()
    return (
        document.status,
        document.instructions,
        document.due_at,
        list(Holder.objects.order_by("pk").values("pk", "status", "read_at")),
        document.actions.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
    )


def _assigned(cast: Cast, office: Province, document: IncomingDocument) -> IncomingDocument:
    return assign_incoming(
        actor=cast.leader,
        document=document,
        assignment=Assignment(
            lead_unit=office.justice,
            coordinating_users=[cast.specialist],
            information_units=[office.centre],
            instructions="Sở Tư pháp chủ trì, tham mưu trả lời trước ngày 15.",
            working_days=5,
        ),
    )


def test_the_leader_assigns_with_a_deadline_across_a_holiday(office: Province, cast: Cast) -> None:
    document = registered(cast, office)
    assert list(to_assign(cast.leader)) == [document]
    # Tuesday 28 April 2026, 9:00: 30 April and 1 May are holidays, then a weekend.
    with time_machine.travel(datetime(2026, 4, 28, 9, 0, tzinfo=VN), tick=False):
        document = _assigned(cast, office, document)
    assert document.status == IncomingStatus.IN_PROGRESS
    # Working days end at 9:00 on 29 April, 4, 5, 6 and 7 May (30/4 and 1/5 off).
    assert document.due_at == datetime(2026, 5, 7, 9, 0, tzinfo=VN)
    assert list(
        document.holders.order_by("pk").values_list("role", "unit__name", "user__username")
    ) == [
        (HolderRole.LEAD, "Sở Tư pháp", None),
        (HolderRole.COORDINATE, None, "chuyenvien"),
        (HolderRole.INFORMATION, "Trung tâm Phục vụ hành chính công tỉnh Tây Ninh", None),
    ]
    assert list(to_assign(cast.leader)) == []
    assert list(inbox(cast.head)) == [document]
    assert list(inbox(cast.specialist)) == [document]
    told = set(
        Notification.objects.filter(title="Văn bản đến cần xử lý").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"truongphong", "chuyenvien"}
    assert AuditEvent.objects.filter(event_type="office.incoming_assigned").count() == 1


@pytest.mark.parametrize("who", ["clerk", "head", "specialist", "outsider", "admin"])
def test_only_the_leader_assigns(office: Province, cast: Cast, who: str) -> None:
    document = registered(cast, office)
    before = _snapshot(document)
    with pytest.raises(DomainError) as caught:
        assign_incoming(
            actor=getattr(cast, who),
            document=document,
            assignment=Assignment(lead_unit=office.justice),
        )
    assert caught.value.code == OfficeError.PERMISSION_DENIED
    assert _snapshot(document) == before


def test_an_assignment_needs_one_lead_inside_the_body(office: Province, cast: Cast) -> None:
    outside = make_staff("xa.khac", "Người ngoài", (office.tan_ninh, Role.SPECIALIST))
    document = registered(cast, office)
    before = _snapshot(document)
    for assignment, code in (
        (Assignment(), OfficeError.LEAD_REQUIRED),
        (Assignment(lead_unit=office.justice, lead_user=cast.head), OfficeError.LEAD_REQUIRED),
        (Assignment(lead_unit=office.justice, working_days=0), OfficeError.DEADLINE_INVALID),
    ):
        with pytest.raises(DomainError) as caught:
            assign_incoming(actor=cast.leader, document=document, assignment=assignment)
        assert caught.value.code == code
    assert outside.pk and _snapshot(document) == before


def test_a_secret_document_goes_to_people_only(office: Province, cast: Cast) -> None:
    document = registered(cast, office, secrecy=Secrecy.SECRET)
    with pytest.raises(DomainError) as caught:
        assign_incoming(
            actor=cast.leader, document=document, assignment=Assignment(lead_unit=office.justice)
        )
    assert caught.value.code == OfficeError.CONFIDENTIAL_NEEDS_PERSON
    assign_incoming(
        actor=cast.leader, document=document, assignment=Assignment(lead_user=cast.head)
    )
    assert list(visible_incoming(cast.head)) == [document]
    assert list(visible_incoming(cast.specialist)) == []


def test_the_head_forwards_to_a_specialist_who_completes(
    office: Province, cast: Cast, justice_specialist: User
) -> None:
    document = _assigned(cast, office, registered(cast, office))
    assert list(visible_incoming(justice_specialist)) == [document]
    child = reassign_incoming(
        actor=cast.head, document=document, specialist=justice_specialist, note="Đề nghị xử lý."
    )
    assert (child.role, child.parent is not None, child.due_at) == (
        HolderRole.LEAD,
        True,
        document.due_at,
    )
    assert mark_read(actor=justice_specialist, document=document) is True
    assert mark_read(actor=justice_specialist, document=document) is False
    act_on_incoming(
        actor=justice_specialist, document=document, action=HolderAction.RECEIVE, note=""
    )
    act_on_incoming(
        actor=justice_specialist,
        document=document,
        action=HolderAction.COMMENT,
        note="Đã dự thảo công văn trả lời.",
    )
    act_on_incoming(actor=justice_specialist, document=document, action=HolderAction.COMPLETE)
    document.refresh_from_db()
    assert document.status == IncomingStatus.COMPLETED
    assert set(document.holders.values_list("status", flat=True)) == {HolderStatus.DONE}
    assert list(document.actions.order_by("pk").values_list("kind", "actor__username")) == [
        (ActionKind.REGISTERED, "vanthu"),
        (ActionKind.ASSIGNED, "lanhdao"),
        (ActionKind.FORWARDED, "truongphong"),
        (ActionKind.READ, "chuyenvien.stp"),
        (ActionKind.RECEIVED, "chuyenvien.stp"),
        (ActionKind.COMMENTED, "chuyenvien.stp"),
        (ActionKind.COMPLETED, "chuyenvien.stp"),
    ]
    assert list(inbox(justice_specialist)) == []


@pytest.mark.parametrize("who", ["specialist", "outsider", "clerk"])
def test_only_the_holding_units_head_forwards(
    office: Province, cast: Cast, justice_specialist: User, who: str
) -> None:
    document = _assigned(cast, office, registered(cast, office))
    before = _snapshot(document)
    with pytest.raises(DomainError) as caught:
        reassign_incoming(
            actor=getattr(cast, who), document=document, specialist=justice_specialist
        )
    assert caught.value.code == OfficeError.PERMISSION_DENIED
    assert _snapshot(document) == before


def test_a_head_forwards_only_to_their_own_units_staff(office: Province, cast: Cast) -> None:
    document = _assigned(cast, office, registered(cast, office))
    before = _snapshot(document)
    with pytest.raises(DomainError) as caught:
        reassign_incoming(actor=cast.head, document=document, specialist=cast.outsider)
    assert caught.value.code == OfficeError.HOLDER_NOT_ELIGIBLE
    assert _snapshot(document) == before


@pytest.mark.parametrize("action", list(HolderAction))
def test_someone_who_does_not_hold_it_cannot_act(
    office: Province, cast: Cast, action: HolderAction
) -> None:
    document = _assigned(cast, office, registered(cast, office))
    before = _snapshot(document)
    for who in (cast.outsider, cast.clerk, cast.citizen):
        with pytest.raises(DomainError) as caught:
            act_on_incoming(actor=who, document=document, action=action, note="Ý kiến")
        assert caught.value.code == OfficeError.NOT_A_HOLDER
    assert _snapshot(document) == before


def test_a_comment_needs_words_and_the_informed_do_not_complete(
    office: Province, cast: Cast
) -> None:
    informed = make_staff("tthcc", "Cán bộ trung tâm", (office.centre, Role.SPECIALIST))
    document = _assigned(cast, office, registered(cast, office))
    before = _snapshot(document)
    with pytest.raises(DomainError) as caught:
        act_on_incoming(actor=cast.specialist, document=document, action=HolderAction.COMMENT)
    assert caught.value.code == OfficeError.INVALID_FIELD
    with pytest.raises(DomainError) as caught:
        act_on_incoming(actor=informed, document=document, action=HolderAction.COMPLETE)
    assert caught.value.code == OfficeError.ACTION_NOT_ALLOWED
    assert _snapshot(document) == before


def test_the_lead_returns_it_to_the_leader(office: Province, cast: Cast) -> None:
    document = _assigned(cast, office, registered(cast, office))
    act_on_incoming(
        actor=cast.head,
        document=document,
        action=HolderAction.RETURN,
        note="Không thuộc thẩm quyền của Sở Tư pháp.",
    )
    document.refresh_from_db()
    assert document.status == IncomingStatus.AWAITING_ASSIGNMENT
    assert set(document.holders.values_list("status", flat=True)) == {HolderStatus.RETURNED}
    assert list(to_assign(cast.leader)) == [document]
    assert (
        Notification.objects.filter(
            recipient=cast.leader, title="Văn bản đến bị trả lại, cần phân công lại"
        ).count()
        == 1
    )


def test_who_sees_an_ordinary_document(office: Province, cast: Cast) -> None:
    document = registered(cast, office)
    assert [u.username for u in (cast.leader, cast.clerk) if visible_incoming(u).exists()] == [
        "lanhdao",
        "vanthu",
    ]
    for nobody in (cast.head, cast.specialist, cast.outsider, cast.citizen, cast.reception):
        assert not visible_incoming(nobody).exists()
    _assigned(cast, office, document)
    for holder in (cast.head, cast.specialist):
        assert list(visible_incoming(holder)) == [document]
    for nobody in (cast.outsider, cast.citizen, cast.reception):
        assert not visible_incoming(nobody).exists()

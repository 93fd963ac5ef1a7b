"""Internal audits and corrective actions (issue 19, item 3)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from egov.conftest import Cast, Province, make_staff
from egov.onestop.quality.audits import services
from egov.onestop.quality.audits.models import (
    Audit,
    AuditProgramme,
    ChecklistItem,
    Finding,
    Nonconformity,
)
from egov.onestop.quality.audits.reminders import remind_overdue
from egov.onestop.quality.models import Edition
from egov.onestop.quality.services import approve_edition
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.notifications.models import Notification

pytestmark = pytest.mark.django_db

DAY = "2026-05-04T09:00:00+07:00"


def snapshot() -> tuple[list[Any], ...]:
    return (
        list(AuditProgramme.objects.order_by("pk").values()),
        list(Audit.objects.order_by("pk").values()),
        list(ChecklistItem.objects.order_by("pk").values()),
        list(Finding.objects.order_by("pk").values()),
        list(Nonconformity.objects.order_by("pk").values()),
        [AuditEvent.objects.count()],
    )


@pytest.fixture
def audit(cast: Cast, province: Province, edition: Edition, auditor: User) -> Audit:
    """A 2026 audit of QT-1.001193 (edition 1 in force) at Phường Long An, by the clerk."""
    approve_edition(actor=cast.leader, edition=edition)
    programme = services.create_programme(
        actor=cast.admin, agency=province.long_an, year=2026, objectives="Đánh giá một cửa"
    )
    with time_machine.travel(DAY, tick=False):
        return services.plan_audit(
            actor=cast.admin,
            programme=programme,
            planned_on=date(2026, 5, 6),
            scope=[edition.document],
            auditors=[auditor],
        )


def test_planning_seeds_the_checklist_from_the_edition_in_force(audit: Audit) -> None:
    items = list(audit.checklist.values_list("position", "clause", "question", "verdict"))

    assert items == [
        (
            1,
            "8.5.1",
            "Hồ sơ được tiếp nhận và giải quyết theo đúng các bước, thời gian của "
            "QT-1.001193 lần 1",
            "pending",
        ),
        (
            2,
            "7.5.3",
            "Hồ sơ cần lưu của QT-1.001193 lần 1 được lưu đủ, đúng nơi và đúng thời hạn",
            "pending",
        ),
        (3, "5.2", "Chính sách chất lượng được phổ biến và cán bộ nắm được", "pending"),
        (4, "9.1.2", "Ý kiến, đánh giá của tổ chức, công dân được theo dõi và xử lý", "pending"),
    ]
    event = AuditEvent.objects.filter(event_type="quality.audit_planned").get()
    assert event.details["scope"] == ["QT-1.001193"]


def test_a_finding_goes_through_corrective_action_to_closure(
    cast: Cast, province: Province, audit: Audit, auditor: User
) -> None:
    item = audit.checklist.get(position=1)
    with time_machine.travel("2026-05-06T09:00:00+07:00", tick=False):
        services.answer_item(
            actor=auditor,
            item=item,
            verdict="nonconforms",
            evidence="2 hồ sơ thẩm định quá 16 giờ",
        )
        finding = services.record_finding(
            actor=auditor,
            audit=audit,
            kind="nonconformity",
            description="Bước thẩm định vượt thời gian quy định",
            checklist_item=item,
        )
        for other in audit.checklist.exclude(pk=item.pk):
            services.answer_item(actor=auditor, item=other, verdict="conforms", evidence="Đạt")
        services.complete_audit(actor=cast.admin, audit=audit, summary="1 điểm không phù hợp")
        nonconformity = finding.nonconformity
        services.plan_action(
            actor=cast.admin,
            nonconformity=nonconformity,
            cause="Chưa phân công người thay khi vắng",
            action="Phân công chuyên viên dự phòng",
            owner=cast.specialist,
            due_on=date(2026, 5, 20),
        )
    with time_machine.travel("2026-05-15T09:00:00+07:00", tick=False):
        services.report_action_done(
            actor=cast.specialist, nonconformity=nonconformity, note="Đã ban hành phân công"
        )
    with time_machine.travel("2026-06-15T09:00:00+07:00", tick=False):
        services.check_effectiveness(
            actor=cast.leader,
            nonconformity=nonconformity,
            effective=False,
            note="Vẫn còn 1 hồ sơ chậm",
            new_due_on=date(2026, 6, 30),
        )
        services.report_action_done(
            actor=cast.specialist, nonconformity=nonconformity, note="Bổ sung nhắc việc"
        )
        closed = services.check_effectiveness(
            actor=cast.leader, nonconformity=nonconformity, effective=True, note="Không còn chậm"
        )

    row = Nonconformity.objects.get()
    assert (finding.number, finding.clause, row.agency) == (1, "8.5.1", province.long_an)
    assert (row.status, row.owner, row.due_on, row.ineffective_checks) == (
        "closed",
        cast.specialist,
        date(2026, 6, 30),
        1,
    )
    assert (row.checked_by, row.check_note) == (cast.leader, "Không còn chậm")
    assert row.closed_at == closed.closed_at is not None
    assert Audit.objects.get().status == "completed"
    assert list(
        AuditEvent.objects.filter(event_type__startswith="quality.a")
        .exclude(event_type="quality.audit_programme_created")
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == [
        "quality.audit_planned",
        "quality.audit_completed",
        "quality.action_planned",
        "quality.action_done",
        "quality.action_checked",
        "quality.action_done",
        "quality.action_checked",
    ]
    # closed: nothing moves any more
    with pytest.raises(Conflict) as refused:
        services.plan_action(
            actor=cast.admin,
            nonconformity=row,
            cause="x",
            action="y",
            owner=cast.specialist,
            due_on=date(2099, 1, 1),
        )
    assert refused.value.code == "quality_transition_not_allowed"


def test_an_audit_with_unanswered_questions_does_not_complete(cast: Cast, audit: Audit) -> None:
    before = snapshot()

    with pytest.raises(Conflict) as refused:
        services.complete_audit(actor=cast.admin, audit=audit, summary="Xong")

    assert (refused.value.code, refused.value.message) == (
        "checklist_unanswered",
        "Còn 4 câu hỏi kiểm tra chưa có kết quả.",
    )
    assert snapshot() == before


@pytest.mark.parametrize("member", ["outsider", "reception", "clerk"])
def test_others_may_not_record_findings(cast: Cast, audit: Audit, member: str) -> None:
    before = snapshot()

    with pytest.raises(PermissionDenied) as refused:
        services.record_finding(
            actor=getattr(cast, member), audit=audit, kind="observation", description="x"
        )

    assert refused.value.code == "permission_denied"
    assert snapshot() == before


@pytest.mark.parametrize("member", ["specialist", "outsider", "reception"])
def test_only_managers_keep_programmes_and_plans(
    cast: Cast, province: Province, audit: Audit, member: str
) -> None:
    actor = getattr(cast, member)
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.create_programme(actor=actor, agency=province.long_an, year=2027)
    with pytest.raises(PermissionDenied):
        services.plan_audit(
            actor=actor,
            programme=audit.programme,
            planned_on=date(2026, 9, 1),
            scope=list(audit.scope.all()),
            auditors=[cast.specialist],
        )
    with pytest.raises(PermissionDenied):
        services.complete_audit(actor=actor, audit=audit, summary="x")

    assert snapshot() == before


def test_a_plan_refuses_an_auditor_from_another_commune_and_a_date_out_of_the_year(
    cast: Cast, audit: Audit
) -> None:
    before = snapshot()
    scope = list(audit.scope.all())

    with pytest.raises(InvalidInput) as outsider:
        services.plan_audit(
            actor=cast.admin,
            programme=audit.programme,
            planned_on=date(2026, 9, 1),
            scope=scope,
            auditors=[cast.outsider],
        )
    with pytest.raises(InvalidInput) as year:
        services.plan_audit(
            actor=cast.admin,
            programme=audit.programme,
            planned_on=date(2027, 1, 5),
            scope=scope,
            auditors=[cast.specialist],
        )

    assert outsider.value.message == "Người được chọn không thuộc cơ quan được đánh giá."
    assert year.value.message == "Ngày đánh giá phải thuộc năm 2026 của chương trình."
    assert snapshot() == before


def test_a_second_programme_for_the_same_year_is_refused(
    cast: Cast, province: Province, audit: Audit
) -> None:
    before = snapshot()

    with pytest.raises(Conflict) as refused:
        services.create_programme(actor=cast.admin, agency=province.long_an, year=2026)

    assert refused.value.message == "Cơ quan đã có chương trình đánh giá năm 2026."
    assert snapshot() == before


def _planned(cast: Cast, audit: Audit, due: date, owner: User | None = None) -> Nonconformity:
    finding = services.record_finding(
        actor=audit.auditors.get(),
        audit=audit,
        kind="nonconformity",
        description="Thiếu sổ theo dõi",
    )
    with time_machine.travel(DAY, tick=False):
        return services.plan_action(
            actor=cast.admin,
            nonconformity=finding.nonconformity,
            cause="Chưa mở sổ",
            action="Mở sổ theo dõi",
            owner=owner or cast.specialist,
            due_on=due,
        )


def test_the_owner_does_not_check_their_own_action_nor_does_the_outsider(
    cast: Cast, audit: Audit, auditor: User
) -> None:
    # The auditor owns the action: as its owner, they may not check it.
    nonconformity = _planned(cast, audit, date(2026, 5, 10), owner=auditor)
    services.report_action_done(actor=cast.admin, nonconformity=nonconformity, note="Đã mở sổ")
    before = snapshot()

    with pytest.raises(PermissionDenied) as own:
        services.check_effectiveness(
            actor=auditor, nonconformity=nonconformity, effective=True, note="Tốt"
        )
    with pytest.raises(PermissionDenied) as outsider:
        services.check_effectiveness(
            actor=cast.outsider, nonconformity=nonconformity, effective=True, note="Tốt"
        )
    with pytest.raises(PermissionDenied) as admin:
        services.check_effectiveness(
            actor=cast.admin, nonconformity=nonconformity, effective=True, note="Tốt"
        )

    assert (own.value.code, outsider.value.code, admin.value.code) == (
        "own_action_check",
        "permission_denied",
        "permission_denied",
    )
    assert snapshot() == before


def test_only_the_owner_or_a_manager_reports_the_action_done(cast: Cast, audit: Audit) -> None:
    nonconformity = _planned(cast, audit, date(2026, 5, 10))
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.report_action_done(
            actor=cast.reception, nonconformity=nonconformity, note="Đã mở sổ"
        )

    assert snapshot() == before


def test_an_action_cannot_be_due_in_the_past(cast: Cast, audit: Audit, auditor: User) -> None:
    finding = services.record_finding(
        actor=auditor, audit=audit, kind="nonconformity", description="Thiếu sổ"
    )
    before = snapshot()

    with time_machine.travel(DAY, tick=False), pytest.raises(InvalidInput) as refused:
        services.plan_action(
            actor=cast.admin,
            nonconformity=finding.nonconformity,
            cause="c",
            action="a",
            owner=cast.specialist,
            due_on=date(2026, 5, 3),
        )

    assert refused.value.message == "Hạn hoàn thành không được trước hôm nay."
    assert snapshot() == before


def test_the_overdue_reminder_tells_the_owner_and_the_leaders_once_a_day(
    cast: Cast, audit: Audit
) -> None:
    nonconformity = _planned(cast, audit, date(2026, 5, 10))

    with time_machine.travel("2026-05-10T08:00:00+07:00", tick=False):
        on_the_day = remind_overdue()
    with time_machine.travel("2026-05-11T08:00:00+07:00", tick=False):
        first = remind_overdue()
        again = remind_overdue()

    entries = Notification.objects.order_by("recipient__username")
    assert (on_the_day, first, again) == (0, 2, 0)
    assert [(n.recipient.username, n.kind, n.title, n.link) for n in entries] == [
        (
            "chuyenvien",
            "quality",
            "Hành động khắc phục quá hạn",
            f"/chat-luong/khac-phuc/{nonconformity.pk}/",
        ),
        (
            "lanhdao",
            "quality",
            "Hành động khắc phục quá hạn",
            f"/chat-luong/khac-phuc/{nonconformity.pk}/",
        ),
    ]


def test_a_done_action_is_not_reminded(cast: Cast, audit: Audit) -> None:
    nonconformity = _planned(cast, audit, date(2026, 5, 10))
    services.report_action_done(actor=cast.specialist, nonconformity=nonconformity, note="Xong")

    with time_machine.travel("2026-05-11T08:00:00+07:00", tick=False):
        told = remind_overdue()

    assert (told, Notification.objects.count()) == (0, 0)


def test_an_auditor_does_not_audit_their_own_work(
    cast: Cast, province: Province, audit: Audit
) -> None:
    scope = list(audit.scope.all())

    # A clerk of the commune who also receives dossiers at its centre.
    desk = make_staff(
        "vanthu2",
        "Nguyễn Thị Thu Hà",
        (province.long_an, Role.CLERK),
        (province.long_an_centre, Role.RECEPTION),
    )
    before = snapshot()
    refused = {}
    for name, member in (
        ("specialist", cast.specialist),
        ("reception", desk),
        ("leader", cast.leader),
    ):
        with pytest.raises(InvalidInput) as error:
            services.plan_audit(
                actor=cast.admin,
                programme=audit.programme,
                planned_on=date(2026, 9, 1),
                scope=scope,
                auditors=[member],
            )
        refused[name] = (error.value.code, error.value.message)

    why = "chuyên gia đánh giá không đánh giá công việc của chính mình."
    assert refused == {
        # The specialist step and the leader's approval are at the commune;
        # the reception step (no unit) is the commune's desk.
        "specialist": (
            "auditor_not_independent",
            "Lý Văn Tài không được đánh giá quy trình QT-1.001193 vì trực tiếp thực hiện "
            f"quy trình này tại Phường Long An: {why}",
        ),
        "reception": (
            "auditor_not_independent",
            "Nguyễn Thị Thu Hà không được đánh giá quy trình QT-1.001193 vì trực tiếp thực hiện "
            f"quy trình này tại Phường Long An: {why}",
        ),
        # The province's leader holds the leader's role over the commune.
        "leader": (
            "auditor_not_independent",
            "Phạm Văn Hùng không được đánh giá quy trình QT-1.001193 vì trực tiếp thực hiện "
            f"quy trình này tại Phường Long An: {why}",
        ),
    }
    assert snapshot() == before

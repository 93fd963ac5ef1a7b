"""State changes of internal audits and corrective actions (issue 19, item 3).

Who does what, in the agency (or above it):
- its head, leader or administrator (MANAGERS) keeps the programme, plans and
  completes audits, and decides a nonconformity's cause and corrective action;
- the audit's auditors (and MANAGERS) work the checklist and record findings;
  an auditor never audits a procedure whose steps they do themselves
  (`_own_work`, ISO 19011 independence);
- the action's owner (or MANAGERS) reports it carried out;
- an auditor of the audit or the agency's head or leader checks that it
  worked, never the owner (clause 10.2.1 d: the check is independent of who
  acted). Only an effective check closes the nonconformity.
Every change writes its audit event in its own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.procedures.models import Process
from egov.onestop.quality.audits import transitions
from egov.onestop.quality.audits.models import (
    Audit,
    AuditProgramme,
    AuditStatus,
    ChecklistItem,
    Finding,
    FindingKind,
    Nonconformity,
    NonconformityStatus,
    Verdict,
)
from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.models import DocumentKind, EditionStatus, QualityProcedure
from egov.platform.accounts.access import has_role_over, memberships, sees_unit
from egov.platform.accounts.models import AccountKind, Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit

MANAGERS = (Role.HEAD, Role.LEADER, Role.ADMINISTRATOR)
CHECKERS = (Role.HEAD, Role.LEADER)
TEXT_MAX = 2000

# The checklist a plan starts with, per procedure in scope. NOT VERIFIED:
# wording and clauses to be checked against the province's framework model
# (Decision 101/QĐ-BKHCN); the auditors add their own questions.
SEED_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("8.5.1", "Hồ sơ được tiếp nhận và giải quyết theo đúng các bước, thời gian của {edition}"),
    ("7.5.3", "Hồ sơ cần lưu của {edition} được lưu đủ, đúng nơi và đúng thời hạn"),
)
COMMON_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("5.2", "Chính sách chất lượng được phổ biến và cán bộ nắm được"),
    ("9.1.2", "Ý kiến, đánh giá của tổ chức, công dân được theo dõi và xử lý"),
)


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(QualityError.INVALID_AUDIT, message, details={"fields": {field: [message]}})


def _text(value: str, field: str, message: str, *, required: bool = True) -> str:
    text = value.strip()
    if (required and not text) or len(text) > TEXT_MAX:
        raise _invalid(field, message)
    return text


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(QualityError.PERMISSION_DENIED, message)


def _staff_of(agency: Unit, users: Sequence[User], field: str) -> list[User]:
    """`users`, each an active staff member who sees `agency`; refused otherwise."""
    for user in users:
        if not (user.is_active and user.kind == AccountKind.STAFF and sees_unit(user, agency)):
            raise _invalid(field, _("Người được chọn không thuộc cơ quan được đánh giá."))
    return list(users)


def _own_work(user: User, document: QualityProcedure) -> Unit | None:
    """The unit where `user` does a step of `document`'s procedure themselves, if any.

    The rule (ISO 19011:2018 clause 4 e, independence: auditors do not audit
    their own work), kept simple: a step of the procedure's internal process
    at the agency is the auditor's own work when they hold that step's role in
    the step's unit, in a unit under it or above it (where the role reaches
    it). A step without a unit is the reception at the desk: the auditor's
    own when they hold its role anywhere in the agency's subtree.
    """
    if document.procedure_id is None:
        return None
    process = (
        Process.objects.filter(procedure_id=document.procedure_id, agency_id=document.agency_id)
        .prefetch_related("steps__unit")
        .first()
    )
    if process is None:
        return None
    held = memberships(user)
    agency = document.agency
    for step in process.steps.all():
        unit = step.unit
        for path, role in held:
            if role != step.role:
                continue
            if unit is None and path.startswith(agency.path):
                return agency
            if unit is not None and (path.startswith(unit.path) or unit.path.startswith(path)):
                return unit
    return None


def _independent(team: Sequence[User], documents: Sequence[QualityProcedure]) -> None:
    for auditor in team:
        for document in documents:
            unit = _own_work(auditor, document)
            if unit is not None:
                message = _(
                    "%(name)s không được đánh giá quy trình %(code)s vì trực tiếp thực hiện "
                    "quy trình này tại %(unit)s: chuyên gia đánh giá không đánh giá công việc "
                    "của chính mình."
                ) % {"name": auditor.display_name, "code": document.code, "unit": unit.name}
                raise InvalidInput(
                    QualityError.AUDITOR_NOT_INDEPENDENT,
                    message,
                    details={"fields": {"auditors": [message]}},
                )


def _locked_audit(audit: Audit) -> Audit:
    locked = Audit.objects.select_for_update().select_related("programme__agency").get(pk=audit.pk)
    if locked.status != AuditStatus.PLANNED:
        raise Conflict(
            QualityError.AUDIT_CLOSED,
            _("Cuộc đánh giá đã kết thúc; không thể thay đổi."),
        )
    return locked


def _may_work(actor: User, audit: Audit) -> bool:
    agency = audit.programme.agency
    return has_role_over(actor, agency, MANAGERS) or audit.auditors.filter(pk=actor.pk).exists()


@transaction.atomic(durable=True)
def create_programme(
    *, actor: User, agency: Unit, year: int, objectives: str = ""
) -> AuditProgramme:
    if not has_role_over(actor, agency, MANAGERS):
        raise _deny(_("Chỉ lãnh đạo hoặc quản trị của cơ quan được lập chương trình đánh giá."))
    if not 2000 <= year <= 2100:
        raise _invalid("year", _("Năm không hợp lệ."))
    text = _text(objectives, "objectives", _("Mục tiêu tối đa 2.000 ký tự."), required=False)
    if AuditProgramme.objects.filter(agency=agency, year=year).exists():
        raise Conflict(
            QualityError.PROGRAMME_EXISTS,
            _("Cơ quan đã có chương trình đánh giá năm %(year)s.") % {"year": year},
        )
    programme = AuditProgramme.objects.create(
        agency=agency, year=year, objectives=text, created_by=actor
    )
    record_event(
        event_type="quality.audit_programme_created",
        actor=actor,
        target=programme,
        unit=agency,
        details={"year": year},
    )
    return programme


@transaction.atomic(durable=True)
def plan_audit(
    *,
    actor: User,
    programme: AuditProgramme,
    planned_on: date,
    scope: Sequence[QualityProcedure],
    auditors: Sequence[User],
) -> Audit:
    """An audit of `scope` on `planned_on`, its checklist seeded from the editions in force."""
    agency = programme.agency
    if not has_role_over(actor, agency, MANAGERS):
        raise _deny(_("Chỉ lãnh đạo hoặc quản trị của cơ quan được lập kế hoạch đánh giá."))
    if planned_on.year != programme.year:
        raise _invalid(
            "planned_on",
            _("Ngày đánh giá phải thuộc năm %(year)s của chương trình.") % {"year": programme.year},
        )
    if not scope:
        raise _invalid("scope", _("Hãy chọn ít nhất một quy trình được đánh giá."))
    for document in scope:
        if document.kind != DocumentKind.PROCEDURE:
            raise _invalid("scope", _("Chỉ quy trình ISO của thủ tục được chọn để đánh giá."))
        if not document.agency.path.startswith(agency.path):
            raise _invalid("scope", _("Quy trình được chọn không thuộc cơ quan được đánh giá."))
    if not auditors:
        raise _invalid("auditors", _("Hãy chọn ít nhất một chuyên gia đánh giá."))
    team = _staff_of(agency, auditors, "auditors")
    _independent(team, sorted(scope, key=lambda d: d.code))
    audit = Audit.objects.create(programme=programme, planned_on=planned_on, planned_by=actor)
    documents = sorted(scope, key=lambda d: d.code)
    audit.scope.set(documents)
    audit.auditors.set(team)
    items: list[ChecklistItem] = []
    for document in documents:
        in_force = document.editions.filter(status=EditionStatus.APPROVED).first()
        label = f"{document.code} lần {in_force.number}" if in_force is not None else document.code
        for clause, question in SEED_QUESTIONS:
            items.append(
                ChecklistItem(
                    audit=audit,
                    position=len(items) + 1,
                    question=question.format(edition=label),
                    clause=clause,
                    procedure=document,
                )
            )
    for clause, question in COMMON_QUESTIONS:
        items.append(
            ChecklistItem(audit=audit, position=len(items) + 1, question=question, clause=clause)
        )
    ChecklistItem.objects.bulk_create(items)
    record_event(
        event_type="quality.audit_planned",
        actor=actor,
        target=audit,
        unit=agency,
        details={
            "programme": programme.pk,
            "planned_on": planned_on.isoformat(),
            "scope": [d.code for d in documents],
            "auditors": [u.pk for u in team],
        },
    )
    return audit


@transaction.atomic(durable=True)
def add_checklist_item(
    *, actor: User, audit: Audit, question: str, clause: str = ""
) -> ChecklistItem:
    locked = _locked_audit(audit)
    if not _may_work(actor, locked):
        raise _deny(_("Chỉ chuyên gia của cuộc đánh giá được sửa danh mục kiểm tra."))
    text = _text(question, "question", _("Hãy ghi nội dung kiểm tra (tối đa 500 ký tự)."))
    if len(text) > 500 or len(clause.strip()) > 20:
        raise _invalid("question", _("Hãy ghi nội dung kiểm tra (tối đa 500 ký tự)."))
    last = locked.checklist.order_by("-position").values_list("position", flat=True).first()
    item = ChecklistItem.objects.create(
        audit=locked, position=(last or 0) + 1, question=text, clause=clause.strip()
    )
    record_event(
        event_type="quality.checklist_item_added",
        actor=actor,
        target=item,
        unit=locked.programme.agency,
        details={"audit": locked.pk, "position": item.position},
    )
    return item


@transaction.atomic(durable=True)
def answer_item(*, actor: User, item: ChecklistItem, verdict: str, evidence: str) -> ChecklistItem:
    locked = _locked_audit(item.audit)
    if not _may_work(actor, locked):
        raise _deny(_("Chỉ chuyên gia của cuộc đánh giá được ghi kết quả kiểm tra."))
    if verdict not in Verdict.values or verdict == Verdict.PENDING:
        raise _invalid("verdict", _("Hãy chọn kết quả kiểm tra."))
    text = _text(evidence, "evidence", _("Hãy ghi bằng chứng (tối đa 2.000 ký tự)."))
    row = ChecklistItem.objects.select_for_update().get(pk=item.pk, audit=locked)
    row.verdict, row.evidence = verdict, text
    row.save(update_fields=["verdict", "evidence"])
    record_event(
        event_type="quality.checklist_answered",
        actor=actor,
        target=row,
        unit=locked.programme.agency,
        details={"audit": locked.pk, "position": row.position, "verdict": verdict},
    )
    return row


@transaction.atomic(durable=True)
def record_finding(
    *,
    actor: User,
    audit: Audit,
    kind: str,
    description: str,
    clause: str = "",
    checklist_item: ChecklistItem | None = None,
) -> Finding:
    """A finding; a nonconformity opens with it when it is one."""
    locked = _locked_audit(audit)
    if not _may_work(actor, locked):
        raise _deny(_("Chỉ chuyên gia của cuộc đánh giá được ghi nhận phát hiện."))
    if kind not in FindingKind.values:
        raise _invalid("kind", _("Hãy chọn loại phát hiện."))
    text = _text(description, "description", _("Hãy mô tả phát hiện (tối đa 2.000 ký tự)."))
    if len(clause.strip()) > 20:
        raise _invalid("clause", _("Điều khoản tối đa 20 ký tự."))
    if checklist_item is not None and checklist_item.audit_id != locked.pk:
        raise _invalid("checklist_item", _("Câu hỏi kiểm tra không thuộc cuộc đánh giá này."))
    last = locked.findings.order_by("-number").values_list("number", flat=True).first()
    finding = Finding.objects.create(
        audit=locked,
        number=(last or 0) + 1,
        kind=kind,
        description=text,
        clause=clause.strip() or (checklist_item.clause if checklist_item is not None else ""),
        checklist_item=checklist_item,
        recorded_by=actor,
    )
    details: dict[str, Any] = {"audit": locked.pk, "number": finding.number, "kind": kind}
    if kind == FindingKind.NONCONFORMITY:
        nonconformity = Nonconformity.objects.create(
            finding=finding, agency=locked.programme.agency
        )
        details["nonconformity"] = nonconformity.pk
    record_event(
        event_type="quality.finding_recorded",
        actor=actor,
        target=finding,
        unit=locked.programme.agency,
        details=details,
    )
    return finding


@transaction.atomic(durable=True)
def complete_audit(*, actor: User, audit: Audit, summary: str) -> Audit:
    locked = _locked_audit(audit)
    if not has_role_over(actor, locked.programme.agency, MANAGERS):
        raise _deny(_("Chỉ lãnh đạo hoặc quản trị của cơ quan được kết thúc cuộc đánh giá."))
    text = _text(summary, "summary", _("Hãy ghi kết luận đánh giá (tối đa 2.000 ký tự)."))
    pending = locked.checklist.filter(verdict=Verdict.PENDING).count()
    if pending:
        raise Conflict(
            QualityError.CHECKLIST_UNANSWERED,
            _("Còn %(n)s câu hỏi kiểm tra chưa có kết quả.") % {"n": pending},
        )
    transitions.move_audit(locked, AuditStatus.COMPLETED)
    locked.summary, locked.completed_at = text, timezone.now()
    locked.save(update_fields=["status", "summary", "completed_at"])
    record_event(
        event_type="quality.audit_completed",
        actor=actor,
        target=locked,
        unit=locked.programme.agency,
        details={"findings": locked.findings.count()},
    )
    return locked


def _locked_nonconformity(nonconformity: Nonconformity) -> Nonconformity:
    return (
        # Only the nonconformity's row: PostgreSQL locks no nullable outer join (the owner).
        Nonconformity.objects.select_for_update(of=("self",))
        .select_related("agency", "finding__audit", "owner")
        .get(pk=nonconformity.pk)
    )


@transaction.atomic(durable=True)
def plan_action(
    *,
    actor: User,
    nonconformity: Nonconformity,
    cause: str,
    action: str,
    owner: User,
    due_on: date,
) -> Nonconformity:
    """The cause and the corrective action, its owner and due date (again, while not done)."""
    locked = _locked_nonconformity(nonconformity)
    if not has_role_over(actor, locked.agency, MANAGERS):
        raise _deny(_("Chỉ lãnh đạo hoặc quản trị của cơ quan được giao hành động khắc phục."))
    transitions.move_nonconformity(locked, NonconformityStatus.ACTION_PLANNED)
    cause_text = _text(cause, "cause", _("Hãy ghi nguyên nhân (tối đa 2.000 ký tự)."))
    action_text = _text(action, "action", _("Hãy ghi hành động khắc phục (tối đa 2.000 ký tự)."))
    _staff_of(locked.agency, [owner], "owner")
    if due_on < timezone.localdate():
        raise _invalid("due_on", _("Hạn hoàn thành không được trước hôm nay."))
    locked.cause, locked.action, locked.owner, locked.due_on = (
        cause_text,
        action_text,
        owner,
        due_on,
    )
    locked.save(update_fields=["status", "cause", "action", "owner", "due_on"])
    record_event(
        event_type="quality.action_planned",
        actor=actor,
        target=locked,
        unit=locked.agency,
        details={"owner": owner.pk, "due_on": due_on.isoformat()},
    )
    return locked


@transaction.atomic(durable=True)
def report_action_done(*, actor: User, nonconformity: Nonconformity, note: str) -> Nonconformity:
    locked = _locked_nonconformity(nonconformity)
    if actor.pk != locked.owner_id and not has_role_over(actor, locked.agency, MANAGERS):
        raise _deny(_("Chỉ người được giao hoặc lãnh đạo cơ quan được báo cáo hoàn thành."))
    transitions.move_nonconformity(locked, NonconformityStatus.ACTION_DONE)
    text = _text(note, "done_note", _("Hãy ghi kết quả thực hiện (tối đa 2.000 ký tự)."))
    locked.done_note, locked.done_at = text, timezone.now()
    locked.save(update_fields=["status", "done_note", "done_at"])
    record_event(
        event_type="quality.action_done",
        actor=actor,
        target=locked,
        unit=locked.agency,
        details={"due_on": locked.due_on.isoformat() if locked.due_on else None},
    )
    return locked


@transaction.atomic(durable=True)
def check_effectiveness(
    *,
    actor: User,
    nonconformity: Nonconformity,
    effective: bool,
    note: str,
    new_due_on: date | None = None,
) -> Nonconformity:
    """The effectiveness check: effective closes it; not effective gives the owner a new date."""
    locked = _locked_nonconformity(nonconformity)
    auditor = locked.finding.audit.auditors.filter(pk=actor.pk).exists()
    if not (auditor or has_role_over(actor, locked.agency, CHECKERS)):
        raise _deny(_("Chỉ chuyên gia đánh giá hoặc lãnh đạo cơ quan được kiểm tra hiệu lực."))
    if actor.pk == locked.owner_id:
        raise PermissionDenied(
            QualityError.OWN_ACTION,
            _("Người thực hiện không tự kiểm tra hiệu lực hành động của mình."),
        )
    target = NonconformityStatus.CLOSED if effective else NonconformityStatus.ACTION_PLANNED
    transitions.move_nonconformity(locked, target)
    text = _text(note, "check_note", _("Hãy ghi nhận xét kiểm tra (tối đa 2.000 ký tự)."))
    now = timezone.now()
    fields = ["status", "checked_by", "checked_at", "check_note"]
    if effective:
        locked.closed_at = now
        fields.append("closed_at")
    else:
        if new_due_on is None or new_due_on < timezone.localdate(now):
            raise _invalid("due_on", _("Hãy cho hạn hoàn thành mới, không trước hôm nay."))
        locked.due_on, locked.done_at = new_due_on, None
        locked.ineffective_checks += 1
        fields += ["due_on", "done_at", "ineffective_checks"]
    locked.checked_by, locked.checked_at, locked.check_note = actor, now, text
    locked.save(update_fields=fields)
    record_event(
        event_type="quality.action_checked",
        actor=actor,
        target=locked,
        unit=locked.agency,
        details={
            "effective": effective,
            "due_on": locked.due_on.isoformat() if locked.due_on else None,
        },
    )
    return locked

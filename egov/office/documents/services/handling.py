"""Assigning and handling an incoming document (Decree 30/2020/NĐ-CP art. 24).

The leader records the lead (chủ trì), the coordinating units or people
(phối hợp), those informed (nhận để biết), the instructions (bút phê) and
the deadline in working days; a head of department hands their unit's part
to a specialist; each holder's steps (received, read, commented, completed,
returned) go into the document's history. Row locks: the document first,
then its holders by pk; the audit event last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.office.documents import notices
from egov.office.documents.errors import OfficeError
from egov.office.documents.events import IncomingAssigned, IncomingHandled
from egov.office.documents.models import (
    ActionKind,
    Holder,
    HolderRole,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
    Secrecy,
)
from egov.office.documents.selectors import open_holdings
from egov.office.documents.services.common import audit, history, required_text
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.core.errors import InvalidInput, NotFound, PermissionDenied
from egov.platform.core.events import publish
from egov.platform.organisation.models import Unit
from egov.platform.workcalendar.deadlines import due_at

MAX_WORKING_DAYS = 365


@dataclass(frozen=True)
class Assignment:
    lead_unit: Unit | None = None
    lead_user: User | None = None
    coordinating_units: Sequence[Unit] = field(default_factory=tuple)
    coordinating_users: Sequence[User] = field(default_factory=tuple)
    information_units: Sequence[Unit] = field(default_factory=tuple)
    information_users: Sequence[User] = field(default_factory=tuple)
    instructions: str = ""
    working_days: int | None = None


class HolderAction(StrEnum):
    RECEIVE = "receive"
    COMMENT = "comment"
    COMPLETE = "complete"
    RETURN = "return"


def _locked(document: IncomingDocument) -> IncomingDocument:
    return IncomingDocument.objects.select_for_update().select_related("body").get(pk=document.pk)


def _deadline(working_days: int | None) -> datetime | None:
    if working_days is None:
        return None
    if not 1 <= working_days <= MAX_WORKING_DAYS:
        raise InvalidInput(
            OfficeError.DEADLINE_INVALID,
            _("Hạn xử lý phải từ 1 đến %(max)s ngày làm việc.") % {"max": MAX_WORKING_DAYS},
        )
    return due_at(timezone.now(), working_days=working_days)


def _may_assign(actor: User, document: IncomingDocument) -> bool:
    return actor.pk == document.leader_id or has_role_over(actor, document.body, [Role.LEADER])


def _check_units(document: IncomingDocument, units: Sequence[Unit]) -> None:
    for unit in units:
        if not unit.is_active or not unit.is_within(document.body):
            raise InvalidInput(
                OfficeError.HOLDER_NOT_ELIGIBLE,
                _("Đơn vị «%(unit)s» không thuộc cơ quan nhận văn bản.") % {"unit": unit.name},
            )
    if units and document.secrecy != Secrecy.NONE:
        raise InvalidInput(
            OfficeError.CONFIDENTIAL_NEEDS_PERSON,
            _("Văn bản mật chỉ được giao cho cá nhân cụ thể, không giao cho đơn vị."),
        )


def _works_within(user: User, unit: Unit) -> bool:
    return (
        user.is_active
        and Membership.objects.filter(
            user=user, unit__is_active=True, unit__path__startswith=unit.path
        ).exists()
    )


def _check_users(document: IncomingDocument, users: Sequence[User]) -> None:
    for user in users:
        if not _works_within(user, document.body):
            raise InvalidInput(
                OfficeError.HOLDER_NOT_ELIGIBLE,
                _("«%(name)s» không công tác tại cơ quan nhận văn bản.")
                % {"name": user.display_name},
            )


def _heads_of(units: Sequence[Unit]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__unit__in=list(units),
            memberships__role__in=[Role.HEAD, Role.LEADER],
        )
        .distinct()
        .order_by("pk")
    )


def assign_incoming(
    *, actor: User, document: IncomingDocument, assignment: Assignment
) -> IncomingDocument:
    """The leader's assignment: one lead, any coordinating and informed, instructions, deadline."""
    with transaction.atomic(durable=True):
        document = _locked(document)
        if not _may_assign(actor, document):
            raise PermissionDenied(
                OfficeError.PERMISSION_DENIED,
                _("Chỉ lãnh đạo được trình văn bản mới được phân công xử lý."),
            )
        if document.status != IncomingStatus.AWAITING_ASSIGNMENT:
            raise InvalidInput(
                OfficeError.NOT_AWAITING_ASSIGNMENT, _("Văn bản này đã được phân công xử lý.")
            )
        a = assignment
        if (a.lead_unit is None) == (a.lead_user is None):
            raise InvalidInput(
                OfficeError.LEAD_REQUIRED,
                _("Chọn một đơn vị hoặc một cá nhân chủ trì xử lý."),
            )
        lead_units = [a.lead_unit] if a.lead_unit is not None else []
        lead_users = [a.lead_user] if a.lead_user is not None else []
        all_units = [*lead_units, *a.coordinating_units, *a.information_units]
        all_users = [*lead_users, *a.coordinating_users, *a.information_users]
        _check_units(document, all_units)
        _check_users(document, all_users)
        deadline = _deadline(a.working_days)
        instructions = " ".join(a.instructions.split())[:2000]
        holders: list[Holder] = []
        seen: set[tuple[str, int]] = set()
        for role, units, users in (
            (HolderRole.LEAD, lead_units, lead_users),
            (HolderRole.COORDINATE, a.coordinating_units, a.coordinating_users),
            (HolderRole.INFORMATION, a.information_units, a.information_users),
        ):
            # The strongest role wins when someone is chosen twice.
            for unit in units:
                if ("unit", unit.pk) not in seen:
                    seen.add(("unit", unit.pk))
                    holders.append(_holder(document, actor, role, deadline, unit=unit))
            for user in users:
                if ("user", user.pk) not in seen:
                    seen.add(("user", user.pk))
                    holders.append(_holder(document, actor, role, deadline, user=user))
        document.status = IncomingStatus.IN_PROGRESS
        document.instructions = instructions
        document.due_at = deadline
        document.assigned_at = timezone.now()
        document.save(update_fields=["status", "instructions", "due_at", "assigned_at"])
        history(document, actor, ActionKind.ASSIGNED, note=instructions)
        publish(IncomingAssigned(document=document))
        recipients = [h.user for h in holders if h.user is not None]
        recipients += _heads_of([h.unit for h in holders if h.unit is not None])
        notices.handed(document, list(dict.fromkeys(recipients)), event=f"assigned:{len(holders)}")
        audit(
            document,
            actor,
            "assigned",
            {
                "holders": [
                    {"role": h.role, "unit": h.unit_id, "user": h.user_id} for h in holders
                ],
                "due_at": deadline.isoformat() if deadline else None,
            },
        )
    return document


def _holder(
    document: IncomingDocument,
    actor: User,
    role: HolderRole,
    deadline: datetime | None,
    *,
    unit: Unit | None = None,
    user: User | None = None,
    parent: Holder | None = None,
) -> Holder:
    return Holder.objects.create(
        document=document,
        unit=unit,
        user=user,
        role=role,
        parent=parent,
        assigned_by=actor,
        due_at=deadline,
    )


def reassign_incoming(
    *,
    actor: User,
    document: IncomingDocument,
    specialist: User,
    note: str = "",
    working_days: int | None = None,
) -> Holder:
    """A head hands their unit's holding to a specialist of the unit (chuyển xử lý)."""
    with transaction.atomic(durable=True):
        document = _locked(document)
        if document.status != IncomingStatus.IN_PROGRESS:
            raise InvalidInput(
                OfficeError.ACTION_NOT_ALLOWED, _("Văn bản không ở trạng thái đang xử lý.")
            )
        holding = (
            Holder.objects.select_for_update(of=("self",))
            .filter(
                document=document,
                unit__isnull=False,
                user__isnull=True,
                status=HolderStatus.OPEN,
                role__in=[HolderRole.LEAD, HolderRole.COORDINATE],
            )
            .select_related("unit")
            .order_by("pk")
        )
        parent = next(
            (
                h
                for h in holding
                if h.unit is not None and has_role_over(actor, h.unit, [Role.HEAD, Role.LEADER])
            ),
            None,
        )
        if parent is None or parent.unit is None:
            raise PermissionDenied(
                OfficeError.PERMISSION_DENIED,
                _("Chỉ lãnh đạo đơn vị đang giữ văn bản mới được chuyển cho chuyên viên."),
            )
        if not _works_within(specialist, parent.unit):
            raise InvalidInput(
                OfficeError.HOLDER_NOT_ELIGIBLE,
                _("«%(name)s» không công tác tại %(unit)s.")
                % {"name": specialist.display_name, "unit": parent.unit.name},
            )
        deadline = _deadline(working_days) if working_days is not None else parent.due_at
        child = _holder(
            document, actor, HolderRole(parent.role), deadline, user=specialist, parent=parent
        )
        text = " ".join(note.split())[:2000]
        history(document, actor, ActionKind.FORWARDED, holder=child, note=text)
        notices.handed(document, [specialist], event=f"forwarded:{child.pk}")
        audit(
            document,
            actor,
            "forwarded",
            {"from_unit": parent.unit_id, "to_user": specialist.pk, "holder": child.pk},
        )
    return child


def act_on_incoming(
    *, actor: User, document: IncomingDocument, action: HolderAction, note: str = ""
) -> Holder:
    """A holder's step: received, commented, completed, returned."""
    with transaction.atomic(durable=True):
        document = _locked(document)
        holding = (
            open_holdings(actor, document)
            .select_for_update(of=("self",))
            .select_related("parent")
            .first()
        )
        if holding is None:
            raise PermissionDenied(
                OfficeError.NOT_A_HOLDER, _("Bạn không phải người đang xử lý văn bản này.")
            )
        text = " ".join(note.split())
        if action in (HolderAction.COMMENT, HolderAction.RETURN):
            text = required_text(note, _("ý kiến"), limit=2000)
        else:
            text = text[:2000]
        _apply(actor, document, holding, action, text)
        audit(document, actor, action.value, {"holder": holding.pk, "note": text})
    return holding


def _apply(
    actor: User, document: IncomingDocument, holding: Holder, action: HolderAction, note: str
) -> None:
    now = timezone.now()
    if action == HolderAction.RECEIVE:
        history(document, actor, ActionKind.RECEIVED, holder=holding, note=note)
        if holding.role == HolderRole.LEAD:
            publish(IncomingHandled(document=document, completed=False))
        return
    if action == HolderAction.COMMENT:
        history(document, actor, ActionKind.COMMENTED, holder=holding, note=note)
        return
    if action == HolderAction.COMPLETE:
        if holding.role == HolderRole.INFORMATION:
            raise InvalidInput(
                OfficeError.ACTION_NOT_ALLOWED,
                _("Văn bản nhận để biết không cần hoàn thành xử lý."),
            )
        _close(holding, HolderStatus.DONE, now)
        history(document, actor, ActionKind.COMPLETED, holder=holding, note=note)
        if holding.role == HolderRole.LEAD:
            # The lead finished: the document's handling is complete, and the
            # others' open parts with it.
            Holder.objects.filter(document=document, status=HolderStatus.OPEN).update(
                status=HolderStatus.DONE, done_at=now
            )
            document.status = IncomingStatus.COMPLETED
            document.completed_at = now
            document.save(update_fields=["status", "completed_at"])
            publish(IncomingHandled(document=document, completed=True))
        return
    # Return: to the head who forwarded it, or (the lead) to the leader.
    _close(holding, HolderStatus.RETURNED, now)
    history(document, actor, ActionKind.RETURNED, holder=holding, note=note)
    if holding.parent is None and holding.role == HolderRole.LEAD:
        Holder.objects.filter(document=document, status=HolderStatus.OPEN).update(
            status=HolderStatus.RETURNED, done_at=now
        )
        document.status = IncomingStatus.AWAITING_ASSIGNMENT
        document.save(update_fields=["status"])
        notices.tell(
            document,
            document.leader,
            title=_("Văn bản đến bị trả lại, cần phân công lại"),
            event=f"returned:{holding.pk}",
        )


def _close(holding: Holder, status: HolderStatus, now: datetime) -> None:
    holding.status = status
    holding.done_at = now
    holding.save(update_fields=["status", "done_at"])
    # A unit's holding closes with the specialist's when the specialist
    # completes it; a return leaves it open, back with the head.
    if status == HolderStatus.DONE and holding.parent is not None:
        _close(holding.parent, status, now)


def mark_read(*, actor: User, document: IncomingDocument) -> bool:
    """Record that a holder opened the document, once per holding. True when recorded."""
    # Only the holding the actor acts through: a specialist reading their
    # part does not mark their unit's part read.
    holdings = [h for h in open_holdings(actor, document)[:1] if h.read_at is None]
    if not holdings:
        return False
    with transaction.atomic(durable=True):
        holding = Holder.objects.select_for_update().get(pk=holdings[0].pk)
        if holding.read_at is not None:
            return False
        holding.read_at = timezone.now()
        holding.save(update_fields=["read_at"])
        history(document, actor, ActionKind.READ, holder=holding)
        audit(document, actor, "read", {"holder": holding.pk})
    return True


def holding_of(actor: User, document: IncomingDocument) -> Holder:
    holding = open_holdings(actor, document).first()
    if holding is None:
        raise NotFound(OfficeError.NOT_A_HOLDER, _("Bạn không phải người đang xử lý văn bản này."))
    return holding


def withdraw_incoming(*, actor: User, document: IncomingDocument, note: str) -> IncomingDocument:
    """End an incoming document its issuer recalled or replaced: no one handles it any more.

    Decree 30/2020/NĐ-CP, Appendix I, IV.4: a recalled electronic document is
    withdrawn by the receiver too. The caller holds the transaction (the
    exchange queues its answer, status 15, in the same one) and has checked
    that `actor` speaks for the receiving body. Open holdings are closed so the
    document leaves every inbox; the history and the audit say why.
    """
    document = IncomingDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    if document.status == IncomingStatus.WITHDRAWN:
        return document
    now = timezone.now()
    for holding in Holder.objects.select_for_update().filter(
        document=document, status=HolderStatus.OPEN
    ):
        holding.status = HolderStatus.DONE
        holding.done_at = now
        holding.save(update_fields=["status", "done_at"])
    previous = document.status
    document.status = IncomingStatus.WITHDRAWN
    document.save(update_fields=["status"])
    history(document, actor, ActionKind.WITHDRAWN, note=note)
    audit(document, actor, "withdrawn", {"previous": previous, "note": note[:200]})
    return document

"""Recording receptions and leaders' reception days (Law on Citizen Reception 2013).

Each change runs in one durable transaction with its audit event
(`voice.reception_*`, never carrying the citizen's identity).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit
from egov.voice.complaints.models import Petition
from egov.voice.reception.errors import ReceptionError
from egov.voice.reception.models import Handling, Matter, Reception, ReceptionDay, ReceptionKind

RECEIVERS = (Role.RECEPTION, Role.CLERK, Role.SPECIALIST, Role.HEAD, Role.LEADER)
SCHEDULERS = (Role.HEAD, Role.LEADER)

# A delegation (đoàn đông người) is received through its representatives: Decree
# 64/2014/NĐ-CP (implementing the Law on Citizen Reception 2013) is recalled as
# allowing at most five, and five or more people as a group (models.is_group).
# Neither figure could be checked against the text here: data, unverified.
GROUP_REPRESENTATIVES_MAX = 5
GROUP_RULE_VERIFIED = False


@dataclass(frozen=True)
class Visit:
    kind: str
    citizen_name: str
    matter: str
    content: str
    handling: str
    place: str
    people: int = 1
    citizen_id_number: str = ""
    citizen_address: str = ""
    lead_unit: str = ""
    coordinating_units: str = ""
    deadline: date | None = None
    result: str = ""
    wants_leader: bool = False
    appointment: datetime | None = None
    petition_code: str = ""
    # A delegation's other representatives, beside `citizen_name`.
    representatives: tuple[str, ...] = ()


def _bad(message: str) -> InvalidInput:
    return InvalidInput(ReceptionError.INVALID_FIELD, message)


def _required(value: str, label: str, limit: int) -> str:
    text = (value or "").strip()
    if not text or len(text) > limit:
        raise _bad(
            _("Cần nhập %(field)s (tối đa %(limit)s ký tự).") % {"field": label, "limit": limit}
        )
    return text


def _representatives(visit: Visit) -> list[str]:
    """The delegation's other representatives, checked against its size and the limit."""
    names = [" ".join(n.split()) for n in visit.representatives]
    names = [n for n in names if n]
    if not names:
        return []
    if any(len(n) > 150 for n in names):
        raise _bad(_("Họ tên người đại diện tối đa 150 ký tự."))
    if visit.people < 2:
        raise _bad(_("Chỉ đoàn nhiều người mới ghi thêm người đại diện."))
    if 1 + len(names) > min(visit.people, GROUP_REPRESENTATIVES_MAX):
        raise _bad(
            _("Đoàn %(people)s người có tối đa %(max)s người đại diện (kể cả người đứng tên).")
            % {"people": visit.people, "max": min(visit.people, GROUP_REPRESENTATIVES_MAX)}
        )
    return names


def record_reception(
    *, actor: User, unit: Unit, visit: Visit, day: ReceptionDay | None = None
) -> Reception:
    if not has_role_over(actor, unit, RECEIVERS):
        raise PermissionDenied(
            ReceptionError.PERMISSION_DENIED, _("Bạn không có quyền vào sổ tiếp công dân.")
        )
    if visit.kind not in ReceptionKind.values or visit.matter not in Matter.values:
        raise _bad(_("Hình thức tiếp hoặc loại việc không hợp lệ."))
    if visit.handling not in Handling.values:
        raise _bad(_("Hướng xử lý không hợp lệ."))
    if not 1 <= visit.people <= 1000:
        raise _bad(_("Số người không hợp lệ."))
    representatives = _representatives(visit)
    if day is not None and day.unit_id != unit.pk:
        raise _bad(_("Lịch tiếp không thuộc cơ quan này."))
    petition = None
    if visit.petition_code.strip():
        petition = Petition.objects.filter(
            code=visit.petition_code.strip().upper(), addressed_to=unit
        ).first()
        if petition is None:
            raise _bad(_("Không tìm thấy đơn trong sổ của cơ quan."))
    with transaction.atomic(durable=True):
        reception = Reception.objects.create(
            unit=unit,
            received_at=timezone.now(),
            kind=visit.kind,
            day=day,
            officer=actor,
            place=_required(visit.place, _("địa điểm"), 300),
            citizen_name=_required(visit.citizen_name, _("họ tên"), 150),
            citizen_id_number=visit.citizen_id_number.strip()[:12],
            citizen_address=visit.citizen_address.strip()[:300],
            people=visit.people,
            representatives=representatives,
            matter=visit.matter,
            content=_required(visit.content, _("nội dung"), 10000),
            handling=visit.handling,
            lead_unit=visit.lead_unit.strip()[:300],
            coordinating_units=visit.coordinating_units.strip()[:300],
            deadline=visit.deadline,
            result=visit.result.strip(),
            wants_leader=visit.wants_leader,
            appointment=visit.appointment,
            petition=petition,
        )
        record_event(
            event_type="voice.reception_recorded",
            actor=actor,
            target=reception,
            unit=unit,
            details={
                "kind": reception.kind,
                "people": reception.people,
                # How many, never who: the names are the citizens' identity.
                "representatives": 1 + len(representatives),
                "petition": petition.code if petition else "",
            },
        )
    return reception


def schedule_day(
    *, actor: User, unit: Unit, leader: User, day: date, place: str, note: str = ""
) -> ReceptionDay:
    """A leader's regular reception day (Law on Citizen Reception 2013 art. 12-15)."""
    if not has_role_over(actor, unit, SCHEDULERS):
        raise PermissionDenied(
            ReceptionError.PERMISSION_DENIED, _("Bạn không có quyền xếp lịch tiếp công dân.")
        )
    if not has_role_over(leader, unit, (Role.LEADER, Role.HEAD)):
        raise _bad(_("Người tiếp phải là lãnh đạo của cơ quan."))
    place = _required(place, _("địa điểm"), 300)
    if ReceptionDay.objects.filter(unit=unit, leader=leader, date=day).exists():
        raise _bad(_("Lãnh đạo đã có lịch tiếp ngày này."))
    with transaction.atomic(durable=True):
        row = ReceptionDay.objects.create(
            unit=unit, leader=leader, date=day, place=place, note=note.strip()[:300]
        )
        record_event(
            event_type="voice.reception_day_scheduled",
            actor=actor,
            target=row,
            unit=unit,
            details={"date": day.isoformat(), "leader": leader.pk},
        )
    return row


def record_outcome(
    *, actor: User, reception: Reception, result: str, petition_code: str = ""
) -> Reception:
    """What the reception led to, written later: the result and the petition it became.

    An empty petition number keeps the link already there (the register's
    line is evidence; a wrong link is corrected by another number).
    """
    if not has_role_over(actor, reception.unit, RECEIVERS):
        raise PermissionDenied(
            ReceptionError.PERMISSION_DENIED, _("Bạn không có quyền vào sổ tiếp công dân.")
        )
    result = _required(result, _("kết quả"), 10000)
    petition = None
    if petition_code.strip():
        petition = Petition.objects.filter(
            code=petition_code.strip().upper(), addressed_to_id=reception.unit_id
        ).first()
        if petition is None:
            raise _bad(_("Không tìm thấy đơn trong sổ của cơ quan."))
    with transaction.atomic(durable=True):
        reception = Reception.objects.select_for_update().get(pk=reception.pk)
        reception.result = result
        if petition is not None:
            reception.petition = petition
        reception.save(update_fields=["result", "petition"])
        record_event(
            event_type="voice.reception_outcome_recorded",
            actor=actor,
            target=reception,
            unit=reception.unit,
            details={"petition": reception.petition.code if reception.petition else ""},
        )
    return reception


def shown_citizen(reception: Reception) -> str:
    """The register masks a denouncer, as complaints do (Law on Denunciations 2018 art. 47)."""
    return "[đã ẩn]" if reception.matter == Matter.DENUNCIATION else reception.citizen_name


def shown_representatives(reception: Reception) -> list[str]:
    """A delegation's other representatives, masked with the denouncer (none shown then)."""
    if reception.matter == Matter.DENUNCIATION:
        return []
    return [str(n) for n in reception.representatives]

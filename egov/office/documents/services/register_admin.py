"""A unit's administrator manages its registers (sổ văn bản): create, rename, close, reopen.

Issue 19, item 5: within the administrator's subtree only (the province's IT
centre, administrator at the root, manages them all), each change audited in
its transaction. The rules come from Decree 30/2020/NĐ-CP art. 15: a
register's numbers run from 01 on 1 January to 31 December of its year, so

- a register is created for the current year or the next one (opened ahead
  for 1 January), never for a year that is over;
- closing (khóa sổ) stops numbering from it (`register_for` and
  `issue_number` skip or refuse a closed register); at the year's end the
  year's registers are closed and the next year's are opened afresh
  (registers.open_year);
- a closed register may reopen only while its year lasts: once the year is
  over its series is finished for good.

A closed register keeps its name as it was closed (the printed register's
header), so only an open one is renamed. The incoming register stays one a
year (and one for secret documents), the model's constraint.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import Direction, Register
from egov.platform.accounts.administration import check_administers_unit
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput
from egov.platform.organisation.models import Unit

MAX_NAME = 150


def _this_year() -> int:
    return timezone.localdate().year


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_NAME:
        raise InvalidInput(
            OfficeError.INVALID_FIELD,
            _("Tên sổ phải có từ 1 đến %(max)s ký tự.") % {"max": MAX_NAME},
            details={"fields": {"name": [_("Tên sổ không hợp lệ.")]}},
        )
    return cleaned


def _name_taken(year: int) -> Conflict:
    return Conflict(
        OfficeError.REGISTER_NAME_TAKEN,
        _("Cơ quan đã có sổ cùng tên và cùng loại trong năm %(year)s.") % {"year": year},
        details={"fields": {"name": [_("Tên sổ đã được dùng.")]}},
    )


@transaction.atomic
def create_register(
    *,
    actor: User | None,
    body: Unit,
    year: int,
    direction: Direction,
    name: str,
    confidential: bool,
) -> Register:
    check_administers_unit(actor, body)
    this_year = _this_year()
    if year not in (this_year, this_year + 1):
        raise InvalidInput(
            OfficeError.REGISTER_YEAR_INVALID,
            _("Chỉ mở sổ cho năm %(this)s hoặc năm %(next)s.")
            % {"this": this_year, "next": this_year + 1},
            details={"fields": {"year": [_("Năm không hợp lệ.")]}},
        )
    cleaned = _clean_name(name)
    try:
        with transaction.atomic():
            register = Register.objects.create(
                body=body, year=year, direction=direction, name=cleaned, confidential=confidential
            )
    except IntegrityError as exc:
        if direction == Direction.INCOMING:
            # Decree 30 art. 22: the arrival number is one yearly series.
            raise Conflict(
                OfficeError.REGISTER_NAME_TAKEN,
                _("Mỗi năm cơ quan chỉ có một sổ văn bản đến (và một sổ văn bản đến mật)."),
            ) from exc
        raise _name_taken(year) from exc
    record_event(
        event_type="office.register_created",
        actor=actor,
        target=register,
        unit=body,
        details={
            "year": year,
            "direction": str(direction),
            "name": cleaned,
            "confidential": confidential,
        },
    )
    return register


def _locked(register: Register) -> Register:
    return Register.objects.select_for_update().select_related("body").get(pk=register.pk)


@transaction.atomic
def rename_register(*, actor: User | None, register: Register, name: str) -> Register:
    check_administers_unit(actor, register.body)
    locked = _locked(register)
    if locked.closed_at is not None:
        raise InvalidInput(OfficeError.REGISTER_CLOSED, _("Sổ đã khóa: không đổi tên sổ đã khóa."))
    cleaned = _clean_name(name)
    previous = locked.name
    if cleaned == previous:
        return locked
    locked.name = cleaned
    try:
        with transaction.atomic():
            locked.save(update_fields=["name"])
    except IntegrityError as exc:
        raise _name_taken(locked.year) from exc
    record_event(
        event_type="office.register_renamed",
        actor=actor,
        target=locked,
        unit=locked.body,
        details={"from": previous, "to": cleaned},
    )
    return locked


@transaction.atomic
def close_register(*, actor: User | None, register: Register) -> Register:
    check_administers_unit(actor, register.body)
    locked = _locked(register)
    if locked.closed_at is not None:
        raise InvalidInput(OfficeError.REGISTER_CLOSED, _("Sổ này đã khóa."))
    locked.closed_at, locked.closed_by = timezone.now(), actor
    locked.save(update_fields=["closed_at", "closed_by"])
    record_event(
        event_type="office.register_closed",
        actor=actor,
        target=locked,
        unit=locked.body,
        details={"year": locked.year, "last_number": locked.last_number},
    )
    return locked


@transaction.atomic
def reopen_register(*, actor: User | None, register: Register) -> Register:
    check_administers_unit(actor, register.body)
    locked = _locked(register)
    if locked.closed_at is None:
        raise InvalidInput(OfficeError.REGISTER_OPEN, _("Sổ này đang mở."))
    if locked.year < _this_year():
        # Decree 30 art. 15: the year's series ended on 31 December.
        raise InvalidInput(
            OfficeError.REGISTER_YEAR_INVALID,
            _("Năm %(year)s đã kết thúc: sổ của năm đó không mở lại được.") % {"year": locked.year},
        )
    locked.closed_at, locked.closed_by = None, None
    locked.save(update_fields=["closed_at", "closed_by"])
    record_event(
        event_type="office.register_reopened",
        actor=actor,
        target=locked,
        unit=locked.body,
        details={"year": locked.year, "last_number": locked.last_number},
    )
    return locked

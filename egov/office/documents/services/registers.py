"""Registers: opening a year's registers, choosing a register, issuing a number.

A register belongs to a body and a year. On the first number of a year the
body's registers of the year before are opened again, empty (Decree 30
art. 15: numbers start from 01 on 1 January); a body that never had one gets
the usual four: incoming, incoming secret, outgoing, outgoing secret.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    Direction,
    DocumentType,
    Register,
    RegisterEntry,
    UnitAbbreviation,
)
from egov.office.documents.numbering import take_number
from egov.office.documents.symbols import compose_notation
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from egov.platform.organisation.models import Unit


@dataclass(frozen=True)
class _Default:
    direction: Direction
    confidential: bool
    name: str


def _defaults() -> list[_Default]:
    return [
        _Default(Direction.INCOMING, False, _("Sổ văn bản đến")),
        _Default(Direction.INCOMING, True, _("Sổ văn bản đến mật")),
        _Default(Direction.OUTGOING, False, _("Sổ văn bản đi")),
        _Default(Direction.OUTGOING, True, _("Sổ văn bản đi mật")),
    ]


def open_year(body: Unit, year: int) -> list[Register]:
    """The body's registers of `year`, opened (from the year before, or the defaults) if none.

    Safe when two clerks open the same year at once: the register names are
    unique per body and year, so the second one finds the first one's rows.
    """
    existing = list(Register.objects.filter(body=body, year=year))
    if existing:
        return existing
    previous_year = (
        Register.objects.filter(body=body, year__lt=year).order_by("-year").values("year").first()
    )
    opened: list[Register] = []
    if previous_year is not None:
        for old in Register.objects.filter(body=body, year=previous_year["year"]).prefetch_related(
            "types"
        ):
            register, created = _open(body, year, old.direction, old.confidential, old.name)
            if created:
                register.types.set(old.types.all())
            opened.append(register)
    else:
        for default in _defaults():
            register, _created = _open(
                body, year, default.direction, default.confidential, default.name
            )
            opened.append(register)
    return opened


def _open(
    body: Unit, year: int, direction: str, confidential: bool, name: str
) -> tuple[Register, bool]:
    try:
        with transaction.atomic():
            return Register.objects.get_or_create(
                body=body,
                year=year,
                direction=direction,
                name=name,
                defaults={"confidential": confidential},
            )
    except IntegrityError:
        # Another clerk opened it between our read and our insert.
        return Register.objects.get(body=body, year=year, direction=direction, name=name), False


def register_for(
    *,
    body: Unit,
    year: int,
    direction: Direction,
    confidential: bool,
    document_type: DocumentType | None = None,
) -> Register:
    """The register a document goes into.

    Incoming: the year's one incoming register (or its secret twin).
    Outgoing: the register the administrators gave the type to, else the one
    with no types (it takes every type without a register of its own).
    """
    # A closed register (register_admin.py) takes no more documents.
    registers = [
        r
        for r in open_year(body, year)
        if r.direction == direction and r.confidential == confidential and r.closed_at is None
    ]
    if direction == Direction.OUTGOING and document_type is not None:
        typed = [
            r for r in registers if r.types.filter(pk=document_type.pk).exists()
        ]  # few registers
        if typed:
            return min(typed, key=lambda r: r.pk)
        registers = [r for r in registers if not r.types.exists()]
    if not registers:
        raise NotFound(
            OfficeError.REGISTER_NOT_FOUND,
            _("Cơ quan chưa có sổ văn bản phù hợp cho năm %(year)s.") % {"year": year},
        )
    return min(registers, key=lambda r: r.pk)


def abbreviation_of(unit: Unit | None) -> str:
    if unit is None:
        return ""
    found = UnitAbbreviation.objects.filter(unit=unit).values_list("abbreviation", flat=True)
    return next(iter(found), "")


def issue_number(
    *,
    actor: User,
    register: Register,
    document_type: DocumentType,
    drafting_unit: Unit | None = None,
) -> RegisterEntry:
    """Take the next number of an outgoing register and compose its symbol.

    Call it inside the transaction that issues the document, so that a
    failure after it gives the number back (see numbering.py).
    """
    if not has_role_over(actor, register.body, [Role.CLERK]):
        raise PermissionDenied(
            OfficeError.PERMISSION_DENIED, _("Chỉ văn thư của cơ quan mới được cấp số văn bản.")
        )
    if register.direction != Direction.OUTGOING:
        raise InvalidInput(
            OfficeError.WRONG_DIRECTION, _("Số văn bản đi chỉ được cấp từ sổ văn bản đi.")
        )
    if register.closed_at is not None:
        raise InvalidInput(OfficeError.REGISTER_CLOSED, _("Sổ đã khóa: không cấp số từ sổ này."))
    if document_type.is_letter and drafting_unit is not None:
        unit_abbreviation = abbreviation_of(drafting_unit)
        if not unit_abbreviation:
            raise InvalidInput(
                OfficeError.UNIT_WITHOUT_ABBREVIATION,
                _("Đơn vị soạn thảo chưa có chữ viết tắt tên: quản trị cần nhập trước."),
            )
    else:
        unit_abbreviation = ""
    body_abbreviation = abbreviation_of(register.body)
    with transaction.atomic():
        number = take_number(register)
        notation = compose_notation(
            number=number,
            type_abbreviation=document_type.abbreviation,
            is_letter=document_type.is_letter,
            body_abbreviation=body_abbreviation,
            unit_abbreviation=unit_abbreviation,
        )
        try:
            with transaction.atomic():
                entry = RegisterEntry.objects.create(
                    register=register,
                    number=number,
                    body_id=register.body_id,
                    year=register.year,
                    confidential=register.confidential,
                    notation=notation,
                    document_type=document_type,
                    taken_by=actor,
                )
        except IntegrityError as exc:
            raise Conflict(
                OfficeError.NOTATION_TAKEN,
                _("Số, ký hiệu %(notation)s đã được cấp trong năm.") % {"notation": notation},
            ) from exc
        record_event(
            event_type="office.number_issued",
            actor=actor,
            target=entry,
            unit=register.body,
            details={"register": register.pk, "number": number, "notation": notation},
        )
    return entry

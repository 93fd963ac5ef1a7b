"""Who a document can be sent to: the deployment's units and the imported outside agencies.

The import reads a CSV file (UTF-8, a header row) with the columns
`ma_dinh_danh, ten_co_quan, dia_chi, email, dien_thoai`. It is idempotent:
an agency is matched by its identifier, a row equal to what is stored
changes nothing, a different one updates it. A file with any row that
cannot be taken is refused whole, with every row's line and reason, and
nothing of it is written: an administrator fixes the file and runs it again.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.models import OutsideAgency
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.platform.organisation.models import AGENCY_CODE_RE, Unit

COLUMNS = ("ma_dinh_danh", "ten_co_quan", "dia_chi", "email", "dien_thoai")
FIELDS = {
    "ma_dinh_danh": "organ_id",
    "ten_co_quan": "name",
    "dia_chi": "address",
    "email": "email",
    "dien_thoai": "telephone",
}
_CODE = re.compile(AGENCY_CODE_RE)


@dataclass(frozen=True)
class Agency:
    """One entry of the directory."""

    organ_id: str
    name: str
    # True for a unit of this deployment (delivered inside it), False for an outside agency.
    own: bool


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0


def directory(query: str = "") -> list[Agency]:
    """Every agency with an identifier, own units first, each group by name."""
    own = Unit.objects.filter(is_active=True, agency_code__isnull=False)
    outside = OutsideAgency.objects.filter(is_active=True)
    if query:
        own = own.filter(name__icontains=query) | own.filter(agency_code__startswith=query)
        outside = outside.filter(name__icontains=query) | outside.filter(organ_id__startswith=query)
    agencies = [
        Agency(organ_id=code, name=name, own=True)
        for code, name in own.order_by("name").values_list("agency_code", "name")
        if code  # the filter excludes NULL; this tells mypy
    ]
    own_codes = {agency.organ_id for agency in agencies}
    agencies += [
        Agency(organ_id=code, name=name, own=False)
        for code, name in outside.order_by("name").values_list("organ_id", "name")
        if code not in own_codes
    ]
    return agencies


def agencies_by_id(organ_ids: list[str]) -> dict[str, Agency]:
    """The active agencies among `organ_ids` (own units win over an outside row)."""
    found = {
        code: Agency(organ_id=code, name=name, own=False)
        for code, name in OutsideAgency.objects.filter(
            is_active=True, organ_id__in=organ_ids
        ).values_list("organ_id", "name")
    }
    for code, name in Unit.objects.filter(is_active=True, agency_code__in=organ_ids).values_list(
        "agency_code", "name"
    ):
        if code:
            found[code] = Agency(organ_id=code, name=name, own=True)
    return found


def own_unit(organ_id: str) -> Unit | None:
    """The deployment's active unit with this identifier, if any."""
    return Unit.objects.filter(is_active=True, agency_code=organ_id).first() if organ_id else None


def import_agencies(*, actor: User | None, data: bytes) -> ImportResult:
    """Add or update the outside agencies of a CSV file; all rows or none."""
    rows = _read(data)
    result = ImportResult()
    with transaction.atomic():
        stored = {agency.organ_id: agency for agency in OutsideAgency.objects.select_for_update()}
        for values in rows:
            agency = stored.get(values["organ_id"])
            if agency is None:
                agency = OutsideAgency.objects.create(**values)
                result.added.append(agency.organ_id)
                event = "exchange.agency_added"
            else:
                changes = {
                    name: value for name, value in values.items() if getattr(agency, name) != value
                }
                if not changes and agency.is_active:
                    result.unchanged += 1
                    continue
                for name, value in changes.items():
                    setattr(agency, name, value)
                agency.is_active = True
                agency.save()
                result.changed.append(agency.organ_id)
                event = "exchange.agency_changed"
            record_event(
                event_type=event,
                actor=actor,
                target=agency,
                details={"organ_id": agency.organ_id, "name": agency.name},
            )
    return result


def _read(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused([_("Tệp không phải là văn bản UTF-8.")]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS[:2] if name not in header]
    if missing:
        raise _refused(
            [_("Thiếu cột %(columns)s ở dòng tiêu đề.") % {"columns": ", ".join(missing)}]
        )
    reader.fieldnames = header
    own_codes = set(
        Unit.objects.filter(agency_code__isnull=False).values_list("agency_code", flat=True)
    )
    rows: list[dict[str, str]] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(reader, start=2):
        values = {FIELDS[name]: (raw.get(name) or "").strip() for name in COLUMNS}
        code = values["organ_id"]
        reason = _reason(values, own_codes)
        if not reason and code in seen:
            reason = _("mã định danh %(code)s đã có ở dòng %(line)s") % {
                "code": code,
                "line": seen[code],
            }
        if reason:
            problems.append(_("Dòng %(line)s: %(reason)s.") % {"line": line, "reason": reason})
            continue
        seen[code] = line
        rows.append(values)
    if problems:
        raise _refused(problems)
    return rows


def _reason(values: dict[str, str], own_codes: set[str | None]) -> str:
    """Why an agency's values cannot be taken, or "" when they can."""
    code = values["organ_id"]
    if not _CODE.fullmatch(code):
        return _("mã định danh «%(code)s» không đúng dạng (ví dụ 000.00.00.H41)") % {"code": code}
    if not values["name"]:
        return _("thiếu tên cơ quan")
    if code in own_codes:
        return _("mã định danh %(code)s là của một đơn vị trong hệ thống") % {"code": code}
    if len(values["name"]) > 255 or len(values["address"]) > 255:
        return _("tên hoặc địa chỉ dài quá 255 ký tự")
    if len(values["email"]) > 254 or len(values["telephone"]) > 50:
        return _("thư điện tử hoặc điện thoại dài quá mức")
    return ""


def may_manage(user: User) -> bool:
    """The deployment's administrators keep the directory: a superuser, or an
    administrator of a top unit (the province), since it serves every unit."""
    if not user.is_active:
        return False
    return (
        user.is_superuser
        or Membership.objects.filter(
            user=user, role=Role.ADMINISTRATOR, unit__is_active=True, unit__parent__isnull=True
        ).exists()
    )


def save_agency(
    *, actor: User, values: dict[str, str], is_active: bool = True
) -> tuple[OutsideAgency, bool]:
    """Add or change one outside agency from the directory page. True when something changed."""
    if not may_manage(actor):
        raise PermissionDenied(
            ExchangeError.DIRECTORY_DENIED,
            _("Chỉ quản trị hệ thống mới được sửa danh bạ liên thông."),
        )
    values = {name: " ".join((values.get(name) or "").split()) for name in FIELDS.values()}
    own_codes = set(
        Unit.objects.filter(agency_code=values["organ_id"]).values_list("agency_code", flat=True)
    )
    reason = _reason(values, own_codes)
    if reason:
        raise InvalidInput(
            ExchangeError.AGENCY_INVALID,
            _("Không lưu được cơ quan: %(reason)s.") % {"reason": reason},
        )
    with transaction.atomic():
        agency = (
            OutsideAgency.objects.select_for_update().filter(organ_id=values["organ_id"]).first()
        )
        if agency is None:
            agency = OutsideAgency.objects.create(**values, is_active=is_active)
            event = "exchange.agency_added"
        else:
            changes = {k: v for k, v in values.items() if getattr(agency, k) != v}
            if not changes and agency.is_active == is_active:
                return agency, False
            for name, value in changes.items():
                setattr(agency, name, value)
            agency.is_active = is_active
            agency.save()
            event = "exchange.agency_changed"
        record_event(
            event_type=event,
            actor=actor,
            target=agency,
            details={"organ_id": agency.organ_id, "name": agency.name, "active": is_active},
        )
    return agency, True


def _refused(problems: list[str]) -> InvalidInput:
    return InvalidInput(
        ExchangeError.DIRECTORY_INVALID,
        _("Danh sách cơ quan không được nhập: %(count)s lỗi. Không có dòng nào được ghi.")
        % {"count": len(problems)},
        details={"problems": problems},
    )

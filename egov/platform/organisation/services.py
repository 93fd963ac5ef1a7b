"""State changes of the organisation tree. The only way units change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.errors import OrganisationError
from egov.platform.organisation.models import Unit, UnitKind

EDITABLE_FIELDS = ("name", "kind", "parent", "stat_code", "agency_code", "is_active")


def _validation_to_domain(exc: ValidationError) -> InvalidInput:
    fields = {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
    first = next(iter(fields.values()))[0] if fields else _("Dữ liệu không hợp lệ.")
    return InvalidInput(OrganisationError.INVALID_UNIT, first, details={"fields": fields})


def _check_admin(actor: User | None, parent: Unit | None) -> None:
    """Administrators manage their own subtree; only superusers add roots.

    `actor=None` is the system itself (management commands, data loading).
    """
    if actor is None:
        return
    if parent is None:
        if not actor.is_superuser:
            raise PermissionDenied(
                OrganisationError.PERMISSION_DENIED,
                _("Chỉ quản trị nền tảng được tạo đơn vị cấp cao nhất."),
            )
        return
    if not has_role_over(actor, parent, [Role.ADMINISTRATOR]):
        raise PermissionDenied(
            OrganisationError.PERMISSION_DENIED, _("Bạn không có quyền quản trị đơn vị này.")
        )


def _place(unit: Unit) -> None:
    parent = unit.parent
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0


def _save_checked(unit: Unit) -> None:
    try:
        unit.full_clean(exclude=["path"])
    except ValidationError as exc:
        raise _validation_to_domain(exc) from exc
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as exc:
        # A concurrent writer took the same agency or statistical code.
        raise Conflict(
            OrganisationError.UNIT_CODE_TAKEN,
            _("Mã định danh hoặc mã thống kê đã được dùng cho đơn vị khác."),
        ) from exc


@transaction.atomic
def create_unit(
    *,
    actor: User | None,
    name: str,
    kind: UnitKind | str,
    parent: Unit | None = None,
    stat_code: str | None = None,
    agency_code: str | None = None,
) -> Unit:
    return _create_unit(
        actor=actor,
        name=name,
        kind=kind,
        parent=parent,
        stat_code=stat_code,
        agency_code=agency_code,
    )


def _create_unit(
    *,
    actor: User | None,
    name: str,
    kind: UnitKind | str,
    parent: Unit | None,
    stat_code: str | None,
    agency_code: str | None,
    source: str | None = None,
) -> Unit:
    _check_admin(actor, parent)
    unit = Unit(
        name=name.strip(),
        kind=kind,
        parent=parent,
        stat_code=stat_code or None,
        agency_code=agency_code or None,
        path="/pending/",
    )
    _save_checked(unit)
    _place(unit)
    unit.save(update_fields=["path", "depth"])
    details: dict[str, Any] = {
        "name": unit.name,
        "kind": unit.kind,
        "parent": parent.pk if parent else None,
        "stat_code": unit.stat_code,
        "agency_code": unit.agency_code,
    }
    if source:
        details["source"] = source
    record_event(
        event_type="organisation.unit_created",
        actor=actor,
        target=unit,
        unit=unit,
        details=details,
    )
    return unit


@transaction.atomic
def update_unit(*, actor: User | None, unit: Unit, **changes: Any) -> Unit:
    return _update_unit(actor=actor, unit=unit, changes=changes)


def _update_unit(
    *, actor: User | None, unit: Unit, changes: dict[str, Any], source: str | None = None
) -> Unit:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(
            OrganisationError.INVALID_UNIT, _("Trường không được phép sửa: %s") % sorted(unknown)
        )
    # Lock the row so two administrators editing at once cannot interleave.
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if actor is not None and not has_role_over(actor, locked, [Role.ADMINISTRATOR]):
        raise PermissionDenied(
            OrganisationError.PERMISSION_DENIED, _("Bạn không có quyền quản trị đơn vị này.")
        )
    before = {field: _plain(getattr(locked, field)) for field in changes}
    for field, value in changes.items():
        if field in ("stat_code", "agency_code") and value == "":
            value = None
        setattr(locked, field, value)
    new_parent = locked.parent
    moved = "parent" in changes and before["parent"] != _plain(new_parent)
    if moved and new_parent is not None:
        _check_admin(actor, new_parent)
        if new_parent.path.startswith(locked.path):
            raise InvalidInput(
                OrganisationError.UNIT_CYCLE,
                _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."),
            )
    after = {field: _plain(getattr(locked, field)) for field in changes}
    changed = {f: {"from": before[f], "to": after[f]} for f in changes if before[f] != after[f]}
    if not changed:
        return locked
    _save_checked(locked)
    if moved:
        _move_subtree(locked)
    details: dict[str, Any] = {"changes": changed}
    if source:
        details["source"] = source
    record_event(
        event_type="organisation.unit_updated",
        actor=actor,
        target=locked,
        unit=locked,
        details=details,
    )
    return locked


def _move_subtree(unit: Unit) -> None:
    old_path = unit.path
    _place(unit)
    unit.save(update_fields=["path", "depth"])
    descendants = Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk)
    for node in descendants.select_for_update().order_by("pk"):
        node.path = unit.path + node.path[len(old_path) :]
        node.depth = node.path.count("/") - 2
        node.save(update_fields=["path", "depth"])


def _plain(value: Any) -> Any:
    if isinstance(value, Unit):
        return value.pk
    return value

"""State changes of accounts and roles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.errors import AccountError
from egov.platform.accounts.models import AccountKind, Membership, Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit


def _check_admin(actor: User | None, unit: Unit) -> None:
    if actor is not None and not has_role_over(actor, unit, [Role.ADMINISTRATOR]):
        raise PermissionDenied(
            AccountError.PERMISSION_DENIED, _("Bạn không có quyền quản trị đơn vị này.")
        )


@transaction.atomic
def create_account(
    *,
    actor: User | None,
    username: str,
    password: str,
    full_name: str,
    kind: AccountKind = AccountKind.STAFF,
    email: str = "",
    phone: str = "",
    id_number: str | None = None,
) -> User:
    """Create a login. Staff get roles afterwards with `grant_role`."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(
            AccountError.PERMISSION_DENIED, _("Chỉ quản trị nền tảng được tạo tài khoản.")
        )
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        kind=kind,
        email=email,
        phone=phone,
        id_number=id_number or None,
    )
    user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        first = next(iter(exc.message_dict.values()))[0]
        raise InvalidInput(
            AccountError.INVALID_ACCOUNT, first, details={"fields": exc.message_dict}
        ) from exc
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise Conflict(AccountError.ACCOUNT_EXISTS, _("Tên đăng nhập đã có người dùng.")) from exc
    record_event(
        event_type="accounts.account_created",
        actor=actor,
        target=user,
        details={"username": user.username, "kind": user.kind},
    )
    return user


@transaction.atomic
def grant_role(
    *, actor: User | None, user: User, unit: Unit, role: Role, title: str = ""
) -> Membership:
    _check_admin(actor, unit)
    if user.kind != AccountKind.STAFF:
        raise InvalidInput(
            AccountError.NOT_STAFF, _("Chỉ tài khoản cán bộ mới được giao vai trò tại đơn vị.")
        )
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"title": title}
    )
    if created:
        record_event(
            event_type="accounts.role_granted",
            actor=actor,
            target=user,
            unit=unit,
            details={"role": role.value, "unit": unit.pk, "title": title},
        )
    return membership


@transaction.atomic
def revoke_role(*, actor: User | None, membership: Membership) -> None:
    _check_admin(actor, membership.unit)
    record_event(
        event_type="accounts.role_revoked",
        actor=actor,
        target=membership.user,
        unit=membership.unit,
        details={"role": membership.role, "unit": membership.unit_id},
    )
    membership.delete()


@transaction.atomic
def make_platform_operator(*, actor: User | None, user: User) -> User:
    """Give a staff account the Django admin as a platform superuser."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(
            AccountError.PERMISSION_DENIED,
            _("Chỉ quản trị nền tảng được cấp quyền quản trị nền tảng."),
        )
    if user.kind != AccountKind.STAFF:
        raise InvalidInput(
            AccountError.NOT_STAFF, _("Chỉ tài khoản cán bộ mới được quản trị nền tảng.")
        )
    User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    user.refresh_from_db()
    record_event(
        event_type="accounts.platform_operator_granted",
        actor=actor,
        target=user,
        details={"username": user.username},
    )
    return user

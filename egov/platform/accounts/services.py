"""State changes of accounts and roles."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from egov.platform.accounts.administration import (
    check_administers_account,
    check_administers_unit,
    check_not_operator,
    check_not_self,
)
from egov.platform.accounts.errors import AccountError
from egov.platform.accounts.events import RoleChanged
from egov.platform.accounts.models import AccountKind, Membership, Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.core.events import publish
from egov.platform.organisation.models import Unit


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
    return _new_account(
        actor=actor,
        username=username,
        password=password,
        full_name=full_name,
        kind=kind,
        email=email,
        phone=phone,
        id_number=id_number,
    )


def _new_account(
    *,
    actor: User | None,
    username: str,
    password: str,
    full_name: str,
    kind: AccountKind,
    email: str,
    phone: str,
    id_number: str | None,
) -> User:
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        kind=kind,
        email=email.strip(),
        phone=phone.strip(),
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
def create_staff_account(
    *,
    actor: User,
    username: str,
    password: str,
    full_name: str,
    unit: Unit,
    role: Role,
    title: str = "",
    email: str = "",
    phone: str = "",
) -> User:
    """A unit administrator creates a staff account with its first role in their subtree.

    Account and role are created together: an account without a role would
    belong to no unit, and so to no administrator but the platform's.
    """
    check_administers_unit(actor, unit)
    try:
        validate_password(password, User(username=username, full_name=full_name, email=email))
    except ValidationError as exc:
        raise InvalidInput(
            AccountError.INVALID_ACCOUNT,
            exc.messages[0],
            details={"fields": {"password": exc.messages}},
        ) from exc
    user = _new_account(
        actor=actor,
        username=username,
        password=password,
        full_name=full_name,
        kind=AccountKind.STAFF,
        email=email,
        phone=phone,
        id_number=None,
    )
    grant_role(actor=actor, user=user, unit=unit, role=role, title=title)
    return user


@transaction.atomic
def grant_role(
    *, actor: User | None, user: User, unit: Unit, role: Role, title: str = ""
) -> Membership:
    """Give `user` a role in `unit`; the actor must administer `unit`, never themselves."""
    check_administers_unit(actor, unit)
    check_not_self(actor, user)
    check_not_operator(actor, user)
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
        publish(
            RoleChanged(
                user_id=user.pk, unit_id=unit.pk, role=role.value, granted=True, actor=actor
            )
        )
    return membership


@transaction.atomic
def revoke_role(*, actor: User | None, membership: Membership) -> None:
    check_administers_unit(actor, membership.unit)
    check_not_self(actor, membership.user)
    check_not_operator(actor, membership.user)
    if (
        actor is not None
        and not actor.is_superuser
        and not Membership.objects.filter(user_id=membership.user_id)
        .exclude(pk=membership.pk)
        .exists()
    ):
        # The account would belong to no unit, and so to no unit administrator.
        raise Conflict(
            AccountError.LAST_ROLE,
            _("Đây là vai trò cuối cùng của tài khoản; hãy khóa tài khoản thay vì thu hồi."),
        )
    record_event(
        event_type="accounts.role_revoked",
        actor=actor,
        target=membership.user,
        unit=membership.unit,
        details={"role": membership.role, "unit": membership.unit_id},
    )
    membership.delete()
    publish(
        RoleChanged(
            user_id=membership.user_id,
            unit_id=membership.unit_id,
            role=membership.role,
            granted=False,
            actor=actor,
        )
    )


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


@transaction.atomic
def deactivate_account(*, actor: User | None, account: User) -> User:
    """Lock a staff account: it can no longer log in; its roles and history stay."""
    return _set_active(actor=actor, account=account, active=False)


@transaction.atomic
def reactivate_account(*, actor: User | None, account: User) -> User:
    return _set_active(actor=actor, account=account, active=True)


def _set_active(*, actor: User | None, account: User, active: bool) -> User:
    check_administers_account(actor, account)
    locked = User.objects.select_for_update().get(pk=account.pk)
    if locked.is_active == active:
        raise Conflict(
            AccountError.ACCOUNT_STATE,
            _("Tài khoản đang hoạt động.") if active else _("Tài khoản đã bị khóa."),
        )
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    record_event(
        event_type="accounts.account_reactivated" if active else "accounts.account_deactivated",
        actor=actor,
        target=locked,
        details={"username": locked.username},
    )
    return locked

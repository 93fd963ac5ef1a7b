"""Delegated administration: what a unit's administrator may manage (issue 19).

A membership with Role.ADMINISTRATOR makes its holder the administrator of
that unit's whole subtree; the administrator at the province's root (the
province's IT centre) therefore administers everything, and a commune's
administrator only their commune and its offices. Superusers (the platform's
operators) administer everything too.

Two rules keep an administrator inside their subtree:

- a *role* is theirs to grant or revoke when its unit is in their subtree;
- an *account* is theirs (to list, deactivate, reactivate) when it is a staff
  account, not a platform operator, and every one of its roles is in their
  subtree: deactivating a person who also works for another commune would
  touch that commune.

And one keeps them from widening their own power: no administrator changes
their own account or roles; another administrator (higher up) does.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.errors import AccountError
from egov.platform.accounts.models import AccountKind, Membership, Role, User
from egov.platform.core.errors import NotFound, PermissionDenied
from egov.platform.organisation.models import Unit


def administered_roots(actor: User) -> list[Unit]:
    """The outermost active units `actor` administers (all roots for a superuser)."""
    if not actor.is_active:
        return []
    if actor.is_superuser:
        return list(Unit.objects.filter(parent__isnull=True).order_by("path"))
    units = list(
        Unit.objects.filter(
            is_active=True,
            memberships__user=actor,
            memberships__role=Role.ADMINISTRATOR,
        )
        .distinct()
        .order_by("path")
    )
    # A unit under another of the actor's units adds nothing: it is inside.
    return [u for u in units if not any(u != o and u.path.startswith(o.path) for o in units)]


def _subtree(roots: list[Unit]) -> Q:
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return condition


def administered_units(actor: User) -> QuerySet[Unit]:
    """Every unit in the subtrees `actor` administers, in tree order."""
    roots = administered_roots(actor)
    if not roots:
        return Unit.objects.none()
    return Unit.objects.filter(_subtree(roots)).order_by("path")


def administers_unit(actor: User, unit: Unit) -> bool:
    return has_role_over(actor, unit, [Role.ADMINISTRATOR])


def administered_accounts(actor: User) -> QuerySet[User]:
    """Staff accounts whose every role lies in `actor`'s subtrees (never `actor`).

    A superuser sees every staff account that holds a role. Platform
    operators are never administered by a unit.
    """
    roots = administered_roots(actor)
    if not roots:
        return User.objects.none()
    inside = Membership.objects.filter(_membership_subtree(roots), user=OuterRef("pk"))
    outside = Membership.objects.filter(user=OuterRef("pk")).exclude(_membership_subtree(roots))
    accounts = User.objects.filter(kind=AccountKind.STAFF).filter(Exists(inside))
    if not actor.is_superuser:
        accounts = accounts.filter(~Exists(outside), is_superuser=False).exclude(pk=actor.pk)
    # By username: the same order on every database (pages sort names in Vietnamese).
    return accounts.order_by("username")


def _membership_subtree(roots: list[Unit]) -> Q:
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(unit__path__startswith=root.path)
    return condition


def administers_account(actor: User, account: User) -> bool:
    return administered_accounts(actor).filter(pk=account.pk).exists()


def account_for_admin(actor: User, account_id: int) -> User:
    """The account, if `actor` administers it; otherwise NotFound (never reveal it)."""
    account = administered_accounts(actor).filter(pk=account_id).first()
    if account is None:
        raise NotFound(AccountError.ACCOUNT_NOT_FOUND, _("Không tìm thấy tài khoản."))
    return account


def account_roles(account: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=account)
        .select_related("unit")
        .order_by("unit__path", "role")
    )


def membership_for_admin(actor: User, membership_id: int) -> Membership:
    """The role, if its unit is in `actor`'s subtree; otherwise NotFound."""
    membership = (
        Membership.objects.select_related("user", "unit")
        .filter(pk=membership_id, unit__in=administered_units(actor))
        .first()
    )
    if membership is None:
        raise NotFound(AccountError.ACCOUNT_NOT_FOUND, _("Không tìm thấy vai trò."))
    return membership


def check_administers_unit(actor: User | None, unit: Unit) -> None:
    if actor is not None and not administers_unit(actor, unit):
        raise PermissionDenied(
            AccountError.PERMISSION_DENIED, _("Bạn không có quyền quản trị đơn vị này.")
        )


def check_not_self(actor: User | None, account: User) -> None:
    """No one widens (or changes) their own power: a higher administrator does."""
    if actor is not None and not actor.is_superuser and actor.pk == account.pk:
        raise PermissionDenied(
            AccountError.SELF_ADMINISTRATION,
            _("Bạn không được tự thay đổi tài khoản hoặc vai trò của chính mình."),
        )


def check_not_operator(actor: User | None, account: User) -> None:
    """A platform operator's account is the platform's, never a unit's."""
    if actor is not None and not actor.is_superuser and account.is_superuser:
        raise PermissionDenied(
            AccountError.PERMISSION_DENIED,
            _("Tài khoản quản trị nền tảng chỉ do quản trị nền tảng quản lý."),
        )


def check_administers_account(actor: User | None, account: User) -> None:
    if actor is None:
        return
    check_not_self(actor, account)
    check_not_operator(actor, account)
    if not administers_account(actor, account):
        raise PermissionDenied(
            AccountError.PERMISSION_DENIED,
            _("Tài khoản này có vai trò ở đơn vị ngoài phạm vi bạn quản trị."),
        )

"""Who may see and do what, decided by unit.

A membership grants its role over its unit and the unit's whole subtree: a
commune's specialist sees that commune and its offices, nothing of another
commune. Superusers (platform operators) see everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from egov.platform.accounts.errors import AccountError
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.core.errors import PermissionDenied
from egov.platform.organisation.models import Unit


def request_user(request: HttpRequest) -> User:
    """The logged-in user of a request that passed authentication."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied(AccountError.NOT_AUTHENTICATED, _("Bạn cần đăng nhập."))
    return user


# Set on a user object by `remember_memberships`: its memberships as
# (unit path, role) pairs, read once and reused for the rest of the request.
_MEMBERSHIPS = "_egov_memberships"


def remember_memberships(user: User) -> None:
    """Read `user`'s memberships at most once for the lifetime of this object.

    For a request's user (a fresh object per request): an API call checks
    access three times or more (visible units, the desk, the step), each a
    query otherwise. Only for request-scoped objects: a long-lived object
    would not see a membership granted or removed later.
    """
    if not hasattr(user, _MEMBERSHIPS):
        setattr(user, _MEMBERSHIPS, None)


def _remembered(user: User) -> list[tuple[str, str]] | None:
    if not hasattr(user, _MEMBERSHIPS):
        return None
    pairs: list[tuple[str, str]] | None = getattr(user, _MEMBERSHIPS)
    if pairs is None:
        pairs = _read_memberships(user.pk)
        setattr(user, _MEMBERSHIPS, pairs)
    return pairs


@cache
def _memberships_sql(vendor: str) -> str:
    """Built once per database vendor."""
    quote = connection.ops.quote_name
    membership, unit = Membership._meta, Unit._meta

    def column(meta: Any, name: str) -> str:
        return f"{quote(meta.db_table)}.{quote(meta.get_field(name).column)}"

    return (
        f"SELECT {column(unit, 'path')}, {column(membership, 'role')} "  # noqa: S608 - quoted names
        f"FROM {quote(membership.db_table)} INNER JOIN {quote(unit.db_table)} "
        f"ON {column(membership, 'unit')} = {column(unit, 'id')} "
        f"WHERE {column(unit, 'is_active')} AND {column(membership, 'user')} = %s"
    )


def _read_memberships(user_id: int) -> list[tuple[str, str]]:
    """The user's (unit path, role) pairs in active units.

    Written as SQL: it runs once for every API call, where compiling the
    query (a join and two columns) cost several times running it.
    """
    with connection.cursor() as cursor:
        cursor.execute(_memberships_sql(connection.vendor), [user_id])
        return [(str(path), str(role)) for path, role in cursor.fetchall()]


def _root_paths(user: User, roles: Iterable[Role] | None = None) -> list[str]:
    pairs = _remembered(user)
    if pairs is not None:
        wanted = None if roles is None else {str(r) for r in roles}
        # dict: distinct paths, in a stable order.
        return list(dict.fromkeys(p for p, role in pairs if wanted is None or role in wanted))
    memberships = Membership.objects.filter(user=user, unit__is_active=True)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return list(memberships.values_list("unit__path", flat=True).distinct())


def memberships(user: User) -> list[tuple[str, str]]:
    """The user's (unit path, role) pairs in active units."""
    pairs = _remembered(user)
    if pairs is not None:
        return list(pairs)
    return [
        (str(path), str(role))
        for path, role in Membership.objects.filter(user=user, unit__is_active=True)
        .values_list("unit__path", "role")
        .order_by("unit__path", "role")
    ]


def root_paths(user: User) -> list[str]:
    """The paths of the active units `user` belongs to (each once)."""
    return _root_paths(user)


def visible_units(user: User | AnonymousUser) -> QuerySet[Unit]:
    """The units `user` may see: the subtrees of the units they belong to."""
    if not isinstance(user, User) or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    paths = _root_paths(user)
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def sees_unit(user: User | AnonymousUser, unit: Unit) -> bool:
    """Whether `unit` is one of `visible_units(user)`, decided on the unit already read."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.path.startswith(path) for path in _root_paths(user))


def has_role_over(user: User | AnonymousUser, unit: Unit, roles: Iterable[Role]) -> bool:
    """True when `user` holds one of `roles` in `unit` or one of its ancestors."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.path.startswith(path) for path in _root_paths(user, roles))


def can_see_unit(user: User | AnonymousUser, unit: Unit) -> bool:
    return visible_units(user).filter(pk=unit.pk).exists()

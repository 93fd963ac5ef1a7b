"""A unit's administrator names the editors and approvers of their unit's site (issue 19).

Editors and approvers follow from roles (PORTAL_EDITOR_ROLES,
PORTAL_APPROVER_ROLES, editors.py); besides, the administrator of a unit
may name an account of their subtree editor or approver of the unit's site,
and remove that naming. The rules are those of delegated administration
(egov/platform/accounts/administration.py): the site's unit must be in the
administrator's subtree, the account must be one they administer (every
role in their subtree, not a platform operator, never their own: naming
oneself approver would widen one's own power). Each change is audited and
the site's Wagtail groups are recomputed in the same transaction, so the
naming and the right it gives commit or roll back together.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from egov.platform.accounts.administration import (
    administered_units,
    check_administers_account,
    check_administers_unit,
)
from egov.platform.accounts.models import AccountKind, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, NotFound
from egov.platform.organisation.models import Unit
from egov.portal.pages.editors import sync_site_groups
from egov.portal.pages.errors import PortalError
from egov.portal.pages.models import SiteCapacity, SiteEditor, UnitHomePage


@transaction.atomic
def name_site_editor(
    *, actor: User | None, unit: Unit, account: User, capacity: SiteCapacity
) -> SiteEditor:
    """Name `account` editor or approver of `unit`'s site."""
    check_administers_unit(actor, unit)
    check_administers_account(actor, account)
    home = UnitHomePage.objects.filter(unit=unit).first()
    if home is None:
        raise NotFound(PortalError.SITE_NOT_FOUND, _("Đơn vị chưa có trang thông tin điện tử."))
    if SiteEditor.objects.filter(unit=unit, user=account, capacity=capacity).exists():
        raise Conflict(
            PortalError.SITE_EDITOR_EXISTS,
            _("Tài khoản này đã được chỉ định với vai trò đó trên trang của đơn vị."),
        )
    naming = SiteEditor.objects.create(unit=unit, user=account, capacity=capacity, added_by=actor)
    record_event(
        event_type="portal.site_editor_named",
        actor=actor,
        target=naming,
        unit=unit,
        details={"user": account.username, "capacity": str(capacity)},
    )
    sync_site_groups(home)
    return naming


@transaction.atomic
def remove_site_editor(*, actor: User | None, naming: SiteEditor) -> None:
    """Withdraw a direct naming; roles that make an editor are changed on the account."""
    check_administers_unit(actor, naming.unit)
    check_administers_account(actor, naming.user)
    record_event(
        event_type="portal.site_editor_removed",
        actor=actor,
        target=naming,
        unit=naming.unit,
        details={"user": naming.user.username, "capacity": naming.capacity},
    )
    naming.delete()
    for home in UnitHomePage.objects.filter(unit=naming.unit):
        sync_site_groups(home)


# Reads for the administrator's page.


@dataclass(frozen=True)
class SiteTeam:
    """A unit's site and who edits and approves it, by role and by naming."""

    home: UnitHomePage
    editors_by_role: list[User]
    approvers_by_role: list[User]
    named: list[SiteEditor]


def _by_role(unit: Unit, roles: list[str]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            kind=AccountKind.STAFF,
            memberships__unit=unit,
            memberships__role__in=roles,
        )
        .distinct()
        .order_by("username")
    )


def administered_sites(actor: User) -> list[SiteTeam]:
    """The sites of the units in `actor`'s subtree, each with its team, in tree order."""
    homes = UnitHomePage.objects.filter(unit__in=administered_units(actor)).select_related("unit")
    named = list(
        SiteEditor.objects.filter(unit__in=administered_units(actor))
        .select_related("user", "unit")
        .order_by("unit__path", "capacity", "user__username")
    )
    return [
        SiteTeam(
            home=home,
            editors_by_role=_by_role(home.unit, list(settings.PORTAL_EDITOR_ROLES)),
            approvers_by_role=_by_role(home.unit, list(settings.PORTAL_APPROVER_ROLES)),
            named=[n for n in named if n.unit_id == home.unit_id],
        )
        for home in sorted(homes, key=lambda h: h.unit.path)
    ]


def naming_for_admin(actor: User, naming_id: int) -> SiteEditor:
    """The naming, if its unit is in `actor`'s subtree; otherwise NotFound."""
    naming: SiteEditor | None = (
        SiteEditor.objects.select_related("user", "unit")
        .filter(pk=naming_id, unit__in=administered_units(actor))
        .first()
    )
    if naming is None:
        raise NotFound(PortalError.SITE_EDITOR_NOT_FOUND, _("Không tìm thấy người biên tập."))
    return naming


def site_units(actor: User) -> QuerySet[Unit]:
    """The units of `actor`'s subtree that have a site."""
    return administered_units(actor).filter(
        pk__in=UnitHomePage.objects.values("unit_id"), is_active=True
    )

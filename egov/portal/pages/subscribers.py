"""What the portal does when a role changes (egov/platform/accounts/events.py).

Delegated administration (issue 19 item 5): a unit's administrator grants
or revokes the editor and approver roles of their unit (within their subtree
only, egov/platform/accounts/administration.py); the unit site's groups
follow once the change commits, instead of at the next `portal.sync_editors`.
"""

from __future__ import annotations

from django.conf import settings

from egov.platform.accounts.events import RoleChanged
from egov.platform.core.events import Moment, subscribe
from egov.portal.pages.editors import sync_site_groups
from egov.portal.pages.models import UnitHomePage


def follow_role(changed: RoleChanged) -> None:
    roles = {*settings.PORTAL_EDITOR_ROLES, *settings.PORTAL_APPROVER_ROLES}
    if changed.role not in roles:
        return
    for home in UnitHomePage.objects.filter(unit_id=changed.unit_id):
        sync_site_groups(home)


def connect() -> None:
    subscribe(RoleChanged, follow_role, moment=Moment.AFTER_COMMIT)

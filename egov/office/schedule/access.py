"""Who may prepare, publish and read a unit's weekly schedule."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.organisation.models import Unit

# The office drafts the schedule (Decree 30/2020 gives the office and its
# clerks the unit's paperwork); the unit's leaders approve it; administrators
# may correct it.
EDITORS = (Role.CLERK, Role.LEADER, Role.ADMINISTRATOR)
PUBLISHERS = (Role.LEADER,)


def may_edit(user: User | AnonymousUser, unit: Unit) -> bool:
    return has_role_over(user, unit, EDITORS)


def may_publish(user: User | AnonymousUser, unit: Unit) -> bool:
    return has_role_over(user, unit, PUBLISHERS)

"""Who may draft and approve a unit's file list, and who reads or makes a file.

Decree 30 art. 28: the unit's office (clerks) or its head drafts the file
list, the head of the agency (its leader) approves it. Art. 29: the person
given a file makes it, alone. The unit's clerks, heads and leaders read the
unit's files (they keep the list and hand files to the archive), and the
clerks receive the files deposited (the agency's archive, art. 30).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.organisation.models import Unit

DRAFTERS = (Role.CLERK, Role.HEAD, Role.LEADER, Role.ADMINISTRATOR)
APPROVERS = (Role.HEAD, Role.LEADER)
OVERSEERS = (Role.CLERK, Role.HEAD, Role.LEADER, Role.ADMINISTRATOR)
ARCHIVISTS = (Role.CLERK,)
STAFF_ROLES = tuple(Role)


def may_draft(user: User | AnonymousUser, unit: Unit) -> bool:
    return has_role_over(user, unit, DRAFTERS)


def may_approve(user: User | AnonymousUser, unit: Unit) -> bool:
    return has_role_over(user, unit, APPROVERS)


def may_read_list(user: User | AnonymousUser, unit: Unit) -> bool:
    """The unit's staff read its list: they see which files they keep."""
    return has_role_over(user, unit, STAFF_ROLES)


def may_read_file(user: User | AnonymousUser, unit: Unit, responsible_id: int) -> bool:
    if isinstance(user, User) and user.is_active and user.pk == responsible_id:
        return True
    return has_role_over(user, unit, OVERSEERS)


def may_receive(user: User | AnonymousUser, unit: Unit) -> bool:
    return has_role_over(user, unit, ARCHIVISTS)

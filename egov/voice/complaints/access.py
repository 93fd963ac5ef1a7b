"""Who may do what with a petition, by role in the organisation tree.

- see it (with a denouncer masked): staff of the body it was sent to;
- record it: reception, clerk, specialist, head, leader of that body;
- classify it: specialist, head, leader;
- forward, file, accept, assign, extend, decide, close: head or leader
  (they sign the notices and decisions);
- record findings: the people assigned to it, nobody else.

Who may see a denouncer's identity is identity.py's rule, not a role.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.voice.complaints.models import Petition

STAFF_ROLES = (
    Role.RECEPTION,
    Role.CLERK,
    Role.SPECIALIST,
    Role.HEAD,
    Role.LEADER,
    Role.ADMINISTRATOR,
)
RECORDERS = (Role.RECEPTION, Role.CLERK, Role.SPECIALIST, Role.HEAD, Role.LEADER)
CLASSIFIERS = (Role.SPECIALIST, Role.HEAD, Role.LEADER)
DECIDERS = (Role.HEAD, Role.LEADER)


def may_see(user: User | AnonymousUser, petition: Petition) -> bool:
    return has_role_over(user, petition.addressed_to, STAFF_ROLES)


def may_classify(user: User | AnonymousUser, petition: Petition) -> bool:
    return has_role_over(user, petition.addressed_to, CLASSIFIERS)


def may_decide(user: User | AnonymousUser, petition: Petition) -> bool:
    return has_role_over(user, petition.addressed_to, DECIDERS)


def is_handler(user: User | AnonymousUser, petition: Petition) -> bool:
    if not isinstance(user, User) or not user.is_active:
        return False
    return petition.handlers.filter(user=user).exists()

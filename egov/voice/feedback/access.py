"""Who may do what with a feedback item, decided by role in the organisation tree.

- classify (accept for a unit, refuse, transfer before answering): staff of the
  body it was sent to (reception, specialist, head, leader);
- draft the answer: a specialist or head of the handling unit;
- approve or return the answer, publish, promote to frequently asked: a
  head or leader of the handling unit;
- rate the answer: the sender's own account, nobody else.

A role held in a unit counts in its whole subtree (accounts/access.py).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.voice.feedback.models import Feedback

CLASSIFIERS = (Role.RECEPTION, Role.SPECIALIST, Role.HEAD, Role.LEADER)
DRAFTERS = (Role.SPECIALIST, Role.HEAD)
APPROVERS = (Role.HEAD, Role.LEADER)
STAFF_ROLES = (Role.RECEPTION, Role.SPECIALIST, Role.HEAD, Role.LEADER, Role.ADMINISTRATOR)


def may_classify(user: User | AnonymousUser, feedback: Feedback) -> bool:
    return has_role_over(user, feedback.addressed_to, CLASSIFIERS)


def may_transfer(user: User | AnonymousUser, feedback: Feedback) -> bool:
    if feedback.unit is None:
        return False
    return has_role_over(user, feedback.unit, APPROVERS) or may_classify(user, feedback)


def may_draft(user: User | AnonymousUser, feedback: Feedback) -> bool:
    return feedback.unit is not None and has_role_over(user, feedback.unit, DRAFTERS)


def may_approve(user: User | AnonymousUser, feedback: Feedback) -> bool:
    return feedback.unit is not None and has_role_over(user, feedback.unit, APPROVERS)


def may_see(user: User | AnonymousUser, feedback: Feedback) -> bool:
    """Staff of the body it was sent to or of the handling unit (senders have their own pages)."""
    if has_role_over(user, feedback.addressed_to, STAFF_ROLES):
        return True
    return feedback.unit is not None and has_role_over(user, feedback.unit, STAFF_ROLES)


def is_sender(user: User | AnonymousUser, feedback: Feedback) -> bool:
    return isinstance(user, User) and user.is_active and feedback.account_id == user.pk

"""What every staff page of the citizens' voice does first."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from egov.platform.accounts.access import remember_memberships, request_user
from egov.platform.accounts.models import AccountKind, User


def staff_user(request: HttpRequest) -> User:
    """The signed-in staff member; anyone else gets a 404 (the page is not theirs to know).

    Each access check reads the memberships; once per request is enough.
    """
    user = request_user(request)
    if user.kind != AccountKind.STAFF:
        raise Http404
    remember_memberships(user)
    return user

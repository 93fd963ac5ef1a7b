"""Login lockout keys for django-axes: the account, not the string typed.

The login backends map many spellings to one account ('Bich.Nguyen@Example.VN',
'0987 654 321', '+84987654321'); counting failures per typed string let an
attacker make 41 guesses against one account by varying the spelling (issue
16, item 3). Failures are therefore counted per resolved account (or, when
nothing matches, per the canonical spelling) and, with a higher threshold,
per client address, IPv6 addresses grouped by their /64 network because one
subscriber usually holds a whole /64.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from egov.platform.accounts.models import User
from egov.platform.citizens.contacts import parse_contact
from egov.platform.citizens.selectors import account_by_contact
from egov.platform.core.errors import InvalidInput


def _typed(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    if credentials and credentials.get("username"):
        return str(credentials["username"])
    if request is not None:
        return str(request.POST.get("username", ""))
    return ""


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The key failures are counted under: 'account:<id>' or the canonical spelling."""
    typed = _typed(request, credentials).strip()
    user_id = (
        User.objects.filter(username=typed).values_list("pk", flat=True).first() if typed else None
    )
    canonical = typed.casefold()
    if user_id is None:
        try:
            contact = parse_contact(typed)
        except InvalidInput:
            contact = None
        if contact is not None:
            canonical = f"{contact.kind}:{contact.value.casefold()}"
            # Unconfirmed addresses count too: a guess against them is a guess.
            account = account_by_contact(contact, confirmed_only=False)
            user_id = account.pk if account is not None else None
    return f"account:{user_id}" if user_id is not None else canonical[:255]


def lockout_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or for IPv6 the network address of its /64."""
    raw = request.META.get("REMOTE_ADDR")
    if not raw:
        return None
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


class AccountAndAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Locks an account after AXES_FAILURE_LIMIT failures and a client address
    after EGOV_LOGIN_ADDRESS_FAILURE_LIMIT failures (over all accounts)."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        by_account: int = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if address is None:
            return by_account
        attempts = AccessAttempt.objects.filter(ip_address=address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        by_address = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        if by_address >= settings.EGOV_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_account, int(get_failure_limit(request, credentials)))
        return by_account

"""How many confirmation and reset messages a form may send (issue 16 item 6).

Registration, "send the confirmation again" and the password reset forms
each send an e-mail or SMS to an address someone typed; unlimited, they let
anyone flood a stranger's inbox or phone (and pay for the SMS). Each
accepted request counts, whether or not an account exists (otherwise the
limit itself would tell which addresses have one): at most
EGOV_MESSAGES_PER_CONTACT per contact and EGOV_MESSAGES_PER_CLIENT per
client address (IPv6: per /64) in EGOV_MESSAGES_WINDOW_SECONDS.

Counted in Django's default cache, like the tracking lookups
(onestop/dossiers/tracking/throttling.py), not in a table: counters that
expire by themselves need no clean-up job, and a lost counter (cache
restart) only gives an address its budget again. With EGOV_CACHE_URL
(Redis) the limits hold across processes; with each process's own memory
(development, tests) they hold per process.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from egov.platform.citizens.contacts import Contact
from egov.platform.citizens.errors import CitizenError
from egov.platform.citizens.lockout import lockout_address
from egov.platform.core.errors import DomainError


class TooManyMessages(DomainError):
    status = 429


def _count(key: str, window: int) -> int:
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def count_message(request: HttpRequest, contact: Contact) -> None:
    """Count one message to `contact` asked for by this client, or TooManyMessages."""
    window = int(settings.EGOV_MESSAGES_WINDOW_SECONDS)
    # The address is hashed: cache keys are not the place for personal data.
    digest = hashlib.sha256(f"{contact.kind}:{contact.value.casefold()}".encode()).hexdigest()
    by_contact = _count(f"citizens:messages:contact:{digest}", window)
    by_client = _count(f"citizens:messages:client:{lockout_address(request)}", window)
    if (
        by_contact > settings.EGOV_MESSAGES_PER_CONTACT
        or by_client > settings.EGOV_MESSAGES_PER_CLIENT
    ):
        raise TooManyMessages(
            CitizenError.TOO_MANY_MESSAGES,
            _("Bạn đã yêu cầu gửi quá nhiều lần. Vui lòng thử lại sau một giờ."),
        )

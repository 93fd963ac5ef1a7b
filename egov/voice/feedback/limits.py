"""How much feedback one client may send: against floods of the public form and the API.

A fixed window in Django's default cache, as the platform's other limits
(egov/platform/citizens/sending_limits.py): at most VOICE_FEEDBACK_PER_CLIENT
items (default 5) per VOICE_FEEDBACK_WINDOW_SECONDS (default one hour) from
one client address (IPv6: its /64), and as many per account or API client.
A lost counter (cache restart) only gives an address its budget again.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from egov.platform.core.errors import DomainError
from egov.voice.feedback.errors import FeedbackError

DEFAULT_PER_CLIENT = 5
DEFAULT_WINDOW_SECONDS = 3600


class TooManyRequests(DomainError):
    status = 429


def _count(key: str, window: int) -> int:
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def count_sending(*, address: str | None, sender: str) -> None:
    """Count one item from this client address and this sender, or TooManyRequests.

    `sender` names who sends: an account, an API client, or the contact typed
    on the anonymous form; hashed, as cache keys are no place for personal data.
    """
    limit = int(getattr(settings, "VOICE_FEEDBACK_PER_CLIENT", DEFAULT_PER_CLIENT))
    window = int(getattr(settings, "VOICE_FEEDBACK_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS))
    digest = hashlib.sha256(sender.casefold().encode()).hexdigest()
    counts = [_count(f"voice:feedback:sender:{digest}", window)]
    if address:
        counts.append(_count(f"voice:feedback:client:{address}", window))
    if max(counts) > limit:
        raise TooManyRequests(
            FeedbackError.TOO_MANY_REQUESTS,
            _("Bạn đã gửi quá nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau."),
        )

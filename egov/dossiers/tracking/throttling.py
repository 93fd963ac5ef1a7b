"""Lookups per client address, so the 6-character secrets cannot be guessed.

A fixed window in Django's cache: at most `TRACKING_LOOKUP_LIMIT` lookups
(default 30) per `TRACKING_LOOKUP_WINDOW_SECONDS` (default 600) from one
address. The secret alphabet has 32 characters, so 32**6 ≈ 1.07e9 secrets:
at 30 guesses per 10 minutes one address needs about 680 years on average.
IPv6 clients are counted per /64, the block one subscriber usually holds.

The cache is Django's default one: set EGOV_CACHE_URL (Redis) when several
processes serve the site, or each process counts on its own and an address
gets the budget once per process.

The address is REMOTE_ADDR, as for the login lockout (django-axes): behind a
reverse proxy, the proxy must pass the client's address there.
"""

from __future__ import annotations

import ipaddress
from functools import cache as once
from typing import cast

import redis
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULT_LIMIT = 30
DEFAULT_WINDOW_SECONDS = 600


def limits() -> tuple[int, int]:
    limit = int(getattr(settings, "TRACKING_LOOKUP_LIMIT", DEFAULT_LIMIT))
    window = int(getattr(settings, "TRACKING_LOOKUP_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS))
    return limit, window


def client_key(request: HttpRequest) -> str:
    raw = request.META.get("REMOTE_ADDR", "") or "unknown"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return f"tracking:lookups:{raw[:64]}"
    if address.version == 6:
        return f"tracking:lookups:{ipaddress.ip_network(f'{address}/64', strict=False)}"
    return f"tracking:lookups:{address}"


@once
def _redis() -> redis.Redis | None:
    """A client of the default cache's Redis server, if that is the cache."""
    default = cast(dict[str, object], settings.CACHES["default"])
    if default["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
        return None
    return redis.Redis.from_url(str(default["LOCATION"]))


def allow_lookup(request: HttpRequest) -> bool:
    """Count one lookup; False once the address has used up its window."""
    limit, window = limits()
    key = client_key(request)
    client = _redis()
    if client is not None:
        # One round trip: INCR creates the counter at 1 and EXPIRE NX starts
        # the window only then (Redis 7), so a running window keeps its end.
        # Through Django's cache API this took two or three round trips.
        pipe = client.pipeline(transaction=False)
        pipe.incr(cache.make_and_validate_key(key))
        pipe.expire(cache.make_and_validate_key(key), window, nx=True)
        count = int(pipe.execute()[0])
        return count <= limit
    # Most lookups find a window running: incr() first, which keeps its
    # expiry (one step in process, two round trips to Redis instead of three
    # for add() then incr()).
    try:
        count = cache.incr(key)
    except ValueError:  # no window running: start one
        if cache.add(key, 1, timeout=window):
            return limit >= 1
        try:  # a concurrent lookup started it first
            count = cache.incr(key)
        except ValueError:  # and it already expired
            cache.set(key, 1, timeout=window)
            return limit >= 1
    if count == 1:
        # The window expired between Redis' EXISTS and INCR inside incr(),
        # so INCR created the key without an expiry: give it one, or the
        # address would stay counted (and blocked) for ever.
        cache.touch(key, timeout=window)
    return count <= limit


def retry_after() -> int:
    return limits()[1]

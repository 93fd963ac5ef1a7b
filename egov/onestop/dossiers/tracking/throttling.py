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

import hashlib
import ipaddress
import pickle
from collections.abc import Sequence
from functools import cache as once

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
    default = settings.CACHES["default"]
    if default["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
        return None
    return redis.Redis.from_url(str(default["LOCATION"]))


# INCR starts a window's counter at 1 and only then gets its expiry, inside
# one script, so no counter is ever left without one; the values asked for
# (the tracking answer and its generation, egov/onestop/dossiers/tracking/answers.py)
# come back in the same round trip, which is most of a lookup's cost: one
# Redis round trip through redis-py costs a third of the floor's throughput
# on the benchmark machine (docs/performance.md).
_COUNT_AND_GET = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if #KEYS == 1 then return {count, {}} end
return {count, redis.call('MGET', unpack(KEYS, 2))}
"""


@once
def _script_sha() -> str:
    return hashlib.sha1(_COUNT_AND_GET.encode()).hexdigest()  # noqa: S324 - Redis names scripts by SHA-1


def _count_and_get_on_redis(
    client: redis.Redis, key: str, window: int, fetch: Sequence[str]
) -> tuple[int, list[object | None]]:
    keys = [cache.make_and_validate_key(key)] + [cache.make_and_validate_key(k) for k in fetch]
    try:
        reply = client.evalsha(_script_sha(), len(keys), *keys, window)
    except redis.exceptions.NoScriptError:  # a new or restarted server: teach it once
        reply = client.eval(_COUNT_AND_GET, len(keys), *keys, window)
    count, raw = int(reply[0]), list(reply[1])
    # Values written through Django's RedisCache: pickled (never ints here).
    values = [None if v is None else pickle.loads(v) for v in raw]  # noqa: S301 - our own cache
    return count, values


def count_lookup(
    request: HttpRequest, fetch: Sequence[str] = ()
) -> tuple[bool, list[object | None]]:
    """Count one lookup and read the cache keys `fetch`.

    False once the address has used up its window.

    The values are read whether or not the lookup is allowed (in one round
    trip on Redis); the caller must not use them when it is not.
    """
    limit, window = limits()
    key = client_key(request)
    client = _redis()
    if client is not None:
        count, values = _count_and_get_on_redis(client, key, window, fetch)
        return count <= limit, values
    found = cache.get_many(list(fetch)) if fetch else {}
    return _count_in_cache(key, limit, window), [found.get(k) for k in fetch]


def allow_lookup(request: HttpRequest) -> bool:
    """Count one lookup; False once the address has used up its window."""
    return count_lookup(request)[0]


def _count_in_cache(key: str, limit: int, window: int) -> bool:
    # Most lookups find a window running: incr() first, which keeps its
    # expiry (one step in process).
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
        # A cache whose incr() is not atomic with the expiry (EXISTS, then
        # INCR) can recreate an expired key without one: give it one, or
        # the address would stay counted (and blocked) for ever.
        cache.touch(key, timeout=window)
    return count <= limit


def retry_after() -> int:
    return limits()[1]

"""The short-lived cache of found tracking answers, and the lookup budget's window."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import redis
import time_machine
from django.core.cache import cache, caches
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from egov.dossiers.models import Dossier, DossierStatus
from egov.dossiers.tracking import throttling
from egov.dossiers.tracking.selectors import (
    ANSWER_CACHE_SECONDS,
    PublicDossier,
    cached_public_view,
    public_view,
)
from egov.dossiers.tracking.tests.conftest import MASKED_NAME, MONDAY, PERSONAL
from egov.dossiers.tracking.throttling import client_key

ROOT = Path(__file__).resolve().parents[4]
LATER = MONDAY + timedelta(days=30)


def _code(dossier: Dossier) -> str:
    assert dossier.code is not None
    return dossier.code


def _stored() -> dict[str, bytes]:
    # LocMemCache keeps pickled values in `_cache`: what a memory dump would show.
    stored: dict[str, bytes] = getattr(caches["tracking"], "_cache")  # noqa: B009
    return dict(stored)


def test_a_repeated_lookup_is_answered_from_the_cache(
    open_dossier: Dossier, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret

    with time_machine.travel(LATER, tick=False):
        with django_assert_num_queries(2):
            first = cached_public_view(code, secret=secret)
        with django_assert_num_queries(0):
            again = cached_public_view(f" {code} ", secret=f" {secret.lower()} ")

    assert first is not None
    assert again == first == public_view(code, secret=secret)


def test_the_phone_forms_people_type_share_one_answer(
    open_dossier: Dossier, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    code = _code(open_dossier)

    with time_machine.travel(LATER, tick=False):
        first = cached_public_view(code, phone="+84 912 345 678")
        with django_assert_num_queries(0):
            again = cached_public_view(code, phone="0912.345.678")

    assert first is not None
    assert again == first


@pytest.mark.parametrize(
    "proof",
    [
        {"secret": "ZZZZZ9"},
        {"phone": "0912345679"},
        # Both given: only the secret counts, as in the database path.
        {"secret": "ZZZZZ9", "phone": "0912345678"},
        {"secret": "", "phone": ""},
        {},
    ],
)
def test_a_wrong_proof_is_never_answered_from_the_cache(
    open_dossier: Dossier,
    django_assert_num_queries: DjangoAssertNumQueries,
    proof: dict[str, str],
) -> None:
    code = _code(open_dossier)
    assert open_dossier.tracking_secret != "ZZZZZ9"
    with time_machine.travel(LATER, tick=False):
        assert cached_public_view(code, secret=open_dossier.tracking_secret) is not None
        assert cached_public_view(code, phone="0912345678") is not None

        with django_assert_num_queries(1):
            found = cached_public_view(code, **proof)

    assert found is None
    assert len(_stored()) == 2


def test_misses_are_not_stored(open_dossier: Dossier) -> None:
    code = _code(open_dossier)

    with time_machine.travel(LATER, tick=False):
        wrong = cached_public_view(code, secret="ZZZZZ9")
        unknown = cached_public_view("000.00.01.H53-260302-9999", secret="ZZZZZ9")

    assert (wrong, unknown) == (None, None)
    assert _stored() == {}


def test_a_status_change_shows_once_the_answer_expires(open_dossier: Dossier) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret
    with time_machine.travel(LATER, tick=False):
        before = cached_public_view(code, secret=secret)
    Dossier.objects.filter(pk=open_dossier.pk).update(status=DossierStatus.SUPPLEMENT)

    with time_machine.travel(LATER + timedelta(seconds=ANSWER_CACHE_SECONDS - 1), tick=False):
        within = cached_public_view(code, secret=secret)
    with time_machine.travel(LATER + timedelta(seconds=ANSWER_CACHE_SECONDS + 1), tick=False):
        after = cached_public_view(code, secret=secret)

    assert ANSWER_CACHE_SECONDS == 10
    assert before is not None and within is not None and after is not None
    assert (before.status, within.status, after.status) == (4, 4, 5)
    assert after.status_label == "Yêu cầu bổ sung"


def test_answers_are_kept_per_language(open_dossier: Dossier) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret

    with time_machine.travel(LATER, tick=False):
        vietnamese = cached_public_view(code, secret=secret)
        with translation.override("en"):
            english = cached_public_view(code, secret=secret)

    assert vietnamese is not None and english is not None
    assert (vietnamese.status_label, vietnamese.history[0].timeliness_label) == (
        "Đang xử lý",
        "Đúng hạn",
    )
    assert (english.status_label, english.history[0].timeliness_label) == ("In progress", "On time")


def test_the_cache_holds_only_the_masked_answer(open_dossier: Dossier) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret

    with time_machine.travel(LATER, tick=False):
        cached_public_view(code, secret=secret)
        cached_public_view(code, phone="0912345678")

    stored = _stored()
    assert len(stored) == 2
    for key, value in stored.items():
        # The keys are HMACs: neither the code nor the proof can be read back.
        assert code not in key and secret not in key and "0912345678" not in key
        answer = pickle.loads(value)  # noqa: S301 - our own cache, written by this test
        assert isinstance(answer, PublicDossier)
        assert answer.applicant == MASKED_NAME
        assert [item for item in PERSONAL if item in repr(answer)] == []


@override_settings(TRACKING_LOOKUP_LIMIT=1)
def test_the_budget_still_counts_cached_answers(client: Client, open_dossier: Dossier) -> None:
    url = f"/api/v1/tracking/{_code(open_dossier)}"
    secret = open_dossier.tracking_secret

    statuses = [client.get(url, {"secret": secret}).status_code for _ in range(2)]

    assert statuses == [200, 429]


@override_settings(TRACKING_LOOKUP_LIMIT=2, TRACKING_LOOKUP_WINDOW_SECONDS=600)
def test_the_budget_comes_back_with_a_new_window(client: Client, open_dossier: Dossier) -> None:
    url = f"/api/v1/tracking/{_code(open_dossier)}"

    with time_machine.travel(LATER, tick=False):
        first = [client.get(url, {"secret": "ZZZZZ9"}).status_code for _ in range(3)]
    with time_machine.travel(LATER + timedelta(seconds=601), tick=False):
        second = [client.get(url, {"secret": "ZZZZZ9"}).status_code for _ in range(3)]

    assert first == [404, 404, 429]
    assert second == [404, 404, 429]


@override_settings(TRACKING_LOOKUP_LIMIT=2, TRACKING_LOOKUP_WINDOW_SECONDS=600)
def test_a_count_left_without_expiry_gets_one(client: Client, open_dossier: Dossier) -> None:
    # Redis' INCR recreates a key that expired inside Django's incr() (EXISTS,
    # then INCR) without an expiry: the window must still end.
    url = f"/api/v1/tracking/{_code(open_dossier)}"
    with time_machine.travel(LATER, tick=False):
        response = client.get(url, {"secret": "ZZZZZ9"})
        key = client_key(response.wsgi_request)
        cache.set(key, 0, timeout=None)
        statuses = [client.get(url, {"secret": "ZZZZZ9"}).status_code for _ in range(3)]
    with time_machine.travel(LATER + timedelta(seconds=601), tick=False):
        after = client.get(url, {"secret": "ZZZZZ9"}).status_code

    assert statuses == [404, 404, 429]
    assert after == 404


def _cache_backend(url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EGOV_")}
    env.update(
        EGOV_SECRET_KEY="test-only-secret-key-0123456789abcdefghijklmnop",
        EGOV_CACHE_URL=url,
        DJANGO_SETTINGS_MODULE="egov.settings",
    )
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'], "
        "settings.CACHES['tracking']['BACKEND'])"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "",
            "django.core.cache.backends.locmem.LocMemCache egov "
            "django.core.cache.backends.locmem.LocMemCache",
        ),
        (
            "redis://127.0.0.1:6379/1",
            "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/1 "
            "django.core.cache.backends.locmem.LocMemCache",
        ),
    ],
)
def test_cache_url_setting(url: str, expected: str) -> None:
    result = _cache_backend(url)

    assert result.stdout.strip() == expected, result.stderr


def test_an_unknown_cache_url_is_refused() -> None:
    result = _cache_backend("memcached://127.0.0.1:11211")

    assert result.returncode == 1
    assert "EGOV_CACHE_URL must be a redis://, rediss:// or unix:// URL" in result.stderr


def _redis_answers() -> bool:
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        return False
    return True


# Runs where a Redis server listens on loopback (CI's machines have one).
@pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_the_budget_on_redis_counts_in_one_window(open_dossier: Dossier) -> None:
    location = "redis://127.0.0.1:6379/13"
    redis.Redis.from_url(location).flushdb()
    caches_setting = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location},
        "tracking": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    throttling._redis.cache_clear()
    client = Client()
    url = f"/api/v1/tracking/{_code(open_dossier)}"
    try:
        with override_settings(
            CACHES=caches_setting, TRACKING_LOOKUP_LIMIT=2, TRACKING_LOOKUP_WINDOW_SECONDS=600
        ):
            statuses = [client.get(url, {"secret": "ZZZZZ9"}).status_code for _ in range(3)]
            key = caches["default"].make_and_validate_key(client_key(RequestFactory().get(url)))
            server = redis.Redis.from_url(location)
            count, ttl = int(server.get(key) or 0), server.ttl(key)
    finally:
        throttling._redis.cache_clear()
        redis.Redis.from_url(location).flushdb()

    assert statuses == [404, 404, 429]
    assert count == 3
    assert 590 <= ttl <= 600

"""Tracking answers kept in the shared cache until the dossier changes, and the lookup budget."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
import time_machine
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.utils import translation
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from egov.conftest import Cast
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.services import request_supplement
from egov.onestop.dossiers.tracking import answers, throttling
from egov.onestop.dossiers.tracking.answers import ANSWER_SECONDS, TooManyLookups, track
from egov.onestop.dossiers.tracking.selectors import PublicDossier, public_view
from egov.onestop.dossiers.tracking.tests.conftest import (
    MASKED_NAME,
    MONDAY,
    PERSONAL,
    found_queries,
)
from egov.onestop.dossiers.tracking.throttling import client_key

ROOT = Path(__file__).resolve().parents[5]
LATER = MONDAY + timedelta(days=30)
URL = "/tra-cuu/"


def _code(dossier: Dossier) -> str:
    assert dossier.code is not None
    return dossier.code


def _lookup(code: str, **proof: str) -> PublicDossier | None:
    return track(RequestFactory().get(URL), code, **proof)


def _stored() -> dict[str, bytes]:
    # LocMemCache keeps pickled values in `_cache`: what a memory dump would show.
    stored: dict[str, bytes] = getattr(caches["default"], "_cache")  # noqa: B009
    return {key: value for key, value in stored.items() if ":tracking:answer:" in key}


def test_a_repeated_lookup_is_answered_from_the_cache(
    open_dossier: Dossier, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret

    with time_machine.travel(LATER, tick=False):
        with django_assert_num_queries(found_queries()):
            first = _lookup(code, secret=secret)
        with django_assert_num_queries(0):
            again = _lookup(f" {code} ", secret=f" {secret.lower()} ")

    assert first is not None
    assert again == first == public_view(code, secret=secret)


def test_the_phone_forms_people_type_share_one_answer(
    open_dossier: Dossier, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    code = _code(open_dossier)

    with time_machine.travel(LATER, tick=False):
        first = _lookup(code, phone="+84 912 345 678")
        with django_assert_num_queries(0):
            again = _lookup(code, phone="0912.345.678")

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
        assert _lookup(code, secret=open_dossier.tracking_secret) is not None
        assert _lookup(code, phone="0912345678") is not None

        with django_assert_num_queries(1):
            found = _lookup(code, **proof)

    assert found is None
    assert len(_stored()) == 1  # the phone's answer took the secret's place


def test_misses_are_not_stored(open_dossier: Dossier) -> None:
    code = _code(open_dossier)

    with time_machine.travel(LATER, tick=False):
        wrong = _lookup(code, secret="ZZZZZ9")
        unknown = _lookup("000.00.01.H53-260302-9999", secret="ZZZZZ9")

    assert (wrong, unknown) == (None, None)
    assert _stored() == {}


def test_a_change_shows_at_the_next_lookup(
    open_dossier: Dossier,
    cast: Cast,
    django_assert_num_queries: DjangoAssertNumQueries,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret
    with time_machine.travel(MONDAY + timedelta(hours=2), tick=False):
        before = _lookup(code, secret=secret)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            request_supplement(actor=cast.specialist, dossier=open_dossier, items=["Tờ khai"])
        with django_assert_num_queries(found_queries()):
            after = _lookup(code, secret=secret)
        with django_assert_num_queries(0):
            again = _lookup(code, secret=secret)

    assert len(callbacks) >= 1
    assert before is not None and after is not None
    assert (before.status, after.status, after.status_label) == (4, 5, "Yêu cầu bổ sung")
    assert again == after


def test_an_answer_read_before_a_change_is_not_served_after_it(
    open_dossier: Dossier,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    # A reader reads the database, a writer commits and retires the answers,
    # then the reader stores what it read: the stored answer carries the
    # generation before the change and must not be served.
    code, secret = _code(open_dossier), open_dossier.tracking_secret
    read = public_view

    def read_then_writer_commits(*args: Any, **kwargs: Any) -> PublicDossier | None:
        found = read(*args, **kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            Dossier.objects.filter(pk=open_dossier.pk).update(status=DossierStatus.SUPPLEMENT)
            answers.forget_public_answers(code)
        return found

    with time_machine.travel(LATER, tick=False):
        monkeypatch.setattr(answers, "public_view", read_then_writer_commits)
        raced = _lookup(code, secret=secret)
        monkeypatch.setattr(answers, "public_view", read)
        after = _lookup(code, secret=secret)

    assert raced is not None and after is not None
    assert (raced.status, after.status) == (4, 5)


def test_a_change_made_outside_the_services_shows_once_the_answer_expires(
    open_dossier: Dossier,
) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret
    with time_machine.travel(LATER, tick=False):
        before = _lookup(code, secret=secret)
    Dossier.objects.filter(pk=open_dossier.pk).update(status=DossierStatus.SUPPLEMENT)

    with time_machine.travel(LATER + timedelta(seconds=ANSWER_SECONDS - 1), tick=False):
        within = _lookup(code, secret=secret)
    with time_machine.travel(LATER + timedelta(seconds=ANSWER_SECONDS + 1), tick=False):
        after = _lookup(code, secret=secret)

    assert ANSWER_SECONDS == 600
    assert before is not None and within is not None and after is not None
    assert (before.status, within.status, after.status) == (4, 4, 5)


def test_answers_are_kept_per_language(open_dossier: Dossier) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret

    with time_machine.travel(LATER, tick=False):
        vietnamese = _lookup(code, secret=secret)
        with translation.override("en"):
            english = _lookup(code, secret=secret)
        vietnamese_again = _lookup(code, secret=secret)

    assert vietnamese is not None and english is not None
    assert (vietnamese.status_label, vietnamese.history[0].timeliness_label) == (
        "Đang xử lý",
        "Đúng hạn",
    )
    assert (english.status_label, english.history[0].timeliness_label) == ("In progress", "On time")
    assert vietnamese_again == vietnamese


def test_the_cache_holds_only_the_masked_answer(client: Client, open_dossier: Dossier) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret

    with time_machine.travel(LATER, tick=False):
        _lookup(code, secret=secret)
        client.get(f"/api/v1/tracking/{code}", {"phone": "0912345678"})

    stored = _stored()
    assert len(stored) == 2  # the page's answer and the API's rendered one
    for key, value in stored.items():
        # The keys are HMACs: neither the code nor the proof can be read back.
        assert code not in key and secret not in key and "0912345678" not in key
        kept = pickle.loads(value)  # noqa: S301 - our own cache, written by this test
        assert secret not in kept.proof and "0912345678" not in kept.proof
        assert [item for item in PERSONAL if item in repr(kept)] == []
        assert MASKED_NAME in repr(kept)


def test_the_api_answers_the_same_body_from_the_cache(
    client: Client, open_dossier: Dossier, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    url = f"/api/v1/tracking/{_code(open_dossier)}"
    secret = open_dossier.tracking_secret

    with time_machine.travel(LATER, tick=False):
        first = client.get(url, {"secret": secret})
        with django_assert_num_queries(0):
            again = client.get(url, {"secret": secret})

    assert (first.status_code, again.status_code) == (200, 200)
    assert again["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"
    assert again.content == first.content
    assert again.json()["applicant"] == MASKED_NAME


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
        "sorted(settings.CACHES))"
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
            "django.core.cache.backends.locmem.LocMemCache egov ['default']",
        ),
        (
            "redis://127.0.0.1:6379/1",
            "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/1 ['default']",
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


# CI runs the suite on SQLite and on PostgreSQL at the same time (.ci/run):
# each run has its Redis database, so one's flushdb never empties the other's.
REDIS = f"redis://127.0.0.1:6379/{13 if connection.vendor == 'sqlite' else 12}"


@pytest.fixture
def on_redis() -> Iterator[redis.Redis]:
    """The default cache on the Redis server on loopback, as in production."""
    server = redis.Redis.from_url(REDIS)
    server.flushdb()
    throttling._redis.cache_clear()
    setting = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    }
    try:
        with override_settings(CACHES=setting):
            yield server
    finally:
        throttling._redis.cache_clear()
        server.flushdb()


# Run where a Redis server listens on loopback (CI's machines have one).
needs_redis = pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")


@needs_redis
@override_settings(TRACKING_LOOKUP_LIMIT=2, TRACKING_LOOKUP_WINDOW_SECONDS=600)
def test_the_budget_on_redis_counts_in_one_window(
    open_dossier: Dossier, on_redis: redis.Redis
) -> None:
    client = Client()
    url = f"/api/v1/tracking/{_code(open_dossier)}"

    statuses = [client.get(url, {"secret": "ZZZZZ9"}).status_code for _ in range(3)]
    key = caches["default"].make_and_validate_key(client_key(RequestFactory().get(url)))

    assert statuses == [404, 404, 429]
    assert int(on_redis.get(key) or 0) == 3
    assert 590 <= on_redis.ttl(key) <= 600


@needs_redis
def test_answers_on_redis_are_shared_and_retired_by_a_change(
    open_dossier: Dossier,
    cast: Cast,
    on_redis: redis.Redis,
    django_assert_num_queries: DjangoAssertNumQueries,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret
    on_redis.script_flush()  # a restarted server: the script is taught again
    with time_machine.travel(MONDAY + timedelta(hours=2), tick=False):
        with django_assert_num_queries(found_queries()):
            first = _lookup(code, secret=secret)
        with django_assert_num_queries(0):
            again = _lookup(code, secret=secret)
        with django_capture_on_commit_callbacks(execute=True):
            request_supplement(actor=cast.specialist, dossier=open_dossier, items=["Tờ khai"])
        with django_assert_num_queries(found_queries()):
            after = _lookup(code, secret=secret)

    assert first is not None and after is not None
    assert again == first
    assert (first.status, after.status) == (4, 5)
    answer_keys = on_redis.keys("*tracking:answer:*")
    generation_keys = on_redis.keys("*tracking:generation:*")
    # The change retired both names of the dossier: its code and its
    # tracking reference (looked up before the code existed).
    assert (len(answer_keys), len(generation_keys)) == (1, 2)
    assert all(1190 <= on_redis.ttl(key) <= 1200 for key in generation_keys)
    assert 590 <= on_redis.ttl(answer_keys[0]) <= 600


@needs_redis
@override_settings(TRACKING_LOOKUP_LIMIT=1)
def test_on_redis_a_cached_answer_is_not_given_past_the_budget(
    open_dossier: Dossier, on_redis: redis.Redis
) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret
    with time_machine.travel(LATER, tick=False):
        first = _lookup(code, secret=secret)
        with pytest.raises(TooManyLookups):
            _lookup(code, secret=secret)

    assert first is not None
    assert len(on_redis.keys("*tracking:answer:*")) == 1

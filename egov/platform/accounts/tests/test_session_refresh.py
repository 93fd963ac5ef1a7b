"""Idle expiry through the API: the session is saved at most once a minute."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from egov.conftest import PASSWORD, Cast, Province
from egov.platform.accounts.middleware import REFRESHED_KEY

API_URL = "/api/v1/dossiers/"


def _expiry(client: Client) -> object:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_idle_api_session_expires(cast: Cast, province: Province) -> None:
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    with time_machine.travel(start + timedelta(hours=7, minutes=59), tick=False):
        still_in = client.get(API_URL)
    with time_machine.travel(start + timedelta(hours=15, minutes=58), tick=False):
        active = client.get(API_URL)
    with time_machine.travel(start + timedelta(hours=24, minutes=1), tick=False):
        expired = client.get(API_URL)

    assert still_in.status_code == 200
    assert active.status_code == 200
    assert expired.status_code == 401


def test_api_calls_save_the_session_once_a_minute(cast: Cast, province: Province) -> None:
    client = Client()
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    with time_machine.travel(start + timedelta(seconds=10), tick=False):
        first = client.get(API_URL)
    after_first = _expiry(client)
    with time_machine.travel(start + timedelta(seconds=69), tick=False):
        within_the_minute = client.get(API_URL)
    after_second = _expiry(client)
    with time_machine.travel(start + timedelta(seconds=71), tick=False):
        after_a_minute = client.get(API_URL)
    after_third = _expiry(client)

    assert [r.status_code for r in (first, within_the_minute, after_a_minute)] == [200] * 3
    idle = timedelta(hours=8)
    assert after_first == start + timedelta(seconds=10) + idle
    assert after_second == after_first
    assert after_third == start + timedelta(seconds=71) + idle
    assert client.session[REFRESHED_KEY] == int((start + timedelta(seconds=71)).timestamp())


def test_pages_still_save_the_session_on_every_request(cast: Cast, province: Province) -> None:
    client = Client()
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        page = client.get(f"/don-vi/{province.long_an.pk}/")

    assert page.status_code == 200
    assert _expiry(client) == start + timedelta(seconds=5, hours=8)


def test_anonymous_api_call_creates_no_session(cast: Cast) -> None:
    response = Client().get("/api/v1/health")

    assert response.status_code == 200
    assert Session.objects.count() == 0

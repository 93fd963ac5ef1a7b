"""The interface speaks Vietnamese whatever the browser's language, English only when chosen."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_english_browser_gets_vietnamese() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/")

    assert page.status_code == 200
    assert page["Content-Language"] == "vi"
    assert '<html lang="vi"' in page.text


def test_english_when_the_user_chooses_it_in_the_footer() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    chosen = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    page = client.get("/")

    assert chosen.status_code == 302
    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.text


def test_an_unknown_language_cookie_falls_back_to_vietnamese() -> None:
    client = Client()
    client.cookies["django_language"] = "xx"

    assert client.get("/")["Content-Language"] == "vi"

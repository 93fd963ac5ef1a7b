"""Every demo role follows the links from its landing page (issue 17, "Done when").

The demo province is loaded as `make demo` does (with a few dossiers); each
role logs in, lands, and visits the same-site links it is shown, breadth
first and bounded, finding no response >= 400 and no error text before input.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "egov-demo-2026"
MAX_PAGES = 60
# Leaving, downloads and exports are not pages to read.
_SKIP = re.compile(r"^/(dang-xuat|api/|admin/|static/|media/)|/tai(-ve)?/|/tep/|dinh_dang=|/xuat/")
_HREF = re.compile(r'<a\s[^>]*href="([^"]+)"')
ERROR_TEXT = ("ISO 8601", "Traceback", "has no role", "chưa được giao vai trò")


@pytest.fixture
def demo(db: None) -> None:
    call_command("load_demo", dossiers=12, stdout=StringIO())


def _links(body: str) -> list[str]:
    found = []
    for raw in _HREF.findall(body):
        href = urldefrag(unescape(raw)).url
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if not _SKIP.search(href):
            found.append(href)
    return found


def _crawl(client: Client, start: str) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = deque([start])
    problems: list[str] = []
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        body = response.content.decode() if "html" in response.get("Content-Type", "") else ""
        if response.status_code >= 400:
            problems.append(f"{url}: {response.status_code}")
        problems.extend(f"{url}: {text}" for text in ERROR_TEXT if text in body)
        queue.extend(_links(body))
    assert problems == []
    return seen


@pytest.mark.parametrize(
    ("username", "login_url", "landing"),
    [
        (None, None, "/"),
        ("congdan1", "/tai-khoan/dang-nhap/", "/dich-vu-cong/"),
        ("doanhnghiep1", "/tai-khoan/dang-nhap/", "/dich-vu-cong/"),
        ("tiepnhan", "/dang-nhap/", "/ho-so/"),
        ("chuyenvien", "/dang-nhap/", "/ho-so/"),
        ("truongphong", "/dang-nhap/", "/thong-ke/"),
        ("lanhdao", "/dang-nhap/", "/thong-ke/"),
        ("vanthu", "/dang-nhap/", "/ho-so/"),
        ("quantri", "/dang-nhap/", None),
    ],
)
def test_each_role_crawls_without_errors(
    demo: None, username: str | None, login_url: str | None, landing: str | None
) -> None:
    client = Client()
    start = "/"
    if username is not None:
        assert login_url is not None
        response = client.post(login_url, {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302
        start = client.get("/trang-cua-toi/")["Location"]
        if landing is not None:
            assert start == landing

    seen = _crawl(client, start)

    assert len(seen) >= 5

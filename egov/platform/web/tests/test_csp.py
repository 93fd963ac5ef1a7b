"""The Content-Security-Policy (issue 16 item 1): its header, and the pages
that are hardest to keep within it, in a real browser.

Every other browser test checks its own pages too: the `page` fixture
fails a test on any violation (conftest.py).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast
from egov.platform.accounts.models import User
from egov.platform.web.tests.test_browser import log_in

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    # the sandbox bank of the tests, on the site's public address
    "form-action": "'self' http://127.0.0.1:8000",
}


def directives(header: str) -> dict[str, str]:
    """The policy as {directive: sources}: django-csp does not keep their order."""
    pairs = (part.strip().split(" ", 1) for part in header.split(";"))
    return {name: sources for name, sources in pairs}


def test_every_page_carries_the_strict_policy(db: None, client: Client) -> None:
    # When anyone opens the home page, a form page and a missing page
    for path in ("/", "/dang-nhap/", "/khong-co-trang-nay/"):
        response = client.get(path)
        # Then each carries the strict policy, without 'unsafe-inline'
        assert directives(response.headers["Content-Security-Policy"]) == STRICT, path


def test_the_site_has_no_inline_script_style_or_handler(db: None, client: Client) -> None:
    # When the home page is rendered
    html = client.get("/").content.decode()
    # Then it has no inline script, style attribute or event handler
    assert "<script>" not in html
    assert "style=" not in html
    assert "onchange=" not in html
    # and htmx is told not to insert its own <style> (and to swap 422 answers in)
    config = html.split('<meta name="htmx-config" content=\'', 1)[1].split("'>", 1)[0]
    assert json.loads(config)["includeIndicatorStyles"] is False
    assert {"code": "422", "swap": True} in json.loads(config)["responseHandling"]


@pytest.mark.browser
def test_language_menu_switches_without_an_inline_handler(db: None, page: Page) -> None:
    # Given the home page in Vietnamese
    page.goto("/")
    expect(page.get_by_role("link", name="Thủ tục", exact=True).first).to_be_visible()
    # When English is chosen in the footer's menu (no button to press)
    page.get_by_label("Ngôn ngữ").select_option("en")
    # Then the page comes back in English, and nothing broke the policy
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.browser
def test_admin_works_within_its_policy(superuser: User, cast: Cast, page: Page) -> None:
    # Given the administrator logged in
    log_in(page, superuser.username, PASSWORD)
    # When they open the admin, a list, a change form and an add form
    page.goto("/admin/")
    expect(page.locator("#site-name")).to_have_text("Quản trị nền tảng chính quyền điện tử")
    page.goto("/admin/accounts/user/")
    expect(page.locator("#result_list")).to_be_visible()
    page.goto(f"/admin/accounts/user/{cast.specialist.pk}/change/")
    expect(page.locator("#id_username")).to_have_value(cast.specialist.username)
    page.goto("/admin/organisation/unit/add/")
    expect(page.locator("form")).not_to_have_count(0)
    # and the forms with a JSON source and an autocomplete (select2)
    page.goto("/admin/eforms/formdefinition/add/")
    expect(page.locator("textarea#id_schema.json-source")).to_be_visible()
    page.locator(".select2-selection").first.click()
    expect(page.locator(".select2-search__field")).to_be_visible()
    page.goto("/admin/procedures/process/add/")
    expect(page.locator("textarea#id_definition.json-source")).to_be_visible()
    # Then the page fixture found no violation of the policy


@pytest.mark.browser
def test_api_docs_work_within_their_policy(db: None, page: Page) -> None:
    # When the API docs are opened (Swagger UI, from django-ninja's static files)
    page.goto("/api/v1/docs")
    # Then Swagger UI draws the operations
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("egov API")
    expect(page.locator(".opblock").first).to_be_visible()

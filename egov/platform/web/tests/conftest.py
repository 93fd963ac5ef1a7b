"""Browser-test plumbing: is Debian's Chromium here, and a Playwright page on it.

Tests marked ``browser`` drive /usr/bin/chromium through Playwright. Without
that binary they are deselected with a notice, so a laptop without Chromium
can still run the suite; CI sets EGOV_REQUIRE_BROWSER=1, and then a missing
Chromium fails those tests instead of hiding them.

Every page a browser test opens is also checked against the
Content-Security-Policy (issue 16): a `securitypolicyviolation` event or a
console message about the policy fails the test, so a new inline script,
style attribute or event handler is caught by whichever test shows it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connections
from pytest_django.live_server_helper import LiveServer

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page

# EGOV_CHROMIUM points elsewhere on machines that keep Chromium under another name.
CHROMIUM = Path(os.environ.get("EGOV_CHROMIUM", "/usr/bin/chromium"))
# The flags this machine's Chromium needs: no sandbox (we run as root), and no
# background networking, which the closed network refuses many times a start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"

# Runs in every page before its own scripts: reports each violation of the
# Content-Security-Policy to the test (Playwright injects it, so the policy
# itself does not stop it).
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__egovCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
      `at ${event.sourceFile}:${event.lineNumber} on ${document.location.pathname}` +
      (event.sample ? ` (${event.sample})` : "")
  );
});
"""

_SKIP_NOTICE_KEY = pytest.StashKey[int]()


def browser_required() -> bool:
    return os.environ.get("EGOV_REQUIRE_BROWSER", "") not in ("", "0")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists() or browser_required():
        return
    browser = [item for item in items if item.get_closest_marker("browser")]
    if not browser:
        return
    items[:] = [item for item in items if not item.get_closest_marker("browser")]
    config.hook.pytest_deselected(items=browser)
    config.stash[_SKIP_NOTICE_KEY] = len(browser)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(_notice(len(browser)), yellow=True, bold=True)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    # Repeated at the end, where it is not lost among the collection output.
    count = config.stash.get(_SKIP_NOTICE_KEY, 0)
    if count:
        terminalreporter.write_line(_notice(count), yellow=True, bold=True)


def _notice(count: int) -> str:
    return (
        f"NOTICE: {count} browser test(s) deselected: {CHROMIUM} is missing "
        "(apt-get install chromium; set EGOV_REQUIRE_BROWSER=1 to make this an error)."
    )


@pytest.fixture
def page(
    transactional_db: None,
    live_server: LiveServer,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Iterator[Page]:
    """A Playwright page in a fresh headless Chromium, with live_server as base URL.

    Any Content-Security-Policy violation fails the test, except those a
    ``@pytest.mark.csp_allows(regex)`` on the test names (a known one of a
    third party's page, said why where it is used).

    Request the data fixtures (``cast``...) before this one: they are then
    created before Playwright starts its event loop in this thread.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"EGOV_REQUIRE_BROWSER is set but {CHROMIUM} is missing: apt-get install chromium",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, and
    # Django then refuses ORM calls here (SynchronousOnlyOperation) - including
    # pytest-django's own flush when the test ends. Nothing else runs in this
    # thread meanwhile, so the check is switched off for the test's duration.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="vi-VN")
        context.set_default_timeout(10_000)
        context.expose_function("__egovCspViolation", lambda text: violations.append(text))
        context.add_init_script(_REPORT_VIOLATIONS)
        try:
            page = context.new_page()
            page.on("console", lambda message: _note_policy_message(message, violations))
            yield page
        finally:
            # The test's own ORM calls ran while Playwright's loop was running,
            # so asgiref gave them a connection of their own, which nothing
            # else closes (PostgreSQL then refuses to drop the test database
            # while it is open).
            connections.close_all()
            context.close()
            browser.close()
    allowed = [re.compile(mark.args[0]) for mark in request.node.iter_markers("csp_allows")]
    refused = [v for v in dict.fromkeys(violations) if not any(a.search(v) for a in allowed)]
    if refused:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(refused), pytrace=False)


def _note_policy_message(message: ConsoleMessage, violations: list[str]) -> None:
    # Chromium also explains each refusal on the console ("Refused to apply
    # inline style because it violates the following Content Security Policy
    # directive ..."): kept too, in case an event was missed.
    if "Content Security Policy" in message.text:
        violations.append(f"console: {message.text}")

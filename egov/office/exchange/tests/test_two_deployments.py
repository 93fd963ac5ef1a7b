"""Two deployments, each with its own database and server process, exchanging through the hub.

Deployment A is this test's: its database, and pytest-django's live server on
127.0.0.1 serving A and the hub. Deployment B is started by the test: its own
SQLite file migrated from nothing (second_deployment.py `setup`), its own server
(`django runserver`) and its own worker process (`work`). B knows A only through
the hub's URL and its token; A knows B only as an agency of its directory. B's
clerk registers the document through B's own API, logged in over HTTP, and the
statuses come back to A through the hub.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from egov.office.documents.tests.conftest import PDF, abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange.fetch import fetch_pending
from egov.office.exchange.hub.models import HubMessage
from egov.office.exchange.models import OutsideAgency, ReceivedDocument
from egov.office.exchange.outbox import send_pending
from egov.office.exchange.selectors import timelines
from egov.office.exchange.tests.delivery_fixtures import (
    LONG_AN,
    PROVINCE,
    issued_to,
    wait_for,
)
from egov.office.exchange.tests.second_deployment import CLERK, LAM_DONG, PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN_A = "jeton-tay-ninh"
TOKEN_B = "jeton-lam-dong"
MODULE = "egov.office.exchange.tests.second_deployment"


@dataclass(frozen=True)
class Second:
    url: str
    session: requests.Session

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = self.session.request(
            method,
            f"{self.url}/api/v1/office/exchange{path}",
            headers={"X-CSRFToken": self.session.cookies.get("csrftoken") or ""},
            timeout=30,
            **kwargs,
        )
        assert answer.status_code == 200, answer.text
        return answer.json()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.ConnectionError:
        return False


def _login(url: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{url}/dang-nhap/", timeout=10)
    answer = session.post(
        f"{url}/dang-nhap/",
        data={
            "username": CLERK,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        timeout=10,
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text
    return session


@pytest.fixture
def second(live_server: Any, settings: Any, tmp_path: Path) -> Iterator[Second]:
    hub = f"{live_server.url}/api/v1/exchange/hub"
    settings.EXCHANGE_ROUTING = "auto"
    settings.EXCHANGE_HUB_URL = hub
    settings.EXCHANGE_HUB_TOKEN = TOKEN_A
    settings.EXCHANGE_HUB_CLIENTS = f"{TOKEN_A}={PROVINCE},{LONG_AN};{TOKEN_B}={LAM_DONG}"
    settings.EXCHANGE_HTTP_TIMEOUT = 10.0
    (tmp_path / "media").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egov.office.exchange.tests.second_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'lam-dong.sqlite3'}",
        "EXCHANGE_SECOND_MEDIA": str(tmp_path / "media"),
        "EGOV_EXCHANGE_ROUTING": "auto",
        "EGOV_EXCHANGE_HUB_URL": hub,
        "EGOV_EXCHANGE_HUB_TOKEN": TOKEN_B,
        "EGOV_EXCHANGE_HUB_CLIENTS": "",
        "EGOV_SECURE_COOKIES": "0",
    }
    subprocess.run(  # noqa: S603 - our own interpreter, our own module
        [sys.executable, "-m", MODULE, "setup"], env=env, check=True, timeout=900
    )
    url = f"http://127.0.0.1:{_free_port()}"
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and Django's server
            [
                sys.executable,
                "-m",
                "django",
                "runserver",
                "--noreload",
                url.removeprefix("http://"),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(  # noqa: S603 - our own interpreter, our own module
            [sys.executable, "-m", MODULE, "work"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    try:
        wait_for(lambda: _answers(f"{url}/dang-nhap/"), seconds=120, what="B's server", pause=0.2)
        yield Second(url=url, session=_login(url))
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def _codes(document: object) -> list[str]:
    [line] = timelines(document)  # type: ignore[arg-type]
    return [s.code for s in line.statuses]


def _rounds_until(check: Callable[[], bool], *, what: str) -> None:
    """A's worker rounds (send, fetch for A's agencies) until `check` holds."""

    def round_() -> bool:
        send_pending(limit=50)
        fetch_pending(limit=50, organs=[PROVINCE, LONG_AN])
        return check()

    wait_for(round_, seconds=180, what=what, pause=0.2)


def test_a_document_goes_to_another_deployment_and_its_statuses_come_back(
    second: Second, drafting: Drafting
) -> None:
    OutsideAgency.objects.create(organ_id=LAM_DONG, name="Tỉnh Lâm Đồng")
    document = issued_to(drafting, LAM_DONG)

    _rounds_until(lambda: bool(second.api("GET", "/received")), what="B's received queue")
    [received] = second.api("GET", "/received")
    assert (
        received["sender_organ"],
        received["sender_name"],
        received["notation"],
        received["summary"],
        received["state"],
    ) == (PROVINCE, "Tỉnh Tây Ninh", document.notation, document.summary, "waiting")
    assert [(a["content_type"], a["size"]) for a in received["attachments"]] == [
        ("application/pdf", len(PDF))
    ]
    _rounds_until(lambda: _codes(document) == ["01"], what="01 at A")

    registered = second.api("POST", f"/received/{received['id']}/register", json={})
    assert (registered["state"], registered["incoming_id"] is not None) == ("registered", True)
    _rounds_until(lambda: _codes(document) == ["01", "03"], what="03 at A")

    # The document never landed in A's own database; the hub carried three messages.
    assert ReceivedDocument.objects.count() == 0
    assert list(
        HubMessage.objects.order_by("pk").values_list("kind", "from_organ", "to_organ", "answer")
    ) == [
        ("document", PROVINCE, LAM_DONG, ""),
        ("status", LAM_DONG, PROVINCE, ""),
        ("status", LAM_DONG, PROVINCE, ""),
    ]
    assert HubMessage.objects.filter(acknowledged_at__isnull=True).count() == 0

"""Deployment B of the two-deployment tests: its own database, server and worker processes.

Deployment A is the test's: its database, and pytest-django's live server on
127.0.0.1 serving A and the hub. `start_second` starts B: its own SQLite file
migrated from nothing (second_deployment.py `setup`), its own server (`django
runserver`) and its own worker process (`work`: send and fetch in a loop). B
knows A only through the hub's URL (or a proxy in front of it) and its token;
A knows B only as an agency of its directory. `hub_for_two` points A at the
hub and tells the hub which agencies each deployment's token serves.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from egov.office.exchange.tests.delivery_fixtures import LONG_AN, PROVINCE, wait_for
from egov.office.exchange.tests.second_deployment import CLERK, LAM_DONG, PASSWORD

TOKEN_A = "jeton-tay-ninh"
TOKEN_B = "jeton-lam-dong"
MODULE = "egov.office.exchange.tests.second_deployment"


@dataclass(frozen=True)
class Second:
    url: str
    session: requests.Session
    env: dict[str, str]

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

    def run(self, *args: str, timeout: float = 900) -> str:
        """A second_deployment.py command in B (its database): what it printed."""
        done = subprocess.run(  # noqa: S603 - our own interpreter, our own module
            [sys.executable, "-m", MODULE, *args],
            env=self.env,
            check=True,
            timeout=timeout,
            capture_output=True,
            text=True,
        )
        return done.stdout


def hub_for_two(live_server: Any, settings: Any) -> str:
    """A's settings: the hub on A's live server, serving A's agencies and B's."""
    hub = f"{live_server.url}/api/v1/exchange/hub"
    settings.EXCHANGE_ROUTING = "auto"
    settings.EXCHANGE_HUB_URL = hub
    settings.EXCHANGE_HUB_TOKEN = TOKEN_A
    settings.EXCHANGE_HUB_CLIENTS = f"{TOKEN_A}={PROVINCE},{LONG_AN};{TOKEN_B}={LAM_DONG}"
    settings.EXCHANGE_HTTP_TIMEOUT = 10.0
    return hub


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


@dataclass(frozen=True)
class Preparing:
    """B's database being migrated by a process of its own (second_deployment `setup`)."""

    env: dict[str, str]
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=30)


def prepare_second(
    folder: Path, hub: str, *, timeout_ms: int = 10000, time_passes: bool = False
) -> Preparing:
    """Start migrating B in `folder`, in the background: a few minutes on a busy
    machine, which the caller may spend on its own work (issuing documents).

    With `time_passes`, B's worker makes its waiting retries due each round, as
    the back-off would after its delay.
    """
    (folder / "media").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egov.office.exchange.tests.second_settings",
        "DATABASE_URL": f"sqlite:///{folder / 'lam-dong.sqlite3'}",
        "EXCHANGE_SECOND_MEDIA": str(folder / "media"),
        "EXCHANGE_TEST_TIME_PASSES": "1" if time_passes else "0",
        "EGOV_EXCHANGE_ROUTING": "auto",
        "EGOV_EXCHANGE_HUB_URL": hub,
        "EGOV_EXCHANGE_HUB_TOKEN": TOKEN_B,
        "EGOV_EXCHANGE_HUB_CLIENTS": "",
        "EGOV_EXCHANGE_HTTP_TIMEOUT_MS": str(timeout_ms),
        "EGOV_SECURE_COOKIES": "0",
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, our own module
        [sys.executable, "-m", MODULE, "setup"], env=env
    )
    return Preparing(env=env, process=process)


@contextmanager
def start_second(
    folder: Path, hub: str, *, timeout_ms: int = 10000, time_passes: bool = False
) -> Iterator[Second]:
    """B, migrated in `folder`, its server and worker running until the block ends."""
    with run_second(
        prepare_second(folder, hub, timeout_ms=timeout_ms, time_passes=time_passes)
    ) as second:
        yield second


@contextmanager
def run_second(preparing: Preparing) -> Iterator[Second]:
    """B's server and worker, once its migration (`prepare_second`) has ended."""
    try:
        returncode = preparing.process.wait(timeout=900)
    except BaseException:
        preparing.stop()
        raise
    if returncode != 0:
        raise RuntimeError(f"B's setup failed (exit {returncode})")
    env = preparing.env
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
        yield Second(url=url, session=_login(url), env=env)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)

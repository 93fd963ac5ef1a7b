"""An online dossier at the specialist's step, its applicant, and mail servers."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from egov.onestop.dossiers.tests.conftest import (
    CITIZEN_EMAIL,
    VN,
    applicant,
    desk,
    online_dossier,
)
from egov.platform.notifications.tests.smtp import LoopbackSMTP

__all__ = ["CITIZEN_EMAIL", "VN", "applicant", "desk", "online_dossier"]

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def free_port() -> int:
    """A loopback port nobody listens on (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def smtp_server() -> Iterator[LoopbackSMTP]:
    server = LoopbackSMTP().start()
    try:
        yield server
    finally:
        server.stop()


def use_smtp(settings: Settings, port: int) -> None:
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Dịch vụ công Tây Ninh <khongtraloi@tayninh.gov.vn>"

"""An online dossier at the specialist's step, its applicant, and mail servers."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.services import move_on
from egov.onestop.dossiers.tests.conftest import Desk, desk, receive
from egov.platform.accounts.models import User
from egov.platform.notifications.models import OutboundEmail
from egov.platform.notifications.tests.smtp import LoopbackSMTP

__all__ = ["desk"]

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ACCEPTED_AT = datetime(2026, 3, 2, 8, 0, tzinfo=VN)  # a Monday
CITIZEN_EMAIL = "congdan@example.vn"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def applicant(cast: Cast) -> User:
    User.objects.filter(pk=cast.citizen.pk).update(email=CITIZEN_EMAIL)
    cast.citizen.refresh_from_db()
    return cast.citizen


@pytest.fixture
def online_dossier(desk: Desk, cast: Cast, province: Province, applicant: User) -> Dossier:
    """Accepted Mon 2 Mar 2026 08:00 and forwarded to the specialist, with an account.

    The account is linked afterwards and the e-mails of reception (to the
    address given at the desk) are cleared: each test sees only its own change.
    """
    with time_machine.travel(ACCEPTED_AT, tick=False):
        dossier = receive(desk, cast, province)
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=applicant)
    OutboundEmail.objects.all().delete()
    dossier.refresh_from_db()
    return dossier


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

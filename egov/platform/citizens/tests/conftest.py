"""Fixtures of the account tests: SMS captured in memory, the citizen login
backend switched on, and accounts registered through the service."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks, Settings

from egov.conftest import Province, province  # noqa: F401
from egov.platform.accounts.models import AccountKind, User
from egov.platform.citizens import sms
from egov.platform.citizens.services import register_citizen
from egov.platform.notifications.outbox import send_due
from egov.platform.notifications.sms import send_sms_due

STRONG = "Lua-chin-vang-2026"
BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "egov.platform.citizens.backends.EmailOrPhoneBackend",
]

Commit = DjangoCaptureOnCommitCallbacks


@pytest.fixture(autouse=True)
def citizen_settings(settings: Settings) -> Iterator[None]:
    settings.SMS_BACKEND = "egov.platform.citizens.sms.LocmemSmsBackend"
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    settings.PUBLIC_URL = "http://dvc.example.vn"
    settings.OIDC_ISSUER = ""
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def deliver() -> None:
    """What the worker does next: send the queued e-mails and SMS (to the
    test backends, mail.outbox and sms.outbox). Requests only queue them."""
    send_due()
    send_sms_due()


def sms_code(index: int = -1) -> str:
    deliver()
    match = re.search(r"\b(\d{6})\b", sms.outbox[index].text)
    assert match is not None
    return match.group(1)


def email_link(index: int = -1) -> str:
    deliver()
    match = re.search(r"http://dvc\.example\.vn(/\S+)", str(mail.outbox[index].body))
    assert match is not None
    return match.group(1)


@pytest.fixture
def by_email(db: None, django_capture_on_commit_callbacks: Commit) -> User:
    """A citizen registered with an e-mail, not yet confirmed (the link is in mail.outbox)."""
    with django_capture_on_commit_callbacks(execute=True):
        user = register_citizen(
            kind=AccountKind.CITIZEN,
            full_name="Lê Thị Hoa",
            contact="Hoa.Le@Example.VN",
            password=STRONG,
            id_number="079301000123",
        )
    assert user is not None
    deliver()
    return user


@pytest.fixture
def by_phone(db: None, django_capture_on_commit_callbacks: Commit) -> User:
    """A business registered with a phone, not yet confirmed (the code is in sms.outbox)."""
    with django_capture_on_commit_callbacks(execute=True):
        user = register_citizen(
            kind=AccountKind.BUSINESS,
            full_name="Công ty TNHH Sen Vàng",
            contact="+84 912 345 678",
            password=STRONG,
        )
    assert user is not None
    deliver()
    return user

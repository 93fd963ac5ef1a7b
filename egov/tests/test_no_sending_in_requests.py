"""No request opens an SMTP connection: every e-mail and SMS leaves through the worker.

Issue 16, item 4 (built as item 3): with a relay that accepts connections
and never answers, a citizen's submission and an officer's action each took
10 s, the mail being sent in the request after the commit. Here the relay
on loopback counts the connections it is offered: a citizen's submission,
an officer's action, a registration (by e-mail and by phone) and a password
reset each open none. Then the worker, with a relay that answers, delivers
every message once.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks, Settings

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.tests.conftest import desk  # noqa: F401 - the fixture
from egov.onestop.portal.tests.conftest import (  # noqa: F401 - fixtures
    FORM_POST,
    PNG,
    Online,
    citizen,
    media,
    online,
    pdf,
)
from egov.platform.accounts.models import User
from egov.platform.citizens import sms
from egov.platform.citizens.models import CitizenProfile
from egov.platform.notifications.models import OutboundEmail, OutboundSms
from egov.platform.notifications.tests.conftest import (
    smtp_server,  # noqa: F401 - the fixture
    use_smtp,
)
from egov.platform.notifications.tests.smtp import LoopbackSMTP

STRONG = "Lua-chin-vang-2026"


class SilentRelay:
    """A TCP server on loopback that accepts connections and never says a word.

    It counts the connections: an SMTP client would wait for its greeting
    until its timeout (the hung mail server of the issue).
    """

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port: int = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            self.accepted.append(connection)

    @property
    def connections(self) -> int:
        return len(self.accepted)

    def __enter__(self) -> SilentRelay:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.listener.close()
        for connection in self.accepted:
            connection.close()
        self.thread.join(timeout=5)


@pytest.fixture
def relay(settings: Settings) -> Iterator[SilentRelay]:
    with SilentRelay() as silent:
        use_smtp(settings, silent.port)
        settings.EMAIL_TIMEOUT = 3
        settings.SMS_BACKEND = "egov.platform.citizens.sms.LocmemSmsBackend"
        settings.PUBLIC_URL = "http://dvc.example.vn"
        sms.outbox.clear()
        yield silent
        sms.outbox.clear()


def _application(offered: Online, province: Province) -> dict[str, Any]:
    documents = offered.desk.documents
    return {
        "agency": str(province.long_an.pk),
        **FORM_POST,
        f"tep_{documents[0].pk}": pdf("to-khai.pdf"),
        f"tep_{documents[1].pk}": SimpleUploadedFile("chung-sinh.png", PNG, "image/png"),
        "hanh_dong": "nop",
    }


def _registration(contact: str) -> dict[str, str]:
    return {
        "kind": "citizen",
        "full_name": "Người Mới",
        "contact": contact,
        "id_number": "",
        "password1": STRONG,
        "password2": STRONG,
    }


def test_requests_open_no_smtp_connection_and_the_worker_delivers(
    relay: SilentRelay,
    settings: Settings,
    smtp_server: LoopbackSMTP,  # noqa: F811
    online: Online,  # noqa: F811
    citizen: User,  # noqa: F811
    cast: Cast,
    province: Province,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    CitizenProfile.objects.filter(user=citizen).update(email_confirmed_at=timezone.now())
    connections: dict[str, int] = {}
    # Each request's transaction commits, with what runs after it (the old
    # code sent the e-mails there).
    committed = django_capture_on_commit_callbacks

    # A citizen submits an application online
    applicant = Client()
    login(applicant, citizen)
    with committed(execute=True):
        submitted = applicant.post("/dich-vu-cong/nop/1.001193/", _application(online, province))
    assert submitted.status_code == 302
    connections["submission"] = relay.connections

    # The reception officer accepts it (an officer's action)
    dossier = Dossier.objects.get()
    officer = Client()
    login(officer, cast.reception)
    with committed(execute=True):
        accepted = officer.post(
            f"/ho-so/{dossier.pk}/accept/",
            {"expected_step": dossier.current_step_id or "", "expected_status": dossier.status},
        )
    assert accepted.status_code == 302
    assert Dossier.objects.get().status == DossierStatus.ACCEPTED
    connections["officer action"] = relay.connections

    # Someone registers with an e-mail, someone else with a phone
    with committed(execute=True):
        by_email = Client().post("/tai-khoan/dang-ky/", _registration("moi@example.vn"))
    assert by_email.status_code == 200
    connections["registration by e-mail"] = relay.connections
    with committed(execute=True):
        by_phone = Client().post("/tai-khoan/dang-ky/", _registration("0912000111"))
    assert by_phone.status_code == 302
    connections["registration by phone"] = relay.connections

    # The citizen asks for a password reset link
    with committed(execute=True):
        reset = Client().post("/tai-khoan/quen-mat-khau/", {"email": "an.tran@example.vn"})
    assert reset["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    connections["password reset"] = relay.connections

    # Then no request connected to the relay, and no SMS left in a request
    assert connections == {
        "submission": 0,
        "officer action": 0,
        "registration by e-mail": 0,
        "registration by phone": 0,
        "password reset": 0,
    }
    assert sms.outbox == []
    # All wait in the outboxes: the dossier's two notices, the confirmation
    # link and the reset link (both sealed), and the code
    assert list(
        OutboundEmail.objects.order_by("pk").values_list("to_address", "sealed", "status")
    ) == [
        ("an.tran@example.vn", False, "pending"),
        ("an.tran@example.vn", False, "pending"),
        ("moi@example.vn", True, "pending"),
        ("an.tran@example.vn", True, "pending"),
    ]
    assert list(OutboundSms.objects.values_list("phone", "sealed", "status")) == [
        ("0912000111", True, "pending")
    ]

    # When the worker runs, with a mail server that answers
    use_smtp(settings, smtp_server.port)
    call_command("worker", once=True, stdout=StringIO())

    # Then every message is delivered once, and the credentials are not kept
    assert [r.recipients for r in smtp_server.received] == [
        ["an.tran@example.vn"],
        ["an.tran@example.vn"],
        ["moi@example.vn"],
        ["an.tran@example.vn"],
    ]
    assert "/tai-khoan/xac-nhan-email/" in smtp_server.received[2].message.get_content()
    assert [m.phone for m in sms.outbox] == ["0912000111"]
    assert list(OutboundEmail.objects.values_list("status", flat=True)) == ["sent"] * 4
    assert list(OutboundEmail.objects.filter(sealed=True).values_list("body", flat=True)) == [
        "",
        "",
    ]
    assert list(OutboundSms.objects.values_list("status", "text")) == [("sent", "")]
    assert relay.connections == 0

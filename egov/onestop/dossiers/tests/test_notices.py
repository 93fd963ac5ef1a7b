"""A dossier's status change tells the applicant: one entry, one e-mail, sent by the worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks as Capture
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus
from egov.onestop.dossiers.notices import tell_applicant
from egov.onestop.dossiers.services import (
    Applicant,
    claim,
    register_dossier,
    request_payment,
    request_supplement,
)
from egov.onestop.dossiers.tests.conftest import APPLICANT, CITIZEN_EMAIL, VN, Desk, receive
from egov.onestop.dossiers.tracking.answers import RetireAnswers
from egov.onestop.events import DossierEvent, DossierStatusChanged
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.notifications.models import Notification, NotificationKind, OutboundEmail
from egov.platform.notifications.outbox import send_due

SUPPLEMENT_AT = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
PUBLIC_URL = "https://dichvucong.tayninh.gov.vn"
CENTRE = "Trung tâm Phục vụ hành chính công phường Long An"


def _ask_for_supplement(dossier: Dossier, cast: Cast) -> Dossier:
    with time_machine.travel(SUPPLEMENT_AT, tick=False):
        return request_supplement(
            actor=cast.specialist,
            dossier=dossier,
            items=["Giấy chứng sinh bản chính", "Tờ khai có chữ ký người đi khai"],
            reason="Bản sao giấy chứng sinh bị mờ",
        )


def _event_id(dossier: Dossier, event: str) -> int:
    """The key of the dossier's (only) audit event of that type."""
    return AuditEvent.objects.get(event_type=f"dossiers.{event}", target_id=str(dossier.pk)).pk


def _emails(callbacks: list[Callable[[], object]]) -> list[Callable[[], object]]:
    """The after-commit steps other than retiring cached tracking answers."""
    return [c for c in callbacks if not isinstance(c, RetireAnswers)]


def test_supplement_request_writes_one_entry_and_one_email_sent_by_the_worker(
    online_dossier: Dossier,
    cast: Cast,
    applicant: User,
    settings: Settings,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # Given an online dossier at the specialist's step
    settings.PUBLIC_URL = PUBLIC_URL
    settings.DEFAULT_FROM_EMAIL = "khongtraloi@tayninh.gov.vn"
    code = online_dossier.code
    assert code == "001.01.30.H53-260302-0001"

    # When the specialist asks for a supplement
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dossier = _ask_for_supplement(online_dossier, cast)

    # Then nothing is sent by the change, nor after its commit (issue 16, item 3)
    assert mail.outbox == []
    assert _emails(callbacks) == []

    title = f"Hồ sơ {code} đã chuyển sang trạng thái «Yêu cầu bổ sung»"
    body = (
        "Thủ tục: Thủ tục đăng ký khai sinh.\n"
        "Ngày hẹn trả kết quả: 08:00 ngày 09/03/2026.\n"
        "Giấy tờ cần bổ sung:\n"
        "- Giấy chứng sinh bản chính\n"
        "- Tờ khai có chữ ký người đi khai\n"
        "Lý do: Bản sao giấy chứng sinh bị mờ"
    )
    notification = Notification.objects.get()
    assert notification.recipient == applicant
    assert notification.link == f"/dich-vu-cong/ho-so/{dossier.pk}/"
    assert notification.kind == NotificationKind.DOSSIER_STATUS
    assert notification.title == title
    assert notification.body == body
    assert notification.read_at is None
    assert notification.created_at == SUPPLEMENT_AT
    email = OutboundEmail.objects.get()
    assert email.to_address == CITIZEN_EMAIL
    assert email.notification == notification
    assert email.dedupe_key == f"{dossier.pk}:5:{_event_id(dossier, 'supplement_requested')}"
    assert email.sent_at is None
    assert email.attempts == 0
    assert email.next_attempt_at == SUPPLEMENT_AT

    # When the worker drains the outbox
    send_due()

    # Then the e-mail is sent, with the facts and the tracking link
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [CITIZEN_EMAIL]
    assert sent.from_email == "khongtraloi@tayninh.gov.vn"
    assert sent.subject == title
    assert sent.body == (
        "Kính gửi Ông/Bà Trần Văn An,\n"
        "\n"
        f"{title}.\n"
        f"{body}\n"
        "\n"
        f"Tra cứu hồ sơ: {PUBLIC_URL}/tra-cuu/?ma={code}&bi_mat={dossier.tracking_secret}\n"
        "\n"
        f"{CENTRE}\n"
        "Thư này được gửi tự động, vui lòng không trả lời."
    )
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1
    assert email.next_attempt_at is None
    assert email.last_error == ""


def test_rolled_back_change_leaves_nothing_and_sends_nothing(
    online_dossier: Dossier, cast: Cast, django_capture_on_commit_callbacks: Capture
) -> None:
    class Interrupted(Exception):
        pass

    # Given a supplement request whose surrounding transaction fails afterwards
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Interrupted),
        transaction.atomic(),
    ):
        _ask_for_supplement(online_dossier, cast)
        raise Interrupted

    # Then no entry, no outbox row, no callback and no e-mail exist
    assert _emails(callbacks) == []
    assert Notification.objects.count() == 0
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []
    assert Dossier.objects.get(pk=online_dossier.pk).status == DossierStatus.PROCESSING


def test_payment_request_states_the_amount(
    online_dossier: Dossier, cast: Cast, django_capture_on_commit_callbacks: Capture
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(SUPPLEMENT_AT, tick=False),
    ):
        request_payment(
            actor=cast.specialist, dossier=online_dossier, note="Lệ phí", amount_vnd=50000
        )

    notification = Notification.objects.get()
    assert notification.title == (
        f"Hồ sơ {online_dossier.code} đã chuyển sang trạng thái "
        "«Yêu cầu thực hiện nghĩa vụ tài chính»"
    )
    assert notification.body == (
        "Thủ tục: Thủ tục đăng ký khai sinh.\n"
        "Ngày hẹn trả kết quả: 08:00 ngày 09/03/2026.\n"
        "Số tiền phải nộp: 50.000 đồng."
    )
    assert mail.outbox == []
    send_due()
    assert [m.subject for m in mail.outbox] == [notification.title]


def test_changes_that_keep_the_status_notify_nobody(
    online_dossier: Dossier, cast: Cast, django_capture_on_commit_callbacks: Capture
) -> None:
    # Claiming the dossier does not change its status (4, processing)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        claim(actor=cast.specialist, dossier=online_dossier)

    assert _emails(callbacks) == []
    assert Notification.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_reporting_the_same_change_twice_writes_it_once(
    online_dossier: Dossier, cast: Cast, django_capture_on_commit_callbacks: Capture
) -> None:
    dossier = _ask_for_supplement(online_dossier, cast)

    told = DossierStatusChanged(
        dossier=dossier,
        event=DossierEvent.SUPPLEMENT_REQUESTED,
        previous_status=DossierStatus.PROCESSING,
        audit_event_id=_event_id(dossier, "supplement_requested"),
    )

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        tell_applicant(told)

    assert _emails(callbacks) == []
    assert Notification.objects.count() == 1
    assert OutboundEmail.objects.count() == 1


def test_desk_applicant_without_account_gets_emails_but_no_entries(
    desk: Desk, cast: Cast, province: Province, django_capture_on_commit_callbacks: Capture
) -> None:
    # Registered and accepted at the desk in one transaction, e-mail given on the form
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(datetime(2026, 3, 2, 8, 0, tzinfo=VN), tick=False),
    ):
        dossier = receive(desk, cast, province)

    assert Notification.objects.count() == 0
    emails = list(OutboundEmail.objects.order_by("pk"))
    assert [(e.to_address, e.subject, e.dedupe_key) for e in emails] == [
        (
            APPLICANT.email,
            "Hồ sơ của bạn đã chuyển sang trạng thái «Mới đăng ký»",
            f"{dossier.pk}:1:{_event_id(dossier, 'registered')}",
        ),
        (
            APPLICANT.email,
            f"Hồ sơ {dossier.code} đã chuyển sang trạng thái «Được tiếp nhận»",
            f"{dossier.pk}:2:{_event_id(dossier, 'accepted')}",
        ),
    ]
    assert mail.outbox == []
    send_due()
    assert [m.subject for m in mail.outbox] == [e.subject for e in emails]
    assert OutboundEmail.objects.filter(sent_at__isnull=True).count() == 0


def test_no_address_no_account_no_message(
    desk: Desk, cast: Cast, province: Province, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        register_dossier(
            actor=cast.reception,
            receiving_unit=province.long_an_centre,
            procedure=desk.procedure,
            agency=province.long_an,
            channel=Channel.DIRECT,
            applicant=Applicant(name="Lê Thị Bình"),
        )

    assert _emails(callbacks) == []
    assert Notification.objects.count() == 0
    assert OutboundEmail.objects.count() == 0

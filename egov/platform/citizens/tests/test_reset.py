"""Forgotten passwords: a link by e-mail, a code by SMS."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.citizens import sms
from egov.platform.citizens.services import confirm_phone
from egov.platform.citizens.tests.conftest import STRONG, Commit, deliver, email_link, sms_code
from egov.platform.notifications.models import OutboundEmail

NEW = "Mat-khau-moi-2027"


@pytest.fixture
def confirmed_email(by_email: User, client: Client) -> User:
    client.post(email_link())
    mail.outbox.clear()
    by_email.refresh_from_db()
    return by_email


@pytest.fixture
def confirmed_phone(by_phone: User) -> User:
    confirm_phone(user=by_phone, code=sms_code())
    sms.outbox.clear()
    by_phone.refresh_from_db()
    return by_phone


def test_reset_by_email(confirmed_email: User, client: Client) -> None:
    # When the citizen asks for a reset link
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "hoa.le@example.vn"})
    # Then a Vietnamese mail carries a one-time link: queued sealed in the
    # request, sent by the worker, and emptied once sent
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert mail.outbox == []
    queued = OutboundEmail.objects.get(subject="Đặt lại mật khẩu dịch vụ công")
    assert (queued.to_address, queued.sealed, queued.status) == (
        "Hoa.Le@example.vn",
        True,
        "pending",
    )
    assert "/tai-khoan/dat-lai-mat-khau/" not in queued.body
    deliver()
    queued.refresh_from_db()
    assert (queued.status, queued.body) == ("sent", "")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Đặt lại mật khẩu dịch vụ công"
    link = re.search(r"https?://testserver(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    # When they open it and set a new password
    form_page = client.get(link.group(1), follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW, "new_password2": NEW},
    )
    # Then the password changed, through the service, with its audit event
    assert done["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"
    confirmed_email.refresh_from_db()
    assert confirmed_email.check_password(NEW)
    assert list(
        AuditEvent.objects.filter(event_type="citizens.password_reset").values_list(
            "details", flat=True
        )
    ) == [{"via": "email"}]
    # and the link cannot be used again
    again = client.get(link.group(1), follow=True)
    assert "Đường dẫn đặt lại mật khẩu không hợp lệ" in again.content.decode()


def test_no_reset_mail_for_an_unconfirmed_address(by_email: User, client: Client) -> None:
    mail.outbox.clear()

    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "hoa.le@example.vn"})

    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 0


def test_reset_by_sms(
    confirmed_phone: User, client: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/tai-khoan/quen-mat-khau/sdt/", {"phone": "0912 345 678"})
    assert asked["Location"] == "/tai-khoan/quen-mat-khau/sdt/nhap-ma/"
    assert sms.outbox == []
    deliver()
    assert [m.phone for m in sms.outbox] == ["0912345678"]

    done = client.post(
        "/tai-khoan/quen-mat-khau/sdt/nhap-ma/",
        {"code": sms_code(), "password1": NEW, "password2": NEW},
    )

    assert done["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"
    confirmed_phone.refresh_from_db()
    assert confirmed_phone.check_password(NEW)


def test_reset_by_sms_with_a_wrong_code_changes_nothing(
    confirmed_phone: User, client: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tai-khoan/quen-mat-khau/sdt/", {"phone": "0912345678"})
    code = sms_code()

    page = client.post(
        "/tai-khoan/quen-mat-khau/sdt/nhap-ma/",
        {"code": f"{(int(code) + 1) % 1_000_000:06d}", "password1": NEW, "password2": NEW},
    )

    assert "Mã xác nhận không đúng. Bạn còn 4 lần thử." in page.content.decode()
    confirmed_phone.refresh_from_db()
    assert confirmed_phone.check_password(STRONG)
    assert not AuditEvent.objects.filter(event_type="citizens.password_reset").exists()


def test_unknown_phone_gets_the_same_answer_and_no_sms(db: None, client: Client) -> None:
    asked = client.post("/tai-khoan/quen-mat-khau/sdt/", {"phone": "0900000000"})

    assert asked["Location"] == "/tai-khoan/quen-mat-khau/sdt/nhap-ma/"
    assert sms.outbox == []


def test_a_weak_new_password_is_refused_in_vietnamese(
    confirmed_email: User, client: Client
) -> None:
    client.post("/tai-khoan/quen-mat-khau/", {"email": "hoa.le@example.vn"})
    deliver()
    link = re.search(r"https?://testserver(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)

    page = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "abc", "new_password2": "abc"}
    ).content.decode()

    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in page
    confirmed_email.refresh_from_db()
    assert confirmed_email.check_password(STRONG)

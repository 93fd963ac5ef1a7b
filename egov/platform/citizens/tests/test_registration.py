"""Registering with an e-mail or a phone, and confirming the address."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from egov.platform.accounts.models import AccountKind, User
from egov.platform.audit.models import AuditEvent
from egov.platform.citizens import sms
from egov.platform.citizens.models import CitizenProfile, PhoneCode
from egov.platform.citizens.services import confirm_email, email_token, register_citizen
from egov.platform.citizens.tests.conftest import STRONG, Commit, deliver, email_link, sms_code
from egov.platform.core.errors import InvalidInput
from egov.platform.notifications.models import OutboundEmail


def events(user: User) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(user.pk))
        .order_by("id")
        .values_list("event_type", flat=True)
    )


def test_register_with_email_creates_an_inactive_account_and_mails_a_link(
    by_email: User,
) -> None:
    # Given a citizen registered with an e-mail (fixture)
    # Then the account is inactive, its profile unconfirmed, the audit written
    assert by_email.kind == AccountKind.CITIZEN
    assert by_email.is_active is False
    assert by_email.email == "Hoa.Le@example.vn"
    assert by_email.id_number == "079301000123"
    assert by_email.username.startswith("cd-")
    profile = CitizenProfile.objects.get(user=by_email)
    assert (profile.email_confirmed_at, profile.phone_confirmed_at) == (None, None)
    assert events(by_email) == ["accounts.account_created", "citizens.registered"]
    # and the worker sent one mail, with the confirmation link (the fixture delivered it)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Hoa.Le@example.vn"]
    assert mail.outbox[0].subject == "Xác nhận địa chỉ e-mail"
    assert email_link().startswith("/tai-khoan/xac-nhan-email/")


def test_the_confirmation_mail_is_queued_sealed_and_sent_by_the_worker(
    db: None, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        register_citizen(
            kind=AccountKind.CITIZEN, full_name="A", contact="a@example.vn", password=STRONG
        )

    # Nothing sent by the registration: the link waits sealed in the outbox
    assert mail.outbox == []
    queued = OutboundEmail.objects.get()
    assert (queued.to_address, queued.subject, queued.sealed, queued.status) == (
        "a@example.vn",
        "Xác nhận địa chỉ e-mail",
        True,
        "pending",
    )
    assert "/tai-khoan/" not in queued.body
    # The worker sends it, and keeps no copy of the link
    deliver()
    queued.refresh_from_db()
    assert (queued.status, queued.body) == ("sent", "")
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]
    assert "http://dvc.example.vn/tai-khoan/" in str(mail.outbox[0].body)


def test_the_link_confirms_and_activates(by_email: User, client: Client) -> None:
    # When the citizen opens the link and presses the button
    link = email_link()
    page = client.get(link)
    response = client.post(link)
    # Then the account is active and the e-mail confirmed
    assert page.status_code == 200
    assert "Xác nhận địa chỉ e-mail" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-nhap/"
    by_email.refresh_from_db()
    assert by_email.is_active is True
    assert CitizenProfile.objects.get(user=by_email).email_confirmed_at is not None
    assert events(by_email)[-1] == "citizens.email_confirmed"


def test_a_tampered_link_changes_nothing(by_email: User, client: Client) -> None:
    link = email_link()
    forged = link[:-3] + ("AAA" if not link.endswith("AAA/") else "BBB") + "/"

    response = client.post(forged)

    assert response.status_code == 400
    assert "Đường dẫn xác nhận không hợp lệ." in response.content.decode()
    by_email.refresh_from_db()
    assert by_email.is_active is False
    assert CitizenProfile.objects.get(user=by_email).email_confirmed_at is None
    assert events(by_email) == ["accounts.account_created", "citizens.registered"]


def test_an_expired_link_changes_nothing(by_email: User) -> None:
    token = email_token(by_email, by_email.email)
    with (
        time_machine.travel(timezone.now() + timedelta(days=3, seconds=1)),
        pytest.raises(InvalidInput) as refused,
    ):
        confirm_email(token=token)

    assert refused.value.code == "confirmation_expired"
    assert refused.value.message == (
        "Đường dẫn xác nhận đã hết hạn. Hãy yêu cầu gửi lại đường dẫn mới."
    )
    by_email.refresh_from_db()
    assert by_email.is_active is False
    assert events(by_email) == ["accounts.account_created", "citizens.registered"]


def test_register_with_phone_sends_a_code_and_the_code_activates(
    by_phone: User, client: Client
) -> None:
    # Given a business registered with "+84 912 345 678"
    assert by_phone.kind == AccountKind.BUSINESS
    assert by_phone.phone == "0912345678"
    assert by_phone.username.startswith("dn-")
    assert [m.phone for m in sms.outbox] == ["0912345678"]
    stored = PhoneCode.objects.get(user=by_phone)
    assert sms_code() not in stored.code_hash
    # When the code is typed on the page the registration led to
    session = client.session
    session["citizens_confirm_user"] = by_phone.pk
    session.save()
    response = client.post("/tai-khoan/xac-nhan-sdt/", {"code": sms_code()})
    # Then the phone is confirmed and the account active
    assert response.status_code == 302
    by_phone.refresh_from_db()
    assert by_phone.is_active is True
    assert CitizenProfile.objects.get(user=by_phone).phone_confirmed_at is not None
    assert events(by_phone)[-1] == "citizens.phone_confirmed"


def test_register_page_with_phone_leads_to_the_code_page(db: None, client: Client) -> None:
    response = client.post(
        "/tai-khoan/dang-ky/",
        {
            "kind": "citizen",
            "full_name": "Phạm Thị Lan",
            "contact": "0987 654 321",
            "id_number": "",
            "password1": STRONG,
            "password2": STRONG,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/xac-nhan-sdt/"
    user = User.objects.get(phone="0987654321")
    assert client.session["citizens_confirm_user"] == user.pk


def test_weak_password_is_refused_in_vietnamese(db: None, client: Client) -> None:
    response = client.post(
        "/tai-khoan/dang-ky/",
        {
            "kind": "citizen",
            "full_name": "Phạm Thị Lan",
            "contact": "lan@example.vn",
            "password1": "12345678",
            "password2": "12345678",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<ul class="errorlist" id="id_password1_error">'
        "<li>Mật khẩu này quá phổ biến, dễ bị đoán.</li>"
        "<li>Mật khẩu không được chỉ gồm chữ số.</li></ul>"
    ) in page
    assert User.objects.count() == 0
    assert len(mail.outbox) == 0


@pytest.mark.parametrize(
    ("contact", "code", "message"),
    [
        ("khong-phai-dia-chi", "invalid_contact", None),
        ("abc@", "invalid_email", "Địa chỉ e-mail không đúng."),
        ("12345", "invalid_contact", None),
    ],
)
def test_a_contact_that_is_neither_email_nor_phone_is_refused(
    db: None, contact: str, code: str, message: str | None
) -> None:
    with pytest.raises(InvalidInput) as refused:
        register_citizen(kind=AccountKind.CITIZEN, full_name="A", contact=contact, password=STRONG)

    assert refused.value.code == code
    assert refused.value.message == (
        message or "Hãy nhập địa chỉ e-mail hoặc số điện thoại (ví dụ 0912345678)."
    )
    assert User.objects.count() == 0


def test_staff_accounts_cannot_be_registered(db: None) -> None:
    with pytest.raises(InvalidInput):
        register_citizen(
            kind=AccountKind.STAFF, full_name="A", contact="a@example.vn", password=STRONG
        )
    assert User.objects.count() == 0


def test_every_error_of_the_registration_form_is_listed_at_the_top(
    db: None, client: Client
) -> None:
    response = client.post(
        "/tai-khoan/dang-ky/",
        {"kind": "citizen", "full_name": "", "contact": "", "password1": "", "password2": ""},
    )

    assert response.status_code == 200
    page = response.content.decode()
    summary = page.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'role="alert" tabindex="-1"' in summary
    assert summary.count("<li>") == 4
    assert '<a href="#id_full_name">' in summary
    assert '<a href="#id_contact">' in summary
    assert '<a href="#id_password1">' in summary
    assert '<a href="#id_password2">' in summary
    assert 'aria-describedby="id_full_name_error"' in page
    assert User.objects.count() == 0

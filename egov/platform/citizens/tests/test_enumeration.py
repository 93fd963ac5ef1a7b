"""Registration does not tell whether an identity has an account (issue 16 item 4).

A probe with an e-mail, a phone or an ID number that has an account gets the
same bytes as one that has none; the owner is told at their own address
through the outboxes, after the request, and no second account is made.
"""

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
from egov.platform.notifications.models import OutboundEmail, OutboundSms

# The CSRF token (in forms and in htmx's headers) differs on every page.
CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')


def _form(contact: str, id_number: str = "", kind: str = "citizen") -> dict[str, str]:
    return {
        "kind": kind,
        "full_name": "Người Thử",
        "contact": contact,
        "id_number": id_number,
        "password1": STRONG,
        "password2": STRONG,
    }


def _bytes(content: bytes) -> bytes:
    return CSRF.sub(rb'\1"', content)


def _register(address: str, data: dict[str, str], commit: Commit) -> tuple[int, str, bytes]:
    with commit(execute=True):
        response = Client(REMOTE_ADDR=address).post("/tai-khoan/dang-ky/", data)
    return response.status_code, response.get("Location", ""), _bytes(response.content)


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Commit) -> Commit:
    return django_capture_on_commit_callbacks


def test_an_existing_email_answers_like_a_new_one_and_tells_its_owner(
    by_email: User, commit: Commit
) -> None:
    # Given Hoa's account (confirmation mail already sent by the fixture)
    client = Client()
    client.post(email_link())
    mail.outbox.clear()

    # When someone registers with her e-mail, and someone else with a new one
    taken = _register("10.9.0.1", _form("hoa.le@example.vn"), commit)
    fresh = _register("10.9.0.2", _form("ho.moi@example.vn"), commit)

    # Then both see the same page, byte for byte
    assert taken[0] == fresh[0] == 200
    assert taken == fresh
    assert "Kiểm tra hộp thư của bạn" in taken[2].decode()
    # and only one new account exists, the new address's
    assert list(User.objects.order_by("pk").values_list("email", flat=True)) == [
        "Hoa.Le@example.vn",
        "ho.moi@example.vn",
    ]
    # Hoa's notice waits in the outbox beside the new address's (sealed)
    # confirmation; nothing was sent in the requests
    notice = OutboundEmail.objects.get(subject="Có người đăng ký bằng thông tin của bạn")
    assert notice.to_address == "Hoa.Le@example.vn"
    assert "http://dvc.example.vn/tai-khoan/quen-mat-khau/" in notice.body
    assert "Xin chào Lê Thị Hoa," in notice.body
    assert list(
        OutboundEmail.objects.filter(status="pending")
        .order_by("pk")
        .values_list("to_address", "sealed")
    ) == [("Hoa.Le@example.vn", False), ("ho.moi@example.vn", True)]
    assert mail.outbox == []
    # and the worker sends both
    deliver()
    assert [m.to for m in mail.outbox] == [["Hoa.Le@example.vn"], ["ho.moi@example.vn"]]
    assert AuditEvent.objects.filter(
        event_type="citizens.registration_attempt", target_id=str(by_email.pk)
    ).values_list("details", flat=True).get() == {"matched": "email", "told_by": "email"}


def test_an_existing_id_number_answers_like_a_new_one_and_tells_its_owner(
    by_email: User, commit: Commit
) -> None:
    mail.outbox.clear()

    taken = _register("10.9.1.1", _form("an.nguyen@example.vn", "079301000123"), commit)
    fresh = _register("10.9.1.2", _form("an.tran@example.vn", "079301000999"), commit)

    assert taken == fresh
    assert taken[0] == 200
    assert not User.objects.filter(email="an.nguyen@example.vn").exists()
    assert User.objects.get(email="an.tran@example.vn").id_number == "079301000999"
    # The owner of the number is told at her address, not the prober at his;
    # the new account's confirmation waits sealed, nothing was sent in the requests
    assert list(
        OutboundEmail.objects.filter(status="pending")
        .order_by("pk")
        .values_list("to_address", "subject")
    ) == [
        ("Hoa.Le@example.vn", "Có người đăng ký bằng thông tin của bạn"),
        ("an.tran@example.vn", "Xác nhận địa chỉ e-mail"),
    ]
    assert mail.outbox == []


def test_an_existing_phone_answers_like_a_new_one_up_to_the_code_page(
    by_phone: User, commit: Commit
) -> None:
    # Given the business's confirmed phone
    confirm_phone(user=by_phone, code=sms_code())
    sms.outbox.clear()

    taken_client = Client(REMOTE_ADDR="10.9.2.1")
    fresh_client = Client(REMOTE_ADDR="10.9.2.2")
    with commit(execute=True):
        taken = taken_client.post("/tai-khoan/dang-ky/", _form("0912 345 678"))
        fresh = fresh_client.post("/tai-khoan/dang-ky/", _form("0912 000 678"))

    # Then the same redirect, the same bytes
    assert (taken.status_code, taken["Location"], taken.content) == (
        fresh.status_code,
        fresh["Location"],
        fresh.content,
    )
    assert taken["Location"] == "/tai-khoan/xac-nhan-sdt/"
    # Nothing was sent in the requests: the owner's notice and the new
    # number's (sealed) code wait in the SMS outbox
    assert sms.outbox == []
    assert list(
        OutboundSms.objects.filter(status="pending")
        .order_by("pk")
        .values_list("phone", "sealed", "text")
    )[0] == (
        "0912345678",
        False,
        "Co nguoi vua dang ky tai khoan egov bang thong tin cua ban. "
        "Neu quen mat khau: http://dvc.example.vn/tai-khoan/quen-mat-khau/sdt/",
    )
    assert list(
        OutboundSms.objects.filter(status="pending").order_by("pk").values_list("phone", "sealed")
    ) == [("0912345678", False), ("0912000678", True)]
    # and a wrong code gets the same answer on the code page (sms_code():
    # the worker sends both, the new number's code last)
    wrong = "000000" if sms_code() != "000000" else "111111"
    pages = [
        _bytes(c.post("/tai-khoan/xac-nhan-sdt/", {"code": wrong}).content)
        for c in (taken_client, fresh_client)
    ]
    assert pages[0] == pages[1]
    assert "Mã xác nhận không đúng. Bạn còn 4 lần thử." in pages[0].decode()
    assert [m.phone for m in sms.outbox] == ["0912345678", "0912000678"]
    assert User.objects.filter(phone="0912345678").count() == 1


def test_the_decoy_code_page_locks_after_5_wrong_codes_like_a_real_one(
    by_phone: User, commit: Commit
) -> None:
    client = Client(REMOTE_ADDR="10.9.3.1")
    with commit(execute=True):
        client.post("/tai-khoan/dang-ky/", _form("0912345678"))

    answers = [
        client.post("/tai-khoan/xac-nhan-sdt/", {"code": "123456"}).content.decode()
        for _ in range(5)
    ]

    assert "Mã xác nhận không đúng. Bạn còn 1 lần thử." in answers[3]
    assert "Bạn đã nhập sai mã quá 5 lần. Hãy yêu cầu gửi mã mới." in answers[4]


def test_repeated_attempts_tell_the_owner_once_an_hour(by_email: User, commit: Commit) -> None:
    for i in range(3):
        _register(f"10.9.4.{i}", _form("hoa.le@example.vn"), commit)

    assert (
        OutboundEmail.objects.filter(subject="Có người đăng ký bằng thông tin của bạn").count() == 1
    )
    assert AuditEvent.objects.filter(event_type="citizens.registration_attempt").count() == 3
    assert User.objects.count() == 1


def test_a_weak_password_is_refused_the_same_way_for_an_existing_address(
    by_email: User, commit: Commit
) -> None:
    weak = {**_form("hoa.le@example.vn"), "password1": "12345678", "password2": "12345678"}
    fresh_weak = {**weak, "contact": "ho.moi@example.vn"}

    taken = _register("10.9.5.1", weak, commit)
    fresh = _register("10.9.5.2", fresh_weak, commit)

    assert taken[0] == fresh[0] == 200
    assert taken[2].replace(b"hoa.le@", b"X@") == fresh[2].replace(b"ho.moi@", b"X@")
    assert "Mật khẩu này quá phổ biến, dễ bị đoán." in taken[2].decode()
    # Only the fixture's own confirmation
    assert OutboundEmail.objects.count() == 1

"""Logging in at /tai-khoan/dang-nhap/ with an e-mail or a phone."""

from __future__ import annotations

from django.test import Client

from egov.conftest import PASSWORD, Cast
from egov.platform.accounts.models import User
from egov.platform.citizens.services import confirm_phone
from egov.platform.citizens.tests.conftest import STRONG, email_link, sms_code


def log_in(client: Client, username: str, password: str = STRONG) -> str:
    response = client.post("/tai-khoan/dang-nhap/", {"username": username, "password": password})
    return response.content.decode() if response.status_code == 200 else response["Location"]


def test_confirmed_email_logs_in_whatever_the_case(by_email: User, client: Client) -> None:
    client.post(email_link())

    where = log_in(client, "  hoa.le@EXAMPLE.vn ")

    assert where == "/trang-cua-toi/"
    assert client.session["_auth_user_id"] == str(by_email.pk)


def test_confirmed_phone_logs_in_in_any_notation(by_phone: User, client: Client) -> None:
    confirm_phone(user=by_phone, code=sms_code())

    where = log_in(client, "+84912345678")

    assert where == "/trang-cua-toi/"
    assert client.session["_auth_user_id"] == str(by_phone.pk)


def test_unconfirmed_account_is_refused_with_a_clear_message(
    by_email: User, client: Client
) -> None:
    page = log_in(client, "Hoa.Le@example.vn")

    assert "Tài khoản chưa được xác nhận." in page
    assert 'href="/tai-khoan/gui-lai-xac-nhan/"' in page
    assert "_auth_user_id" not in client.session


def test_unconfirmed_account_with_a_wrong_password_gets_the_usual_message(
    by_email: User, client: Client
) -> None:
    page = log_in(client, "Hoa.Le@example.vn", "sai-mat-khau")

    assert "Tài khoản chưa được xác nhận." not in page
    assert "E-mail/số điện thoại hoặc mật khẩu không đúng." in page
    assert "_auth_user_id" not in client.session


def test_unconfirmed_account_cannot_use_the_staff_login(by_email: User, client: Client) -> None:
    response = client.post("/dang-nhap/", {"username": by_email.username, "password": STRONG})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_account_entered_by_an_administrator_logs_in_by_email(
    cast: Cast, client: Client
) -> None:
    cast.citizen.email = "an.tran@example.vn"
    cast.citizen.save()

    where = log_in(client, "an.tran@example.vn", PASSWORD)

    assert where == "/trang-cua-toi/"


def test_staff_cannot_log_in_by_email_here(cast: Cast, client: Client) -> None:
    cast.specialist.email = "tai@example.vn"
    cast.specialist.save()

    page = log_in(client, "tai@example.vn", PASSWORD)

    assert "E-mail/số điện thoại hoặc mật khẩu không đúng." in page
    assert "_auth_user_id" not in client.session


def test_login_page_shows_no_vneid_button_when_not_configured(client: Client) -> None:
    page = client.get("/tai-khoan/dang-nhap/").content.decode()

    assert "Đăng nhập bằng VNeID" not in page
    assert "E-mail hoặc số điện thoại" in page

"""Login lockout counted per resolved account and per client address (issue 16 item 3)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from pytest_django.fixtures import Settings

from egov.conftest import PASSWORD, Cast
from egov.platform.citizens.lockout import lockout_address, lockout_username

LOCKED = "Bạn đã nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ít phút."
SPELLINGS = ["Bich.Nguyen@Example.VN", "0987 654 321", "+84987654321", "bich.nguyen@example.vn"]
CITIZEN_LOGIN = "/tai-khoan/dang-nhap/"
STAFF_LOGIN = "/dang-nhap/"


@pytest.fixture
def bich(cast: Cast) -> Cast:
    cast.citizen.email = "Bich.Nguyen@example.vn"
    cast.citizen.phone = "0987654321"
    cast.citizen.save()
    return cast


def post(url: str, username: str, password: str, address: str) -> tuple[int, str]:
    response = Client(REMOTE_ADDR=address).post(url, {"username": username, "password": password})
    return response.status_code, response.content.decode()


def test_every_spelling_counts_against_the_same_account(bich: Cast) -> None:
    key = f"account:{bich.citizen.pk}"
    request = RequestFactory().post(CITIZEN_LOGIN)

    assert [lockout_username(request, {"username": s}) for s in SPELLINGS] == [key] * 4
    assert lockout_username(request, {"username": "chuyenvien"}) == f"account:{bich.specialist.pk}"
    assert lockout_username(request, {"username": " Khong.Ai@Example.VN "}) == (
        "email:khong.ai@example.vn"
    )


def test_41_wrong_guesses_in_different_spellings_lock_the_account(bich: Cast) -> None:
    # Each guess from its own address, so only the account count can lock.
    statuses = [
        post(CITIZEN_LOGIN, SPELLINGS[i % 4], "sai-mat-khau", f"10.0.0.{i + 1}")[0]
        for i in range(41)
    ]

    status, page = post(CITIZEN_LOGIN, "+84987654321", PASSWORD, "10.9.9.9")

    assert status == 429
    assert LOCKED in page
    # The first 4 guesses get the login form back; the 5th failure locks.
    assert statuses == [200] * 4 + [429] * 37
    assert AccessAttempt.objects.filter(username=f"account:{bich.citizen.pk}").count() == 42
    # Another account from another address still logs in.
    status, _page = post(STAFF_LOGIN, "chuyenvien", PASSWORD, "10.8.8.8")
    assert status == 302


def test_an_address_is_locked_after_the_higher_threshold_over_all_accounts(
    bich: Cast, settings: Settings
) -> None:
    assert settings.EGOV_LOGIN_ADDRESS_FAILURE_LIMIT == 30
    for i in range(30):
        post(CITIZEN_LOGIN, f"nguoi{i}@example.vn", "sai", f"2001:db8:1:2::{i + 1:x}")

    # Same /64, an account with no failure of its own: refused.
    status, page = post(STAFF_LOGIN, "chuyenvien", PASSWORD, "2001:db8:1:2:ffff::1")
    assert status == 429
    assert LOCKED in page
    # Another /64 logs in.
    status, _page = post(STAFF_LOGIN, "chuyenvien", PASSWORD, "2001:db8:1:3::1")
    assert status == 302


def test_29_failures_from_one_address_do_not_lock_it(bich: Cast) -> None:
    for i in range(29):
        post(CITIZEN_LOGIN, f"nguoi{i}@example.vn", "sai", "192.0.2.7")

    status, _page = post(STAFF_LOGIN, "chuyenvien", PASSWORD, "192.0.2.7")

    assert status == 302


def test_ipv6_addresses_are_grouped_by_their_64() -> None:
    factory = RequestFactory()

    assert lockout_address(factory.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::9")) == "2001:db8:1:2::"
    assert lockout_address(factory.get("/", REMOTE_ADDR="192.0.2.7")) == "192.0.2.7"
    assert lockout_address(factory.get("/", REMOTE_ADDR="")) is None

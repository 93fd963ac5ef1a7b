from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from egov.conftest import PASSWORD, Cast, Province


def _login(client: Client, username: str, password: str) -> int:
    response = client.post("/dang-nhap/", {"username": username, "password": password})
    return response.status_code


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        ("tiepnhan", "/ho-so/"),
        ("chuyenvien", "/ho-so/"),
        ("vanthu", "/ho-so/"),
        ("truongphong", "/thong-ke/"),
        ("lanhdao", "/thong-ke/"),
    ],
)
def test_officers_land_on_their_work(cast: Cast, username: str, landing: str) -> None:
    client = Client()

    response = client.post("/dang-nhap/", {"username": username, "password": PASSWORD}, follow=True)
    mine = client.get("/trang-cua-toi/")

    assert response.redirect_chain == [(landing, 302)]
    assert response.status_code == 200
    assert mine.status_code == 302
    assert mine["Location"] == landing
    assert "has no role" not in response.content.decode()
    assert "chưa được giao vai trò" not in response.content.decode()


def test_administrator_lands_on_their_unit(cast: Cast, province: Province) -> None:
    client = Client()

    response = client.post(
        "/dang-nhap/", {"username": "quantri", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain == [(f"/don-vi/{province.long_an.pk}/", 302)]
    assert "<h1>Phường Long An</h1>" in response.content.decode()


def test_citizen_lands_on_my_dossiers(cast: Cast) -> None:
    client = Client()

    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": "congdan", "password": PASSWORD}, follow=True
    )
    home = client.get("/")

    assert response.redirect_chain == [("/trang-cua-toi/", 302), ("/dich-vu-cong/", 302)]
    assert response.status_code == 200
    assert "<h1>Hồ sơ của tôi</h1>" in response.content.decode()
    assert home.status_code == 200
    assert "chưa được giao vai trò" not in home.content.decode()
    assert 'href="/trang-cua-toi/"' in home.content.decode()


def test_my_page_needs_a_login(db: None) -> None:
    response = Client().get("/trang-cua-toi/")

    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=/trang-cua-toi/"


def test_wrong_password_shows_a_vietnamese_message(cast: Cast) -> None:
    client = Client()

    response = client.post("/dang-nhap/", {"username": "chuyenvien", "password": "sai"})

    assert response.status_code == 200
    assert (
        "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: có phân biệt chữ hoa, chữ thường."
        in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_login_for_the_cooloff(cast: Cast) -> None:
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        statuses = [_login(client, "chuyenvien", "sai") for _ in range(5)]
        locked = client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
        other_user = _login(Client(), "truongphong", PASSWORD)

    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        after = _login(client, "chuyenvien", PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "Bạn đã nhập sai mật khẩu quá nhiều lần" in locked.content.decode()
    assert other_user == 302
    assert after == 302


def test_idle_session_expires(cast: Cast, province: Province) -> None:
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    with time_machine.travel(start + timedelta(hours=7, minutes=59), tick=False):
        still_in = client.get(f"/don-vi/{province.long_an.pk}/")
    with time_machine.travel(start + timedelta(hours=15, minutes=58), tick=False):
        active = client.get(f"/don-vi/{province.long_an.pk}/")
    with time_machine.travel(start + timedelta(hours=24, minutes=1), tick=False):
        expired = client.get(f"/don-vi/{province.long_an.pk}/")

    assert still_in.status_code == 200
    assert active.status_code == 200
    assert expired.status_code == 302
    assert expired["Location"] == f"/dang-nhap/?next=/don-vi/{province.long_an.pk}/"


def test_logout_needs_post_and_ends_the_session(cast: Cast) -> None:
    client = Client()
    client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})

    response = client.post("/dang-xuat/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

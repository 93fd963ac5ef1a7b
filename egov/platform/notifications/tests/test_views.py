"""The notification list at /thong-bao/: one's own entries only."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.template import Context, Template
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from egov.conftest import PASSWORD, Cast, login
from egov.platform.accounts.models import AccountKind, User
from egov.platform.accounts.services import create_account
from egov.platform.audit.models import AuditEvent
from egov.platform.notifications.models import Notification, NotificationKind
from egov.platform.notifications.tests.conftest import VN

AT = datetime(2026, 3, 2, 9, 0, tzinfo=VN)


def _notify(user: User, title: str, minutes: int, *, read: bool = False) -> Notification:
    return Notification.objects.create(
        recipient=user,
        kind=NotificationKind.DOSSIER_STATUS,
        title=title,
        body="Thủ tục: Thủ tục đăng ký khai sinh.\nNgày hẹn trả kết quả: 08:00 ngày 09/03/2026.",
        created_at=AT + timedelta(minutes=minutes),
        read_at=AT + timedelta(hours=1) if read else None,
    )


@pytest.fixture
def other(db: None) -> User:
    return create_account(
        actor=None,
        username="congdan2",
        password=PASSWORD,
        full_name="Nguyễn Thị Bé",
        kind=AccountKind.CITIZEN,
    )


def test_the_list_shows_own_entries_newest_first_with_unread_marked(
    client: Client, cast: Cast, other: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    _notify(cast.citizen, "Hồ sơ A đã chuyển sang trạng thái «Được tiếp nhận»", 0, read=True)
    _notify(cast.citizen, "Hồ sơ A đã chuyển sang trạng thái «Yêu cầu bổ sung»", 5)
    _notify(other, "Hồ sơ B của người khác", 10)
    login(client, cast.citizen)

    # session and user; the unread count, the page's count and rows; the
    # session saved again (it expires after idle time: savepoint, update, release)
    with django_assert_num_queries(9):
        response = client.get("/thong-bao/")

    assert response.status_code == 200
    page = response.context["page"]
    assert [n.title for n in page.object_list] == [
        "Hồ sơ A đã chuyển sang trạng thái «Yêu cầu bổ sung»",
        "Hồ sơ A đã chuyển sang trạng thái «Được tiếp nhận»",
    ]
    assert response.context["unread"] == 1
    html = response.content.decode()
    assert "Hồ sơ B của người khác" not in html
    assert html.count('class="notification unread"') == 1
    assert html.count("Đánh dấu đã đọc") == 1


def test_marking_read_with_htmx_returns_the_entry_and_the_counts(
    client: Client, cast: Cast
) -> None:
    unread = _notify(cast.citizen, "Hồ sơ A đã chuyển sang trạng thái «Yêu cầu bổ sung»", 5)
    _notify(cast.citizen, "Hồ sơ A đã chuyển sang trạng thái «Đang xử lý»", 6)
    login(client, cast.citizen)

    with time_machine.travel(AT + timedelta(hours=2), tick=False):
        response = client.post(f"/thong-bao/{unread.pk}/da-doc/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<li id="thong-bao-{unread.pk}" class="notification">' in html
    assert "Đánh dấu đã đọc" not in html
    assert '<strong id="so-chua-doc" hx-swap-oob="true">1</strong>' in html
    unread.refresh_from_db()
    assert unread.read_at == AT + timedelta(hours=2)
    event = AuditEvent.objects.get(event_type="notifications.read")
    assert event.actor == cast.citizen
    assert event.target_id == str(unread.pk)


def test_marking_read_without_htmx_goes_back_to_the_list(client: Client, cast: Cast) -> None:
    unread = _notify(cast.citizen, "Hồ sơ A", 5)
    login(client, cast.citizen)

    response = client.post(f"/thong-bao/{unread.pk}/da-doc/")

    assert response.status_code == 302
    assert response["Location"] == "/thong-bao/"
    unread.refresh_from_db()
    assert unread.is_read


def test_someone_else_cannot_mark_an_entry_read(client: Client, cast: Cast, other: User) -> None:
    theirs = _notify(other, "Hồ sơ B", 5)
    login(client, cast.citizen)

    response = client.post(f"/thong-bao/{theirs.pk}/da-doc/", headers={"HX-Request": "true"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert not AuditEvent.objects.filter(event_type__startswith="notifications.").exists()


def test_mark_all_read_touches_only_ones_own_entries(
    client: Client, cast: Cast, other: User
) -> None:
    _notify(cast.citizen, "Hồ sơ A 1", 1)
    _notify(cast.citizen, "Hồ sơ A 2", 2)
    theirs = _notify(other, "Hồ sơ B", 3)
    login(client, cast.citizen)

    response = client.post("/thong-bao/da-doc-tat-ca/")

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=cast.citizen, read_at__isnull=True).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None
    event = AuditEvent.objects.get(event_type="notifications.all_read")
    assert event.details == {"count": 2}


def test_anonymous_visitors_are_sent_to_login(client: Client, cast: Cast) -> None:
    mine = _notify(cast.citizen, "Hồ sơ A", 5)

    listing = client.get("/thong-bao/")
    marking = client.post(f"/thong-bao/{mine.pk}/da-doc/")

    assert listing.status_code == 302
    assert listing["Location"].startswith("/dang-nhap/?next=")
    assert marking.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is None


def test_marking_read_needs_post(client: Client, cast: Cast) -> None:
    mine = _notify(cast.citizen, "Hồ sơ A", 5)
    login(client, cast.citizen)

    response = client.get(f"/thong-bao/{mine.pk}/da-doc/")

    assert response.status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


def test_the_nav_link_shows_the_unread_count(cast: Cast, other: User) -> None:
    _notify(cast.citizen, "Hồ sơ A 1", 1)
    _notify(cast.citizen, "Hồ sơ A 2", 2)
    _notify(cast.citizen, "Hồ sơ A 3", 3, read=True)
    template = Template("{% load notifications_tags %}{% notifications_link %}")

    mine = template.render(Context({"user": cast.citizen}))
    none = template.render(Context({"user": other}))

    assert 'href="/thong-bao/"' in mine
    assert ">2</span>" in mine
    assert 'title="2 thông báo chưa đọc"' in mine
    assert 'href="/thong-bao/"' in none
    assert "nav-badge" not in none
    assert template.render(Context({})) == ""

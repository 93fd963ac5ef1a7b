"""The IT centre's dashboard of each site's categories, and the editors' reminders."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from wagtail.models import Page

from egov.conftest import Cast, login
from egov.platform.accounts.models import User
from egov.platform.notifications.models import Notification, NotificationKind
from egov.portal.pages.freshness import site_freshness
from egov.portal.pages.models import NewsArticlePage, OrganisationPage
from egov.portal.pages.tasks import remind_stale_sites
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
JANUARY = datetime(2026, 1, 5, 9, 0, tzinfo=VN)
AUGUST = datetime(2026, 8, 3, 9, 0, tzinfo=VN)
DECEMBER = datetime(2026, 12, 1, 9, 0, tzinfo=VN)
NOW = datetime(2026, 12, 7, 8, 0, tzinfo=VN)
DASHBOARD = "/quan-tri-cong/cap-nhat/"


@pytest.fixture
def dated(portal: Portal) -> Portal:
    """The fixture's news indexes published in January; Long An's news in
    December, its organisation page in August; Tân Ninh's news in August."""
    Page.objects.update(last_published_at=JANUARY)
    with time_machine.travel(AUGUST, tick=False):
        organisation = OrganisationPage(
            title="Giới thiệu",
            slug="gioi-thieu",
            functions="<p>Quản lý nhà nước trên địa bàn phường.</p>",
            decree_category="organisation",
        )
        portal.long_an.add_child(instance=organisation)
        organisation.save_revision().publish()
        old_news = NewsArticlePage(title="Hội nghị tổng kết", slug="tong-ket", body="<p>x</p>")
        portal.tan_ninh_news.add_child(instance=old_news)
        old_news.save_revision().publish()
    with time_machine.travel(DECEMBER, tick=False):
        news = NewsArticlePage(title="Ra quân làm sạch kênh", slug="ra-quan", body="<p>y</p>")
        portal.long_an_news.add_child(instance=news)
        news.save_revision().publish()
    return portal


def states(portal: Portal) -> dict[str, dict[str, tuple[str, bool]]]:
    return {
        site.home.title: {
            state.category.code: (
                state.updated_at.astimezone(VN).strftime("%d/%m/%Y") if state.updated_at else "",
                state.stale,
            )
            for state in site.categories
            if state.category.code in ("organisation", "news", "legal_documents")
        }
        for site in site_freshness(now=NOW)
    }


def test_each_category_of_each_site_has_its_last_update_and_staleness(dated: Portal) -> None:
    # PORTAL_STALE_DAYS = 90: August is stale in December, a missing category too.
    assert states(dated) == {
        "Cổng thông tin điện tử tỉnh Tây Ninh": {
            "organisation": ("", True),
            "news": ("", True),
            "legal_documents": ("", True),
        },
        "Phường Long An": {
            "organisation": ("03/08/2026", True),
            # The article counts for the news index above it (it names no category).
            "news": ("01/12/2026", False),
            "legal_documents": ("", True),
        },
        "Phường Tân Ninh": {
            "organisation": ("", True),
            "news": ("03/08/2026", True),
            "legal_documents": ("", True),
        },
        "Sở Tư pháp": {
            "organisation": ("", True),
            "news": ("", True),
            "legal_documents": ("", True),
        },
    }


def test_the_it_centre_sees_the_dashboard(client: Client, superuser: User, dated: Portal) -> None:
    login(client, superuser)

    with time_machine.travel(NOW, tick=False):
        response = client.get(DASHBOARD)

    html = response.content.decode()
    assert response.status_code == 200
    assert "4 trên 4 trang có mục chưa cập nhật." in html
    row = html[html.index(f'id="site-{dated.long_an.pk}"') :]
    row = row[: row.index("</tr>")]
    assert (
        '<td data-category="news"><time datetime="2026-12-01T09:00:00+07:00">01/12/2026</time></td>'
        in row
    )
    assert (
        '<td class="stale" data-category="organisation"><time datetime="2026-08-03T09:00:00+07:00">'
        "03/08/2026</time> <strong>(chậm)</strong></td>"
    ) in row


def test_a_units_editor_and_a_visitor_do_not_see_the_dashboard(
    client: Client, cast: Cast, dated: Portal
) -> None:
    anonymous = client.get(DASHBOARD)
    login(client, cast.specialist)  # Long An's editor: may use the portal's admin
    editor = client.get(DASHBOARD)
    admin_home = client.get("/quan-tri-cong/")

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/dang-nhap/") or "login" in anonymous["Location"]
    # Wagtail's admin answers a PermissionDenied with its home page and a message.
    assert (editor.status_code, editor["Location"]) == (302, "/quan-tri-cong/")
    assert "Phường Tân Ninh" not in editor.content.decode()
    assert admin_home.status_code == 200
    assert DASHBOARD not in admin_home.content.decode()


def test_the_editors_of_a_stale_site_are_reminded_once_a_week(cast: Cast, dated: Portal) -> None:
    with time_machine.travel(NOW, tick=False):
        first = remind_stale_sites()
    with time_machine.travel(datetime(2026, 12, 9, 8, 0, tzinfo=VN), tick=False):
        same_week = remind_stale_sites()
    after_first_week = Notification.objects.count()
    with time_machine.travel(datetime(2026, 12, 14, 8, 0, tzinfo=VN), tick=False):
        remind_stale_sites()

    # Long An's, Tân Ninh's and Sở Tư pháp's editors; the province's site has none.
    assert (first, same_week) == ("told 3", "told 3")
    assert after_first_week == 3
    assert Notification.objects.count() == 6
    told = Notification.objects.filter(recipient=cast.specialist).order_by("pk").first()
    assert told is not None
    assert told.kind == NotificationKind.PORTAL_STALE
    assert told.title == "Trang «Phường Long An» có 9 mục chưa cập nhật"
    assert told.link == f"/quan-tri-cong/pages/{dated.long_an.pk}/"
    assert "Thông tin giới thiệu" in told.body and "cập nhật lần cuối 03/08/2026" in told.body
    assert "Tin tức, sự kiện" not in told.body

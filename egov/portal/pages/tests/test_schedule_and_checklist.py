"""Scheduled publishing and expiry by the worker's task; the Decree 42 checklist per site."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from egov.platform.audit.models import AuditEvent
from egov.portal.pages.categories import required_categories
from egov.portal.pages.checklist import missing_categories
from egov.portal.pages.models import NewsArticlePage, OrganisationPage, StandardPage
from egov.portal.pages.tasks import publish_scheduled
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOON = datetime(2026, 12, 7, 12, 0, tzinfo=VN)


def test_a_page_scheduled_for_later_goes_live_when_the_worker_passes(portal: Portal) -> None:
    with time_machine.travel(NOON, tick=False) as clock:
        article = NewsArticlePage(
            title="Lịch tiếp công dân tháng 12",
            slug="lich-tiep-cong-dan",
            body="<p>Chủ tịch UBND phường tiếp công dân vào thứ Năm hằng tuần.</p>",
            live=False,
            go_live_at=NOON + timedelta(hours=2),
        )
        portal.long_an_news.add_child(instance=article)
        article.save_revision().publish()
        article.refresh_from_db()
        scheduled_live = article.live
        early = publish_scheduled()
        clock.shift(timedelta(hours=2, minutes=1))
        due = publish_scheduled()
        again = publish_scheduled()
    article.refresh_from_db()

    assert scheduled_live is False
    assert early == "published 0, expired 0"
    assert due == "published 1, expired 0"
    assert again == "published 0, expired 0"
    assert article.live is True
    event = AuditEvent.objects.filter(event_type="portal.page_published").latest("pk")
    assert event.actor is None
    assert event.unit_id == portal.long_an.unit_id
    assert event.details["scheduled"] is True


def test_an_expired_page_is_taken_down_and_audited(portal: Portal) -> None:
    with time_machine.travel(NOON, tick=False) as clock:
        notice = NewsArticlePage(
            title="Thông báo mời thầu gói sửa chữa trụ sở",
            slug="moi-thau",
            body="<p>Hạn nộp hồ sơ dự thầu: 15/12/2026.</p>",
            expire_at=NOON + timedelta(days=1),
        )
        portal.long_an_news.add_child(instance=notice)
        notice.save_revision().publish()
        clock.shift(timedelta(days=1, minutes=1))
        result = publish_scheduled()
    notice.refresh_from_db()

    assert result == "published 0, expired 1"
    assert (notice.live, notice.expired) == (False, True)
    event = AuditEvent.objects.get(event_type="portal.page_expired")
    assert event.unit_id == portal.long_an.unit_id
    assert event.details == {
        "title": "Thông báo mời thầu gói sửa chữa trụ sở",
        "url_path": "/cong-thong-tin/phuong-long-an/tin-tuc/moi-thau/",
    }


def test_the_required_categories_are_data() -> None:
    codes = [category.code for category in required_categories()]

    assert codes == [
        "organisation",
        "legal_documents",
        "news",
        "procedures",
        "policy_guidance",
        "strategies_plans",
        "finance_statistics",
        "procurement",
        "disclosure_list",
        "english",
    ]


def test_the_checklist_lists_what_a_site_lacks_and_ignores_nested_sites(
    portal: Portal,
) -> None:
    page = OrganisationPage(
        title="Giới thiệu",
        slug="gioi-thieu",
        functions="<p>Quản lý nhà nước về tư pháp.</p>",
        decree_category="organisation",
    )
    portal.long_an.add_child(instance=page)
    page.save_revision().publish()
    draft = StandardPage(
        title="Kế hoạch 2027",
        slug="ke-hoach",
        body="<p>Dự thảo.</p>",
        decree_category="strategies_plans",
        live=False,
    )
    portal.long_an.add_child(instance=draft)

    long_an = [c.code for c in missing_categories(portal.long_an)]
    province = [c.code for c in missing_categories(portal.province)]

    # Long An has its news index (fixture) and organisation page; the draft plan does not count.
    assert "organisation" not in long_an and "news" not in long_an
    assert "strategies_plans" in long_an
    assert len(long_an) == 8
    # The province's own site has nothing yet: Long An's pages are not its pages.
    assert len(province) == 10


def test_an_unknown_category_is_refused() -> None:
    page = StandardPage(title="Trang", slug="trang", body="<p>x</p>", decree_category="khac")

    with pytest.raises(ValidationError) as refused:
        page.full_clean()

    assert refused.value.error_dict["decree_category"][0].code == "unknown_decree_category"

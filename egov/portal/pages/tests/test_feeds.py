"""RSS for each site's news and the sitemap."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from egov.portal.pages.models import NewsArticlePage, StandardPage
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db


def publish_news(portal: Portal, site: str, title: str, slug: str, day: int) -> None:
    index = portal.long_an_news if site == "long_an" else portal.tan_ninh_news
    page = NewsArticlePage(
        title=title,
        slug=slug,
        body="<p>Nội dung.</p>",
        summary=f"Tóm tắt: {title}",
        date=datetime.date(2026, 12, day),
    )
    index.add_child(instance=page)
    page.save_revision().publish()


def parse(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the platform's own response


def items(content: bytes) -> list[tuple[str, str]]:
    root = parse(content)
    return [(i.findtext("title") or "", i.findtext("link") or "") for i in root.iter("item")]


def test_each_site_has_its_news_feed_newest_first(client: Client, portal: Portal) -> None:
    publish_news(portal, "long_an", "Ra quân làm sạch kênh Bảo Định", "kenh", 5)
    publish_news(portal, "long_an", "Tiêm chủng mở rộng", "tiem-chung", 6)
    publish_news(portal, "tan_ninh", "Họp dân khu phố 3", "hop-dan", 4)
    draft = NewsArticlePage(title="Bản nháp", slug="nhap", body="<p>x</p>", live=False)
    portal.long_an_news.add_child(instance=draft)

    long_an = client.get("/cong-thong-tin/rss/phuong-long-an/")
    province = client.get("/cong-thong-tin/rss/")

    assert long_an.status_code == 200
    assert long_an["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert items(long_an.content) == [
        (
            "Tiêm chủng mở rộng",
            "http://testserver/cong-thong-tin/phuong-long-an/tin-tuc/tiem-chung/",
        ),
        (
            "Ra quân làm sạch kênh Bảo Định",
            "http://testserver/cong-thong-tin/phuong-long-an/tin-tuc/kenh/",
        ),
    ]
    channel = parse(long_an.content).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Tin tức: Phường Long An"
    assert channel.findtext("language") == "vi"
    # The province's feed carries every unit's news, as its home page does.
    assert [title for title, _ in items(province.content)] == [
        "Tiêm chủng mở rộng",
        "Ra quân làm sạch kênh Bảo Định",
        "Họp dân khu phố 3",
    ]


def test_a_feed_of_no_site_is_the_platform_404(client: Client, portal: Portal) -> None:
    page = StandardPage(title="Giới thiệu", slug="gioi-thieu", body="<p>x</p>")
    portal.long_an.add_child(instance=page)
    page.save_revision().publish()

    assert client.get("/cong-thong-tin/rss/khong-co/").status_code == 404
    # A page that is not a site's home has no feed.
    assert client.get("/cong-thong-tin/rss/phuong-long-an/gioi-thieu/").status_code == 404


def test_the_home_and_news_pages_link_their_feed(client: Client, portal: Portal) -> None:
    publish_news(portal, "long_an", "Tiêm chủng mở rộng", "tiem-chung", 6)

    home = client.get("/cong-thong-tin/phuong-long-an/").content.decode()
    news = client.get("/cong-thong-tin/phuong-long-an/tin-tuc/").content.decode()

    assert 'href="/cong-thong-tin/rss/phuong-long-an/" type="application/rss+xml"' in home
    assert 'href="/cong-thong-tin/rss/phuong-long-an/" type="application/rss+xml"' in news


def test_the_sitemap_lists_live_public_pages_and_the_public_services(
    client: Client, portal: Portal
) -> None:
    publish_news(portal, "long_an", "Tiêm chủng mở rộng", "tiem-chung", 6)
    draft = NewsArticlePage(title="Bản nháp", slug="nhap", body="<p>x</p>", live=False)
    portal.long_an_news.add_child(instance=draft)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in parse(response.content).findall("s:url/s:loc", ns)]
    assert locations == [
        "http://testserver/cong-thong-tin/",
        "http://testserver/cong-thong-tin/phuong-long-an/",
        "http://testserver/cong-thong-tin/phuong-long-an/tin-tuc/",
        "http://testserver/cong-thong-tin/phuong-long-an/tin-tuc/tiem-chung/",
        "http://testserver/cong-thong-tin/phuong-tan-ninh/",
        "http://testserver/cong-thong-tin/phuong-tan-ninh/tin-tuc/",
        "http://testserver/cong-thong-tin/so-tu-phap/",
        "http://testserver/",
        "http://testserver/cong-thong-tin/tim-kiem/",
        "http://testserver/thu-tuc/",
        "http://testserver/tra-cuu/",
        "http://testserver/hoi-dap/",
        "http://testserver/thong-ke/cong-khai/",
    ]

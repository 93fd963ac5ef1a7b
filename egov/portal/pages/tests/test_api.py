"""The portal's content through the API (/api/v1/portal/)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from egov.portal.pages.models import NewsArticlePage, NewsCategory, StandardPage
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(portal: Portal) -> NewsArticlePage:
    events = NewsCategory.objects.create(name="Sự kiện", slug="su-kien")
    intro = StandardPage(title="Giới thiệu", slug="gioi-thieu", body="<p>Phường.</p>")
    portal.long_an.add_child(instance=intro)
    intro.save_revision().publish()
    article = NewsArticlePage(
        title="Tiêm chủng mở rộng",
        slug="tiem-chung",
        summary="Tháng 12.",
        date=datetime.date(2026, 12, 6),
        body=f'<p>Xem <a linktype="page" id="{intro.pk}">giới thiệu</a>.</p>',
    )
    portal.long_an_news.add_child(instance=article)
    article.categories.add(events)
    article.save_revision().publish()
    draft = NewsArticlePage(title="Bản nháp", slug="nhap", body="<p>x</p>", live=False)
    portal.long_an_news.add_child(instance=draft)
    return article


def test_the_sites_are_listed_with_their_units(client: Client, portal: Portal) -> None:
    response = client.get("/api/v1/portal/sites")

    assert response.status_code == 200
    assert [(s["title"], s["url"], s["parent_site_id"]) for s in response.json()] == [
        ("Cổng thông tin điện tử tỉnh Tây Ninh", "/cong-thong-tin/", None),
        ("Phường Long An", "/cong-thong-tin/phuong-long-an/", portal.province.pk),
        ("Phường Tân Ninh", "/cong-thong-tin/phuong-tan-ninh/", portal.province.pk),
        ("Sở Tư pháp", "/cong-thong-tin/so-tu-phap/", portal.province.pk),
    ]


def test_the_pages_of_a_site_by_type(client: Client, portal: Portal, news: NewsArticlePage) -> None:
    everything = client.get("/api/v1/portal/pages", {"site_id": portal.long_an.pk}).json()
    articles = client.get(
        "/api/v1/portal/pages", {"site_id": portal.long_an.pk, "type": "newsarticlepage"}
    ).json()

    assert everything["count"] == 4
    assert [p["title"] for p in everything["items"]] == [
        "Phường Long An",
        "Tin tức",
        "Tiêm chủng mở rộng",
        "Giới thiệu",
    ]
    assert articles["count"] == 1
    item = articles["items"][0]
    assert (item["id"], item["type"], item["url"], item["site_id"], item["parent_id"]) == (
        news.pk,
        "newsarticlepage",
        "/cong-thong-tin/phuong-long-an/tin-tuc/tiem-chung/",
        portal.long_an.pk,
        portal.long_an_news.pk,
    )


def test_one_page_with_its_content(client: Client, portal: Portal, news: NewsArticlePage) -> None:
    response = client.get(f"/api/v1/portal/pages/{news.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["fields"] == {
        "summary": "Tháng 12.",
        "body": '<p>Xem <a href="/cong-thong-tin/phuong-long-an/gioi-thieu/">giới thiệu</a>.</p>',
    }
    assert (body["date"], body["categories"], body["decree_category"]) == (
        "2026-12-06",
        ["su-kien"],
        "",
    )


def test_drafts_unknown_pages_and_types_are_refused(
    client: Client, portal: Portal, news: NewsArticlePage
) -> None:
    draft = NewsArticlePage.objects.get(slug="nhap")

    missing = client.get(f"/api/v1/portal/pages/{draft.pk}")
    no_site = client.get("/api/v1/portal/pages", {"site_id": news.pk})
    bad_type = client.get("/api/v1/portal/pages", {"type": "user"})
    too_many = client.get("/api/v1/portal/pages", {"limit": 500})

    assert (missing.status_code, missing.json()["code"]) == (404, "portal_page_not_found")
    assert (no_site.status_code, no_site.json()["code"]) == (404, "portal_page_not_found")
    assert (bad_type.status_code, bad_type.json()["code"]) == (422, "portal_unknown_page_type")
    assert too_many.status_code == 422


def test_the_search_answers_as_data(client: Client, portal: Portal, news: NewsArticlePage) -> None:
    response = client.get("/api/v1/portal/search", {"q": "tiem chung"})
    too_long = client.get("/api/v1/portal/search", {"q": "x" * 201})

    assert response.status_code == 200
    pages = response.json()["sections"][0]
    assert (pages["key"], pages["total"], pages["hits"][0]["url"]) == (
        "pages",
        1,
        "/cong-thong-tin/phuong-long-an/tin-tuc/tiem-chung/",
    )
    assert (too_long.status_code, too_long.json()["code"]) == (422, "portal_query_too_long")

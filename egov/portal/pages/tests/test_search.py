"""The portal's search: its pages with or without diacritics, and the sections
other domains register (egov/tests/test_portal_search.py runs the real ones)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from egov.platform.core import public_search
from egov.portal.pages.models import NewsArticlePage, StandardPage
from egov.portal.pages.search import search_pages
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db


def article(portal: Portal, title: str, slug: str, body: str, *, live: bool = True) -> None:
    # A page added to the tree is live unless told otherwise (Wagtail's default).
    page = NewsArticlePage(title=title, slug=slug, body=body, summary="", live=live)
    portal.long_an_news.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()


@pytest.fixture
def only_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No other domain's section: these tests read the portal's pages alone."""
    monkeypatch.setattr(public_search, "_sections", {})
    yield


def titles(client: Client, query: str) -> list[str]:
    response = client.get("/cong-thong-tin/tim-kiem/", {"q": query})
    assert response.status_code == 200
    return [hit.title for hit in response.context["results"].pages.hits]


def test_pages_are_found_with_or_without_diacritics(
    client: Client, portal: Portal, only_pages: None
) -> None:
    article(
        portal,
        "Đẩy mạnh đăng ký khai sinh trực tuyến",
        "khai-sinh",
        "<p>Người dân đăng ký qua Cổng dịch vụ công.</p>",
    )
    article(portal, "Ra quân làm sạch kênh Bảo Định", "kenh", "<p>Hơn 200 đoàn viên.</p>")

    assert titles(client, "đăng ký khai sinh") == ["Đẩy mạnh đăng ký khai sinh trực tuyến"]
    assert titles(client, "dang ky khai sinh") == ["Đẩy mạnh đăng ký khai sinh trực tuyến"]
    assert titles(client, "DANG KY") == ["Đẩy mạnh đăng ký khai sinh trực tuyến"]
    # The body counts, not only the title; every word must occur.
    assert titles(client, "doan vien") == ["Ra quân làm sạch kênh Bảo Định"]
    assert titles(client, "khai sinh kenh") == []


def test_drafts_and_restricted_pages_are_not_found(
    client: Client, portal: Portal, only_pages: None
) -> None:
    article(portal, "Bản nháp về đăng ký khai sinh", "nhap", "<p>Chưa duyệt.</p>", live=False)
    private = StandardPage(title="Khai sinh nội bộ", slug="noi-bo", body="<p>Nội bộ.</p>")
    portal.long_an.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )

    assert titles(client, "khai sinh") == []


def test_a_unit_site_alone_is_searched_under_its_root(portal: Portal, only_pages: None) -> None:
    article(portal, "Tiêm chủng mở rộng tại Long An", "tiem-chung", "<p>Tháng 12.</p>")

    found_long_an = search_pages(portal.long_an, "tiem chung")
    found_tan_ninh = search_pages(portal.tan_ninh, "tiem chung")
    found_province = search_pages(portal.province, "tiem chung")

    assert [h.title for h in found_long_an.hits] == ["Tiêm chủng mở rộng tại Long An"]
    assert found_long_an.hits[0].url == "/cong-thong-tin/phuong-long-an/tin-tuc/tiem-chung/"
    assert found_tan_ninh.total == 0
    assert found_province.total == 1


def test_the_search_syntax_of_the_backend_is_plain_text(
    client: Client, portal: Portal, only_pages: None
) -> None:
    article(portal, "Lịch tiếp công dân tháng 12", "lich", "<p>Thứ Năm hằng tuần.</p>")

    for query in ['"lich', "lich*", "NEAR(lich", "lich OR x", "lich & !x", "'; DROP", "((("]:
        response = Client().get("/cong-thong-tin/tim-kiem/", {"q": query})
        assert response.status_code == 200
    assert titles(client, '"lịch*') == ["Lịch tiếp công dân tháng 12"]
    assert titles(client, "!!!") == []


def test_the_pages_are_paged_by_twenty(client: Client, portal: Portal, only_pages: None) -> None:
    for i in range(23):
        article(portal, f"Thông báo số {i}", f"thong-bao-{i}", "<p>Thông báo.</p>")

    first = client.get("/cong-thong-tin/tim-kiem/", {"q": "thong bao"}).context["results"]
    second = client.get("/cong-thong-tin/tim-kiem/", {"q": "thong bao", "trang": "2"})
    beyond = client.get("/cong-thong-tin/tim-kiem/", {"q": "thong bao", "trang": "99"})
    bad = client.get("/cong-thong-tin/tim-kiem/", {"q": "thong bao", "trang": "-1"})

    assert (first.pages.total, len(first.pages.hits), first.page_count) == (23, 20, 2)
    assert len(second.context["results"].pages.hits) == 3
    assert beyond.context["results"].page_number == 2
    assert bad.context["results"].page_number == 1


def test_registered_sections_are_shown_with_their_totals_and_links(
    client: Client, portal: Portal, only_pages: None
) -> None:
    seen: list[str] = []

    def search(*, query: str, limit: int) -> public_search.Found:
        seen.append(query)
        return public_search.Found(
            hits=[public_search.Hit(title="Đăng ký khai sinh", url="/thu-tuc/1.001193/")], total=7
        )

    public_search.register(
        public_search.Section(
            key="procedures",
            label="Thủ tục hành chính",
            order=30,
            search=search,
            more_url=lambda q: f"/thu-tuc/?q={q}",
        )
    )

    body = client.get("/cong-thong-tin/tim-kiem/", {"q": "  khai   sinh "}).content.decode()

    assert seen == ["khai sinh"]
    assert '<h2 id="search-procedures">Thủ tục hành chính (7)</h2>' in body
    assert '<a href="/thu-tuc/1.001193/">Đăng ký khai sinh</a>' in body
    assert 'href="/thu-tuc/?q=khai sinh">Xem cả 7 kết quả trong mục Thủ tục hành chính' in body


def test_an_empty_query_shows_the_form_only(
    client: Client, portal: Portal, only_pages: None
) -> None:
    response = client.get("/cong-thong-tin/tim-kiem/")

    assert response.status_code == 200
    assert response.context["results"].total == 0
    assert "kết quả cho" not in response.content.decode()


def test_the_home_page_leads_to_the_search(client: Client, portal: Portal) -> None:
    body = client.get("/cong-thong-tin/").content.decode()

    assert 'action="/cong-thong-tin/tim-kiem/"' in body


def test_short_vietnamese_words_are_found_as_typed_or_folded(
    client: Client, portal: Portal, only_pages: None
) -> None:
    # Folded, "sở" and "thẻ" are "so" and "the": stop words of PostgreSQL's
    # `english` configuration, which would drop them from query and index.
    # The portal's backend uses `simple` (settings.WAGTAILSEARCH_BACKENDS).
    article(portal, "Sở Tư pháp cấp thẻ hòa giải viên", "the-hoa-giai", "<p>Đợt một.</p>")
    article(portal, "Tập huấn hòa giải viên cơ sở", "tap-huan", "<p>Do Hội Luật gia tổ chức.</p>")

    assert titles(client, "thẻ") == ["Sở Tư pháp cấp thẻ hòa giải viên"]
    assert titles(client, "the") == ["Sở Tư pháp cấp thẻ hòa giải viên"]
    # "sở" alone: the department's site, the first article and "cơ sở" (any order).
    with_so = {"Sở Tư pháp", "Sở Tư pháp cấp thẻ hòa giải viên", "Tập huấn hòa giải viên cơ sở"}
    assert set(titles(client, "Sở")) == with_so
    assert set(titles(client, "so")) == with_so
    assert titles(client, "do") == ["Tập huấn hòa giải viên cơ sở"]
    if connection.vendor == "postgresql":
        assert get_search_backend().config == "simple"

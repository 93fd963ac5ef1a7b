"""The portal's one search across its pages, the procedure catalogue and the
dialogue's published answers, with or without diacritics (issue 18).

Here rather than in egov/portal: the test builds data of three domains,
which the portal's own tests may not import (docs/architecture.md).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from egov.conftest import Cast, Province
from egov.onestop.procedures.models import Field, Procedure, ProcedureLevel
from egov.platform.core import public_search
from egov.portal.pages.models import NewsArticlePage
from egov.portal.pages.tests.conftest import Portal, portal  # noqa: F401 - the fixture
from egov.voice.feedback import services as feedback_services
from egov.voice.feedback.tests.conftest import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(province: Province, cast: Cast, portal: Portal) -> None:  # noqa: F811
    article = NewsArticlePage(
        title="Phường Long An đẩy mạnh đăng ký khai sinh trực tuyến",
        slug="khai-sinh-truc-tuyen",
        body="<p>Người dân nộp hồ sơ qua Cổng dịch vụ công.</p>",
    )
    portal.long_an_news.add_child(instance=article)
    article.save_revision().publish()
    civil = Field.objects.create(name="Hộ tịch")
    for code, name, active in [
        ("1.001193", "Đăng ký khai sinh", True),
        ("1.000656", "Đăng ký khai sinh có yếu tố nước ngoài", True),
        ("1.000999", "Đăng ký khai sinh (đã bãi bỏ)", False),
        ("1.001022", "Đăng ký kết hôn", True),
    ]:
        Procedure.objects.create(
            code=code,
            name=name,
            field=civil,
            level=ProcedureLevel.COMMUNE,
            implementing_agency="UBND cấp xã",
            processing_days=Decimal("3"),
            result_type="Giấy khai sinh",
            is_active=active,
        )
    answered = send(province, title="Đăng ký khai sinh quá hạn", sender_email="a@example.vn")
    answered = feedback_services.accept_feedback(
        actor=cast.specialist, feedback=answered, unit=province.long_an
    )
    answered = feedback_services.draft_answer(
        actor=cast.specialist,
        feedback=answered,
        answer="Được đăng ký khai sinh quá hạn tại UBND cấp xã.",
    )
    feedback_services.approve_answer(actor=cast.leader, feedback=answered)
    # Sent but never answered: not public, never found.
    send(province, title="Khai sinh chưa trả lời", sender_email="b@example.vn")


def sections(client: Client, query: str) -> dict[str, list[str]]:
    response = client.get("/cong-thong-tin/tim-kiem/", {"q": query})
    assert response.status_code == 200
    results = response.context["results"]
    found = {"pages": [hit.title for hit in results.pages.hits]}
    found.update({s.key: [hit.title for hit in s.found.hits] for s in results.sections})
    return found


EXPECTED = {
    "pages": ["Phường Long An đẩy mạnh đăng ký khai sinh trực tuyến"],
    # No documents page on this portal: none found (test_portal_search_documents.py).
    "documents": [],
    "procedures": ["Đăng ký khai sinh", "Đăng ký khai sinh có yếu tố nước ngoài"],
    "answers": ["Đăng ký khai sinh quá hạn"],
}


@pytest.mark.parametrize("query", ["đăng ký khai sinh", "dang ky khai sinh", "DANG KY KHAI SINH"])
def test_one_search_finds_pages_procedures_and_answers(
    client: Client, content: None, query: str
) -> None:
    assert sections(client, query) == EXPECTED


def test_the_sections_are_registered_in_order() -> None:
    assert [(s.key, s.order) for s in public_search.sections()] == [
        ("documents", 20),
        ("procedures", 30),
        ("answers", 40),
    ]


def test_each_section_links_its_own_search_page(client: Client, content: None) -> None:
    body = client.get("/cong-thong-tin/tim-kiem/", {"q": "khai sinh"}).content.decode()

    assert '<a href="/thu-tuc/1.001193/">Đăng ký khai sinh</a>' in body
    assert '<h2 id="search-answers">Hỏi đáp (1)</h2>' in body
    assert "/hoi-dap/?q=khai+sinh" not in body  # every answer is shown: no "more" link


def test_the_search_takes_a_fixed_number_of_queries(
    client: Client, content: None, django_assert_num_queries: object
) -> None:
    client.get("/cong-thong-tin/tim-kiem/", {"q": "khai sinh"})  # warm the site cache

    # The site; pages: view restrictions, search, count, their types and
    # specific rows; documents: view restrictions and the documents pages
    # (none here, so no search), the first for its "more" link; procedures:
    # page, count; answers: page, count.
    with django_assert_num_queries(13):  # type: ignore[operator]
        assert client.get("/cong-thong-tin/tim-kiem/", {"q": "khai sinh"}).status_code == 200

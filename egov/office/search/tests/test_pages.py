"""The search page and the search API: the same results, only what the caller may see."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egov.conftest import Cast, Province, login
from egov.office.documents.models import IncomingDocument, Secrecy
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.services.incoming import register_incoming
from egov.office.documents.tests.conftest import arrival, doc_type, pdf
from egov.office.search.models import TextStatus
from egov.platform.jobs.worker import run_due

from .conftest import text_pdf

pytestmark = pytest.mark.usefixtures("office")
URL = "/van-ban/tim-kiem/"
API = "/api/v1/office/search"
# Statements per API search, whatever the number of results; the bounded
# candidates (the newest matching keys, selectors.CANDIDATES, looked for in
# windows of ids after reading the newest id) are two of them.
QUERIES = 9


def _register(cast: Cast, province: Province, **changes: Any) -> IncomingDocument:
    return register_incoming(
        actor=cast.clerk, body=province.province, arrival=arrival(**changes), file=pdf()
    )


@pytest.fixture
def documents(cast: Cast, province: Province) -> dict[str, IncomingDocument]:
    ordinary = _register(
        cast, province, notation="11/QĐ-BTP", summary="Quyết định về tiếp công dân"
    )
    secret = _register(
        cast,
        province,
        notation="12/QĐ-BCA",
        summary="Quyết định về bảo vệ bí mật",
        secrecy=Secrecy.SECRET,
    )
    with_file = register_incoming(
        actor=cast.clerk,
        body=province.province,
        arrival=arrival(
            notation="13/KH-STP", document_type=doc_type("KH"), summary="Kế hoạch năm 2026"
        ),
        file=text_pdf("Quyết định giao chỉ tiêu tiếp công dân cho các phường"),
    )
    assign_incoming(
        actor=cast.leader, document=ordinary, assignment=Assignment(lead_unit=province.justice)
    )
    return {"ordinary": ordinary, "secret": secret, "file": with_file}


def test_the_page_finds_without_diacritics_and_shows_the_file_status(
    client: Client, cast: Cast, province: Province, documents: dict[str, IncomingDocument]
) -> None:
    page = login(client, cast.clerk).get(URL, {"q": "quyet dinh"}).content.decode()
    assert "11/QĐ-BTP" in page
    assert "12/QĐ-BCA" in page  # the clerk registered it: named on it
    assert "13/KH-STP" not in page  # its file is not read yet
    assert "Tìm thấy 2 văn bản" in page
    # Files still to read: the results refresh themselves until they are.
    assert 'hx-trigger="load delay:5s"' in page
    assert str(TextStatus.PENDING.label) in page
    run_due()
    page = client.get(URL, {"q": "tiep cong dan"}).content.decode()
    assert 'hx-trigger="load delay:5s"' not in page
    filtered = client.get(URL, {"q": "tiep cong dan", "co_quan": str(province.province.pk)})
    assert "13/KH-STP" in filtered.content.decode()
    assert "11/QĐ-BTP" in page and "13/KH-STP" in page and "12/QĐ-BCA" not in page
    assert str(TextStatus.DONE.label) in page


def test_the_head_of_the_holding_unit_sees_only_its_part(
    client: Client, cast: Cast, documents: dict[str, IncomingDocument]
) -> None:
    page = login(client, cast.head).get(URL, {"q": "quyet dinh"}).content.decode()
    assert "11/QĐ-BTP" in page
    assert "12/QĐ-BCA" not in page
    assert "Tìm thấy 1 văn bản" in page


def test_a_bad_filter_gets_a_message_not_an_error(client: Client, cast: Cast) -> None:
    response = login(client, cast.clerk).get(
        URL, {"q": "x", "tu": "2026-03-31", "den": "2026-03-01"}
    )
    assert response.status_code == 200
    assert "“Từ ngày” phải trước hoặc bằng “đến ngày”." in response.content.decode()
    response = client.get(URL, {"q": "x", "loai": "khong-phai-so", "co_quan": "999999"})
    assert response.status_code == 200


def test_the_api_returns_ranked_hits(
    client: Client, cast: Cast, documents: dict[str, IncomingDocument]
) -> None:
    run_due()
    answer = login(client, cast.clerk).get(API, {"q": "tiep cong dan"}).json()
    assert answer["count"] == 2
    assert [hit["notation"] for hit in answer["results"]] == ["11/QĐ-BTP", "13/KH-STP"]
    assert [hit["text_status"] for hit in answer["results"]] == ["done", "done"]
    assert answer["results"][0]["rank"] > answer["results"][1]["rank"]
    filtered = client.get(API, {"q": "quyet dinh", "status": "in_progress"}).json()
    assert [hit["notation"] for hit in filtered["results"]] == ["11/QĐ-BTP"]


def test_the_api_refuses_bad_filters_with_a_code(client: Client, cast: Cast) -> None:
    login(client, cast.clerk)
    answer = client.get(API, {"limit": 1000})
    assert (answer.status_code, answer.json()["code"]) == (422, "office_search_invalid_filter")
    answer = client.get(API, {"q": "x" * 201})
    assert (answer.status_code, answer.json()["code"]) == (422, "office_search_query_too_long")


def test_outsiders_find_nothing(
    client: Client, cast: Cast, documents: dict[str, IncomingDocument]
) -> None:
    run_due()
    for user in (cast.outsider, cast.specialist, cast.citizen):
        caller = login(Client(), user)
        nothing = {"count": 0, "bounded": False, "results": []}
        assert caller.get(API, {"q": "quyet dinh"}).json() == nothing
        assert caller.get(API).json() == nothing
        page = caller.get(URL, {"q": "quyet dinh"}).content.decode()
        assert "QĐ-B" not in page and "KH-STP" not in page
    assert Client().get(API, {"q": "quyet dinh"}).status_code == 401


def test_the_search_costs_the_same_queries_for_more_results(
    client: Client, cast: Cast, province: Province, documents: dict[str, IncomingDocument]
) -> None:
    login(client, cast.clerk).get(API)  # the session's first request does its own work
    with CaptureQueriesContext(connection) as few:
        client.get(API, {"q": "quyet dinh"})
    for number in range(3):
        _register(cast, province, notation=f"5{number}/QĐ-STP", summary="Quyết định khác")
    with CaptureQueriesContext(connection) as more:
        answer = client.get(API, {"q": "quyet dinh"}).json()
    assert answer["count"] == 5
    assert len(more.captured_queries) == len(few.captured_queries) == QUERIES


def test_the_page_says_when_only_the_newest_matches_are_ranked(
    client: Client,
    cast: Cast,
    documents: dict[str, IncomingDocument],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("egov.office.search.selectors.CANDIDATES", 1)
    page = login(client, cast.clerk).get(URL, {"q": "quyet dinh"}).content.decode()
    assert "xếp hạng trong 1 văn bản mới nhất" in page
    assert "Tìm thấy 1 văn bản" in page
    answer = client.get(API, {"q": "quyet dinh"}).json()
    assert (answer["count"], answer["bounded"]) == (1, True)
    assert "văn bản mới nhất" not in client.get(URL, {"q": "tiep cong dan"}).content.decode()

"""Search over incoming documents: words with or without diacritics, ranking, filters, access."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egov.conftest import Cast, Province
from egov.office.documents.models import IncomingDocument, IncomingStatus, Secrecy
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.services.incoming import register_incoming
from egov.office.documents.tests.conftest import VN, arrival, doc_type, pdf
from egov.office.search import backends
from egov.office.search.models import SearchEntry, TextStatus
from egov.office.search.selectors import Criteria, search_incoming
from egov.platform.accounts.models import User
from egov.platform.jobs.worker import run_due

from .conftest import text_pdf

pytestmark = pytest.mark.usefixtures("office")


def _register(
    cast: Cast, province: Province, file: SimpleUploadedFile | None = None, **changes: Any
) -> IncomingDocument:
    return register_incoming(
        actor=cast.clerk,
        body=province.province,
        arrival=arrival(**changes),
        file=file or pdf(),
        confirm_duplicate=True,
    )


def _found(user: User, text: str = "", **filters: Any) -> list[str]:
    return [d.notation for d in search_incoming(user, Criteria(text=text, **filters)).documents]


def test_words_without_diacritics_find_the_vietnamese_ones(cast: Cast, province: Province) -> None:
    _register(
        cast, province, notation="15/QĐ-BTP", summary="Về việc ban hành quyết định đăng ký hộ tịch"
    )
    _register(
        cast,
        province,
        notation="7/BTP-HTQTCT",
        document_type=doc_type("TB"),
        summary="Về việc tổ chức tập huấn",
        sender="Bộ Tư pháp",
    )
    assert _found(cast.clerk, "quyet dinh") == ["15/QĐ-BTP"]
    assert _found(cast.clerk, "QUYẾT ĐỊNH") == ["15/QĐ-BTP"]
    assert _found(cast.clerk, "dang ky ho tich") == ["15/QĐ-BTP"]
    assert _found(cast.clerk, "tap huan") == ["7/BTP-HTQTCT"]
    # A number and symbol by its parts, a word as a prefix, the sender.
    assert _found(cast.clerk, "15/QĐ-BTP") == ["15/QĐ-BTP"]
    assert _found(cast.clerk, "HTQT") == ["7/BTP-HTQTCT"]
    assert sorted(_found(cast.clerk, "bo tu phap")) == ["15/QĐ-BTP", "7/BTP-HTQTCT"]
    # Every word must match, whole but for the last.
    assert _found(cast.clerk, "quyet dinh tap huan") == []
    assert _found(cast.clerk, "quy dinh") == []
    assert sorted(_found(cast.clerk, "bo tu ph")) == ["15/QĐ-BTP", "7/BTP-HTQTCT"]
    assert _found(cast.clerk, "không có văn bản này") == []


def test_the_arrival_number_finds_the_document(cast: Cast, province: Province) -> None:
    first = _register(cast, province, notation="1/TB-STP")
    _register(cast, province, notation="2/TB-STP")
    assert first.arrival_number == 1
    assert [d.pk for d in search_incoming(cast.clerk, Criteria(text="1")).documents][0] == first.pk


def test_text_inside_the_file_is_found_after_the_job_read_it(
    cast: Cast, province: Province
) -> None:
    in_file = _register(
        cast,
        province,
        file=text_pdf("Kế hoạch chuyển đổi số năm 2026 của tỉnh"),
        notation="20/KH-UBND",
        summary="Về việc triển khai nhiệm vụ",
    )
    entry = SearchEntry.objects.get(object_id=in_file.pk)
    assert (entry.text_status, entry.files_total, entry.files_done) == (TextStatus.PENDING, 1, 0)
    assert _found(cast.clerk, "chuyen doi so") == []
    assert [outcome.status for outcome in run_due()] == ["done"]
    entry.refresh_from_db()
    assert (entry.text_status, entry.files_total, entry.files_done) == (TextStatus.DONE, 1, 1)
    assert _found(cast.clerk, "chuyen doi so") == ["20/KH-UBND"]


def test_a_match_in_the_summary_ranks_above_one_in_the_file(cast: Cast, province: Province) -> None:
    _register(
        cast,
        province,
        file=text_pdf("Nội dung có nhắc tới phòng cháy chữa cháy"),
        notation="3/CV-CA",
        summary="Về việc kiểm tra định kỳ",
    )
    _register(cast, province, notation="4/KH-CA", summary="Kế hoạch phòng cháy chữa cháy mùa khô")
    run_due()
    assert _found(cast.clerk, "phong chay") == ["4/KH-CA", "3/CV-CA"]


def test_many_matches_rank_only_the_newest_candidates(
    cast: Cast, province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the bound, the newest matches are ranked; a filter reaches the older ones."""
    monkeypatch.setattr("egov.office.search.selectors.CANDIDATES", 2)
    old = _register(
        cast,
        province,
        notation="1/TB-STP",
        summary="Kiểm tra kiểm tra kiểm tra công tác văn thư",
        arrived_at=datetime(2026, 3, 2, 9, 0, tzinfo=VN),
    )
    for number in (2, 3):
        _register(cast, province, notation=f"{number}/TB-STP", summary="Kiểm tra định kỳ")
    results = search_incoming(cast.clerk, Criteria(text="kiem tra"))
    assert results.bounded is True
    assert sorted(d.notation for d in results.documents) == ["2/TB-STP", "3/TB-STP"]
    # The best-ranked match is older than the two newest: the date narrows to it.
    narrowed = search_incoming(cast.clerk, Criteria(text="kiem tra", arrived_to=date(2026, 3, 2)))
    assert narrowed.bounded is False
    assert [d.pk for d in narrowed.documents] == [old.pk]
    # Two matches fit the bound: both ranked, nothing said to be left out.
    assert search_incoming(cast.clerk, Criteria(text="dinh ky")).bounded is False


def test_the_windows_find_the_same_newest_matches_as_one_query(
    cast: Cast, province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows of one id, then larger: the same candidates, from the windows that hold them."""
    monkeypatch.setattr("egov.office.search.selectors.CANDIDATES", 2)
    matching = [
        _register(cast, province, notation=f"{number}/TB-STP", summary="Kiểm tra định kỳ")
        for number in (1, 2)
    ]
    newest = [
        _register(cast, province, notation=f"{number}/KH-STP", summary=summary)
        for number, summary in (
            (3, "Kiểm tra công tác văn thư"),
            (4, "Kế hoạch tiếp công dân"),
            (5, "Kế hoạch cải cách hành chính"),
            (6, "Kiểm tra định kỳ năm sau"),
        )
    ]
    whole = search_incoming(cast.clerk, Criteria(text="kiem tra"))
    monkeypatch.setattr("egov.office.search.selectors.FIRST_WINDOW", 1)
    monkeypatch.setattr("egov.office.search.selectors.WINDOW_GROWTH", 2)
    with CaptureQueriesContext(connection) as windows:
        windowed = search_incoming(cast.clerk, Criteria(text="kiem tra"))
        ids = sorted(d.pk for d in windowed.documents)
    assert ids == sorted(d.pk for d in whole.documents) == [newest[0].pk, newest[3].pk]
    assert windowed.bounded is whole.bounded is True
    # The clerk's units and paths (two); the newest id; the window of 1 id,
    # with one match: 3 are wanted, so the next is 3 ids, with one match again;
    # then 9, which holds all four; then the ranking.
    assert len(windows.captured_queries) == 7
    # A rare word goes on to the window over everything.
    rare = search_incoming(cast.clerk, Criteria(text="van thu"))
    assert [d.pk for d in rare.documents] == [newest[0].pk]
    # Three match: the two newest are the candidates.
    periodic = search_incoming(cast.clerk, Criteria(text="dinh ky"))
    assert sorted(d.pk for d in periodic.documents) == [matching[1].pk, newest[3].pk]


def test_a_window_matches_only_the_documents_in_its_ids(cast: Cast, province: Province) -> None:
    """On PostgreSQL through the block lexemes in the index, on SQLite through the id."""
    document = _register(cast, province, notation="7/TB-STP", summary="Kiểm tra định kỳ")
    table = IncomingDocument._meta.db_table

    def found(window: tuple[int, int]) -> list[int]:
        matching, _rank = backends.matches("incoming", ["kiem"], outer_table=table, window=window)
        return list(IncomingDocument.objects.filter(matching).values_list("pk", flat=True))

    assert found((document.pk, document.pk)) == [document.pk]
    later = document.pk + backends.BLOCK
    assert found((later, later + 10)) == []


def test_filters_narrow_the_result(cast: Cast, province: Province) -> None:
    decision = _register(
        cast,
        province,
        notation="5/QĐ-BTP",
        summary="Hướng dẫn số hóa hồ sơ",
        arrived_at=datetime(2026, 3, 2, 9, 0, tzinfo=VN),
        issued_on=date(2026, 3, 1),
    )
    _register(
        cast,
        province,
        notation="6/TB-BTP",
        document_type=doc_type("TB"),
        summary="Thông báo số hóa hồ sơ",
    )
    assign_incoming(
        actor=cast.leader, document=decision, assignment=Assignment(lead_unit=province.justice)
    )
    qd = doc_type("QĐ").pk
    assert _found(cast.clerk, "so hoa", document_type_id=qd) == ["5/QĐ-BTP"]
    assert _found(cast.clerk, "so hoa", status=IncomingStatus.IN_PROGRESS) == ["5/QĐ-BTP"]
    assert _found(cast.clerk, "so hoa", status=IncomingStatus.AWAITING_ASSIGNMENT) == ["6/TB-BTP"]
    assert _found(cast.clerk, "so hoa", arrived_from=date(2026, 3, 3)) == ["6/TB-BTP"]
    assert _found(cast.clerk, "so hoa", arrived_to=date(2026, 3, 2)) == ["5/QĐ-BTP"]
    assert _found(cast.clerk, "so hoa", holder_unit_id=province.justice.pk) == ["5/QĐ-BTP"]
    assert _found(cast.clerk, "so hoa", register_id=decision.register_id) == [
        "6/TB-BTP",
        "5/QĐ-BTP",
    ]
    # Without words: every visible document passing the filters, newest first.
    assert _found(cast.clerk, document_type_id=qd) == ["5/QĐ-BTP"]
    assert _found(cast.clerk) == ["6/TB-BTP", "5/QĐ-BTP"]


def test_another_units_confidential_document_never_appears(cast: Cast, province: Province) -> None:
    secret = _register(
        cast,
        province,
        notation="9/QĐ-BQP",
        summary="Phương án bảo vệ bí mật nhà nước",
        secrecy=Secrecy.SECRET,
    )
    ordinary = _register(cast, province, notation="10/QĐ-BQP", summary="Phương án bảo vệ mùa lũ")
    assign_incoming(
        actor=cast.leader, document=ordinary, assignment=Assignment(lead_unit=province.justice)
    )
    assign_incoming(actor=cast.leader, document=secret, assignment=Assignment(lead_user=cast.head))
    # Named on it: the leader, the clerk who registered it, the person holding it.
    assert _found(cast.leader, "phuong an bao ve") == ["10/QĐ-BQP", "9/QĐ-BQP"]
    assert _found(cast.head, "phuong an bao ve") == ["10/QĐ-BQP", "9/QĐ-BQP"]
    # Another commune's specialist sees neither; a specialist of Long An neither.
    for outsider in (cast.outsider, cast.specialist, cast.reception):
        assert _found(outsider, "phuong an bao ve") == []
        assert _found(outsider, "bi mat") == []
        assert _found(outsider) == []


def test_reindexing_puts_older_documents_back(cast: Cast, province: Province) -> None:
    document = _register(cast, province, notation="40/TB-STP", summary="Thông báo lịch tiếp dân")
    SearchEntry.objects.all().delete()
    assert _found(cast.clerk, "lich tiep dan") == []
    out = StringIO()
    call_command("office_search_reindex", stdout=out)
    assert out.getvalue() == "1 văn bản đến đã được đưa vào chỉ mục tìm kiếm.\n"
    assert _found(cast.clerk, "lich tiep dan") == [document.notation]


def test_bulk_indexing_of_the_missing_documents_matches_one_by_one(
    cast: Cast, province: Province
) -> None:
    from egov.office.search.bulk import index_missing_incoming
    from egov.platform.jobs.models import Job

    documents = [
        _register(
            cast, province, notation=f"{n}/TB-STP", summary=f"Thông báo lịch tiếp dân đợt {n}"
        )
        for n in (41, 42, 43)
    ]
    one_by_one = {
        entry.object_id: (entry.body_id, entry.metadata, entry.text_status, entry.files_total)
        for entry in SearchEntry.objects.all()
    }
    SearchEntry.objects.filter(object_id=documents[1].pk).delete()
    Job.objects.all().delete()
    # The deleted entry is no longer found...
    assert _found(cast.clerk, "dot 42") == []

    out = StringIO()
    call_command("office_search_reindex", "--missing", "--batch", "2", stdout=out)

    # ...and is back, as index_document wrote it, with its file-reading job.
    assert out.getvalue() == "1 văn bản đến đã được đưa vào chỉ mục tìm kiếm.\n"
    assert _found(cast.clerk, "dot 42") == ["42/TB-STP"]
    assert sorted(_found(cast.clerk, "lich tiep dan")) == ["41/TB-STP", "42/TB-STP", "43/TB-STP"]
    again = {
        entry.object_id: (entry.body_id, entry.metadata, entry.text_status, entry.files_total)
        for entry in SearchEntry.objects.all()
    }
    assert again == one_by_one
    entry = SearchEntry.objects.get(object_id=documents[1].pk)
    assert list(Job.objects.values_list("task", "kwargs")) == [
        ("office_search.read_files", {"entry": entry.pk})
    ]
    # Nothing is missing any more: a second run writes nothing.
    assert index_missing_incoming(batch=2) == 0
    assert Job.objects.count() == 1

"""The office statistics on hand-built data: exact figures per unit and per person."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from egov.conftest import Cast, make_staff
from egov.office.documents.models import (
    ONCE_ISSUED,
    Channel,
    IncomingDocument,
    OutgoingDocument,
)
from egov.office.documents.services.handling import (
    Assignment,
    HolderAction,
    act_on_incoming,
    assign_incoming,
)
from egov.office.documents.services.incoming import register_incoming
from egov.office.documents.services.outgoing import issue_outgoing
from egov.office.documents.signing import INCOMING_CHECK, OUTGOING_CHECK
from egov.office.documents.tests.conftest import VN, arrival, pdf, registered
from egov.office.documents.tests.outgoing_fixtures import Drafting, approved
from egov.office.statistics import exports, figures
from egov.office.statistics.errors import StatisticsError
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError
from egov.platform.printing.downloads import XLSX
from egov.platform.signatures.models import CheckStatus, SignatureCheck

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
END_OF_MARCH = datetime(2026, 3, 31, 17, 0, tzinfo=VN)
APRIL = datetime(2026, 4, 1, tzinfo=VN)


def _assign(cast: Cast, document: IncomingDocument, lead: User) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        assign_incoming(
            actor=cast.leader,
            document=document,
            assignment=Assignment(lead_user=lead, working_days=5),
        )


def _complete(lead: User, document: IncomingDocument, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        act_on_incoming(actor=lead, document=document, action=HolderAction.COMPLETE)


@pytest.fixture
def march(drafting: Drafting) -> Drafting:
    """March 2026 in the province, Sở Tư pháp and Phường Long An.

    Province: 4 arrived in March (2 paper, 2 electronic), 3 assigned by the
    leader to the specialist (5 working days from 2 March 9:00, due 9 March):
    one done on 3 March (on time), one on 20 March (late), one still open
    (overdue at the end of March); one waits for assignment. One arrived in
    April (outside). Sở Tư pháp: 1 electronic, not assigned. Two outgoing
    documents issued by Sở Tư pháp (a body: it has its own clerk and
    leader) on 10 March to Phường Long An (which receives each as an
    electronic incoming document) and to Bộ Tư pháp (an outside agency: on
    paper until the exchange sends it); one issued to Long An only.
    """
    d = drafting
    cast, office = d.cast, d.office
    specialist = cast.specialist

    def arrived(number: int, day: int, channel: str = Channel.PAPER) -> IncomingDocument:
        return registered(
            cast,
            office,
            notation=f"{number}/QĐ-BTP",
            channel=channel,
            arrived_at=datetime(2026, 3, 1, 8, number, tzinfo=VN) + timedelta(days=day - 1),
        )

    on_time = arrived(1, 2)
    late = arrived(2, 2, Channel.ELECTRONIC)
    overdue = arrived(3, 2, Channel.ELECTRONIC)
    arrived(4, 30)
    arrived(5, 32)
    for document in (on_time, late, overdue):
        _assign(cast, document, specialist)
    _complete(specialist, on_time, datetime(2026, 3, 3, 10, 0, tzinfo=VN))
    _complete(specialist, late, datetime(2026, 3, 20, 10, 0, tzinfo=VN))
    justice_clerk = make_staff("vanthu.stp", "Lâm Thị Hoa", (office.justice, Role.CLERK))
    make_staff("giamdoc.stp", "Phan Văn Tâm", (office.justice, Role.LEADER))
    register_incoming(
        actor=justice_clerk,
        body=office.justice,
        arrival=arrival(
            notation="6/QĐ-BTP",
            channel=Channel.ELECTRONIC,
            arrived_at=datetime(2026, 3, 5, 9, 0, tzinfo=VN),
        ),
        file=pdf(),
    )
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=VN), tick=False):
        issue_outgoing(actor=cast.clerk, document=approved(d))
        issue_outgoing(actor=cast.clerk, document=approved(d))
        issue_outgoing(actor=cast.clerk, document=approved(d, external_names=[]))
    return d


def _row(row: figures.UnitRow) -> tuple[object, ...]:
    i, o = row.incoming, row.outgoing
    return (
        row.unit.name,
        (i.received, i.electronic, i.paper, i.routed, i.on_time, i.late, i.open, i.overdue),
        (o.issued, o.electronic, o.paper),
    )


def test_the_figures_per_unit_and_per_person(march: Drafting) -> None:
    office = march.office
    report = figures.report(
        scope=office.province, date_from=MARCH[0], date_to=MARCH[1], now=END_OF_MARCH
    )
    assert [_row(row) for row in report.units] == [
        ("Tỉnh Tây Ninh", (4, 2, 2, 3, 1, 1, 2, 1), (0, 0, 0)),
        ("Phường Long An", (3, 3, 0, 0, 0, 0, 3, 0), (0, 0, 0)),
        ("Sở Tư pháp", (1, 1, 0, 0, 0, 0, 1, 0), (3, 1, 2)),
    ]
    total = report.incoming
    assert (total.received, total.electronic, total.paper, total.routed) == (8, 6, 2, 3)
    assert (total.routed_percent, total.on_time_percent) == (37.5, 50.0)
    assert report.units[0].incoming.routed_percent == 75.0
    assert (report.outgoing.issued, report.outgoing.electronic_percent) == (3, 33.3)
    assert [
        (p.user.username, p.unit, p.assigned, p.on_time, p.late, p.open, p.overdue)
        for p in report.people
    ] == [(march.cast.specialist.username, None, 3, 1, 1, 1, 1)]


def test_documents_with_a_valid_signature_are_counted_signed(march: Drafting) -> None:
    office = march.office
    incoming = list(
        IncomingDocument.objects.filter(body=office.province, arrived_at__lt=APRIL)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    outgoing = list(
        OutgoingDocument.objects.filter(
            body=office.justice, status__in=ONCE_ISSUED, issued_on__gte=MARCH[0]
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # Of the province's 4 incoming: one valid, one valid with a warning, one
    # invalid, one unsigned. Of Sở Tư pháp's 3 issued: two valid, one pending.
    statuses = [
        CheckStatus.VALID,
        CheckStatus.VALID_WITH_WARNINGS,
        CheckStatus.INVALID,
        CheckStatus.UNSIGNED,
    ]
    for pk, status in zip(incoming, statuses, strict=True):
        SignatureCheck.objects.create(
            purpose=INCOMING_CHECK, object_pk=pk, file_name="x.pdf", status=status
        )
    for pk, status in zip(
        outgoing, [CheckStatus.VALID, CheckStatus.VALID, CheckStatus.PENDING], strict=True
    ):
        SignatureCheck.objects.create(
            purpose=OUTGOING_CHECK, object_pk=pk, file_name="x.pdf", status=status
        )

    report = figures.report(
        scope=office.province, date_from=MARCH[0], date_to=MARCH[1], now=END_OF_MARCH
    )

    assert [(row.unit.name, row.incoming.signed, row.outgoing.signed) for row in report.units] == [
        ("Tỉnh Tây Ninh", 2, 0),
        ("Phường Long An", 0, 0),
        ("Sở Tư pháp", 0, 2),
    ]
    assert (report.incoming.signed, report.incoming.signed_percent) == (2, 25.0)
    assert (report.outgoing.signed, report.outgoing.signed_percent) == (2, 66.7)


def test_before_the_deadline_an_open_document_is_not_overdue(march: Drafting) -> None:
    report = figures.report(
        scope=march.office.province,
        date_from=MARCH[0],
        date_to=MARCH[1],
        now=datetime(2026, 3, 6, 9, 0, tzinfo=VN),
    )
    assert (report.units[0].incoming.open, report.units[0].incoming.overdue) == (2, 0)


def test_a_unit_reads_only_its_own_subtree(march: Drafting) -> None:
    report = figures.report(
        scope=march.office.justice, date_from=MARCH[0], date_to=MARCH[1], now=END_OF_MARCH
    )
    assert [_row(row) for row in report.units] == [
        ("Sở Tư pháp", (1, 1, 0, 0, 0, 0, 1, 0), (3, 1, 2))
    ]
    assert report.people == []


def test_who_may_read_which_unit(march: Drafting) -> None:
    d = march
    assert figures.scopes_for(d.cast.leader) == [d.office.province]
    assert figures.scopes_for(d.long_an_clerk) == [d.office.long_an]
    assert figures.scope_for(d.cast.leader, d.office.justice.pk) == d.office.justice
    for user, unit in (
        (d.long_an_clerk, d.office.province),
        (d.cast.specialist, d.office.justice),
        (d.cast.head, d.office.justice),
    ):
        with pytest.raises(DomainError) as caught:
            figures.scope_for(user, unit.pk)
        assert caught.value.code == StatisticsError.UNIT_NOT_FOUND
    with pytest.raises(DomainError) as caught:
        figures.scope_for(d.cast.specialist, None)
    assert caught.value.code == StatisticsError.UNIT_NOT_FOUND


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        figures.period(date(2026, 3, 2), date(2026, 3, 1), date(2026, 12, 1))
    assert caught.value.code == StatisticsError.INVALID_PERIOD
    assert figures.period(None, None, date(2026, 12, 1)) == (date(2026, 1, 1), date(2026, 12, 1))


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


MARCH_QUERY = {"tu": "01/03/2026", "den": "31/03/2026"}


def test_the_page_shows_the_figures(march: Drafting) -> None:
    with time_machine.travel(END_OF_MARCH, tick=False):
        response = _login(march.cast.leader).get("/van-ban/thong-ke/", MARCH_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thống kê văn bản đến, văn bản đi" in html
    assert 'data-label="VB đến">4</td>' in html
    assert "<strong>37,5%</strong>" in html
    assert "từ ngày 01/03/2026 đến ngày 31/03/2026" in html


def test_the_xlsx_holds_the_page_s_tables(march: Drafting) -> None:
    events = AuditEvent.objects.filter(event_type="office.statistics_exported")
    with time_machine.travel(END_OF_MARCH, tick=False):
        response = _login(march.cast.leader).get("/van-ban/thong-ke/xlsx/", MARCH_QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    book = load_workbook(BytesIO(response.content))
    units = book["Theo don vi"]
    rows = [list(row) for row in units.iter_rows(values_only=True)]
    assert rows[1] == list(exports.UNIT_HEADERS)
    assert rows[2] == ["Tỉnh Tây Ninh", 4, 2, 2, 3, 75.0, 1, 1, 2, 1, 0, 0, 0, 0, 0, None]
    assert rows[-1] == ["Tổng cộng", 8, 6, 2, 3, 37.5, 1, 1, 6, 1, 0, 3, 1, 2, 0, 0.0]
    people = [list(row) for row in book["Theo nguoi xu ly"].iter_rows(values_only=True)]
    assert people[2] == [march.cast.specialist.display_name, None, 3, 1, 1, 1, 1]
    assert events.count() == 1
    assert events.get().details == {"format": "xlsx", "from": "2026-03-01", "to": "2026-03-31"}


def test_the_pdf_reads_as_the_tables(march: Drafting) -> None:
    with time_machine.travel(END_OF_MARCH, tick=False):
        response = _login(march.cast.leader).get("/van-ban/thong-ke/pdf/", MARCH_QUERY)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "THỐNG KÊ VĂN BẢN ĐẾN, VĂN BẢN ĐI" in text
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text
    flat = " ".join(text.split())
    assert "Tỉnh Tây Ninh 4 2 2 3 75,0 1 1 2 1 0 0 0 0 0" in flat
    assert "Tổng cộng 8 6 2 3 37,5 1 1 6 1 0 3 1 2 0 0,0" in flat


def test_a_specialist_and_another_unit_get_nothing(march: Drafting) -> None:
    events = AuditEvent.objects.count()
    specialist = _login(march.cast.specialist)
    for path in ("/van-ban/thong-ke/", "/van-ban/thong-ke/xlsx/", "/van-ban/thong-ke/pdf/"):
        response = specialist.get(path, MARCH_QUERY)
        assert response.status_code == 404
        assert "Không tìm thấy đơn vị để thống kê." in response.content.decode()
    other = _login(march.long_an_clerk)
    response = other.get(
        "/van-ban/thong-ke/xlsx/", {**MARCH_QUERY, "don_vi": str(march.office.province.pk)}
    )
    assert response.status_code == 422
    assert (
        "Tỉnh Tây Ninh" not in response.content.decode().split("<main")[-1].split("</select>")[-1]
    )
    assert AuditEvent.objects.count() == events


def test_a_wrong_date_is_said_in_vietnamese(march: Drafting) -> None:
    response = _login(march.cast.leader).get("/van-ban/thong-ke/", {"tu": "31/02/2026"})
    assert response.status_code == 422
    assert "Nhập ngày theo dạng ngày/tháng/năm." in response.content.decode()


def test_the_api_gives_the_same_figures(march: Drafting) -> None:
    with time_machine.travel(END_OF_MARCH, tick=False):
        response = _login(march.cast.leader).get(
            "/api/v1/office/statistics", {"date_from": "2026-03-01", "date_to": "2026-03-31"}
        )
    assert response.status_code == 200
    body = response.json()
    assert (body["unit"], body["date_from"], body["date_to"]) == (
        "Tỉnh Tây Ninh",
        "2026-03-01",
        "2026-03-31",
    )
    assert body["incoming"] == {
        "received": 8,
        "electronic": 6,
        "paper": 2,
        "routed": 3,
        "routed_percent": 37.5,
        "on_time": 1,
        "late": 1,
        "on_time_percent": 50.0,
        "open": 6,
        "overdue": 1,
        "signed": 0,
        "signed_percent": 0.0,
    }
    assert body["outgoing"] == {
        "issued": 3,
        "electronic": 1,
        "paper": 2,
        "signed": 0,
        "signed_percent": 0.0,
    }
    assert [u["unit"] for u in body["units"]] == ["Tỉnh Tây Ninh", "Phường Long An", "Sở Tư pháp"]
    assert body["people"][0]["assigned"] == 3


def test_the_api_refuses_another_unit_and_a_bad_period(march: Drafting) -> None:
    clerk = _login(march.long_an_clerk)
    response = clerk.get("/api/v1/office/statistics", {"unit_id": march.office.province.pk})
    assert (response.status_code, response.json()["code"]) == (404, StatisticsError.UNIT_NOT_FOUND)
    response = clerk.get(
        "/api/v1/office/statistics", {"date_from": "2026-03-02", "date_to": "2026-03-01"}
    )
    assert (response.status_code, response.json()["code"]) == (422, StatisticsError.INVALID_PERIOD)

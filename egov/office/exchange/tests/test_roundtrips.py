"""The statuses' round trips in the office statistics: counts and the delays to each status."""

from __future__ import annotations

import datetime
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from egov.office.documents.models import OutgoingDocument
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange import intake
from egov.office.exchange.models import ReceivedDocument, StatusEntry
from egov.office.exchange.roundtrips import duration_text, round_trips
from egov.office.exchange.tests.delivery_fixtures import LONG_AN, issued_to, pump

ISSUED = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.UTC)


def _exchange(d: Drafting) -> list[OutgoingDocument]:
    """Three documents to Long An: two registered (one assigned), one refused."""
    documents = [issued_to(d, LONG_AN) for _ in range(3)]
    pump()
    first, second, third = (
        ReceivedDocument.objects.get(notation=doc.notation) for doc in documents
    )
    incoming = intake.register_received(actor=d.long_an_clerk, received=first)
    intake.register_received(actor=d.long_an_clerk, received=second)
    intake.refuse_received(actor=d.long_an_clerk, received=third, reason="Gửi nhầm cơ quan")
    assign_incoming(
        actor=d.long_an_leader,
        document=incoming,
        assignment=Assignment(lead_user=d.cast.specialist),
    )
    pump()
    # Known times: issued at 8:00, each status a fixed delay later.
    OutgoingDocument.objects.filter(pk__in=[doc.pk for doc in documents]).update(issued_at=ISSUED)
    delays = {
        (documents[0].pk, "01"): timedelta(seconds=4),
        (documents[1].pk, "01"): timedelta(seconds=10),
        (documents[2].pk, "01"): timedelta(seconds=70),
        (documents[0].pk, "03"): timedelta(hours=2, minutes=5),
        (documents[1].pk, "03"): timedelta(days=1, hours=3),
        (documents[2].pk, "02"): timedelta(minutes=30),
        (documents[0].pk, "04"): timedelta(days=2, hours=1, minutes=1, seconds=9),
    }
    for entry in StatusEntry.objects.select_related("recipient"):
        delay = delays[(entry.recipient.document_id, entry.code)]
        StatusEntry.objects.filter(pk=entry.pk).update(status_at=ISSUED + delay)
    return documents


def test_the_round_trips_count_each_answer_and_time_each_status(drafting: Drafting) -> None:
    d = drafting
    _exchange(d)
    today = timezone.localdate()
    trips = round_trips(scope=d.office.province, date_from=today, date_to=today)

    assert (trips.sent, trips.delivered, trips.accepted, trips.refused, trips.failed) == (
        3,
        3,
        2,
        1,
        0,
    )
    assert [(t.code, t.count, t.median_text, t.p90_text) for t in trips.times] == [
        ("01", 3, "10 giây", "1 phút 10 giây"),
        ("03", 2, "2 giờ 5 phút", "1 ngày 3 giờ"),
        ("04", 1, "2 ngày 1 giờ 1 phút", "2 ngày 1 giờ 1 phút"),
        ("06", 0, "—", "—"),
    ]
    # Long An sent nothing itself; another period holds nothing.
    assert round_trips(scope=d.office.long_an, date_from=today, date_to=today).sent == 0
    yesterday = today - timedelta(days=1)
    assert round_trips(scope=d.office.province, date_from=yesterday, date_to=yesterday).sent == 0


def test_the_statistics_page_shows_the_round_trips(drafting: Drafting, client: Client) -> None:
    d = drafting
    _exchange(d)
    client.force_login(d.cast.clerk, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/van-ban/thong-ke/").content.decode()
    assert '<span class="label">Đã gửi liên thông</span><strong>3</strong>' in page
    assert '<span class="label">Bị từ chối (02)</span><strong>1</strong>' in page
    assert (
        '<tr><td data-label="Trạng thái">03 Đã vào sổ</td><td class="num" data-label="Số lượt">2'
        '</td><td class="num" data-label="Trung vị">2 giờ 5 phút</td>'
        '<td class="num" data-label="90% trong vòng">1 ngày 3 giờ</td></tr>'
    ) in page


def test_a_delay_reads_in_vietnamese() -> None:
    assert [
        duration_text(timedelta(seconds=s))
        for s in (0, 59, 61, 3600, 3661, 86400 + 120, 86400 * 3 + 3600 * 5 + 7)
    ] == [
        "0 giây",
        "59 giây",
        "1 phút 1 giây",
        "1 giờ",
        "1 giờ 1 phút",
        "1 ngày 2 phút",
        "3 ngày 5 giờ",
    ]
    assert duration_text(None) == "—"

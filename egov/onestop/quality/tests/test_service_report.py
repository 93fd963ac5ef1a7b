"""The service report of a rented platform (issue 19 item 6): figures, page, PDF, refusals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import translation

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus
from egov.onestop.procedures.models import Process
from egov.onestop.quality.models import Edition
from egov.onestop.quality.printing import renderer
from egov.onestop.quality.service.selectors import HalfYear, service_report
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.servicelevel import recorder
from egov.platform.servicelevel.beats import record_beat
from egov.platform.servicelevel.models import ActiveDay, RequestHour, ServiceBeat
from egov.platform.servicelevel.selectors import Incident

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=VN)
URL = "/chat-luong/bao-cao-dich-vu/"


@pytest.fixture
def measured(cast: Cast, province: Province, edition: Edition) -> Iterator[None]:
    """Half year 2026-H2 at Phường Long An, as the platform recorded it."""
    recorder.discard()
    # The worker beat from 08:00 to 09:00 on 1 December but for 08:20-08:30.
    for n in range(12):
        if n not in (4, 5):
            record_beat(at=datetime(2026, 12, 1, 8, 0, 20, tzinfo=VN) + n * timedelta(minutes=5))
    # 2 November, 10:00: the commune's administrator makes 20 requests, two of
    # them answered 500, two slow; its specialist one; a citizen and the other
    # commune's specialist one each (not the commune's).
    ten = datetime(2026, 11, 2, 10, 15, tzinfo=VN)
    for n in range(20):
        recorder.record(
            at=ten,
            user_id=cast.admin.pk,
            group="chat-luong",
            status=500 if n < 2 else 200,
            elapsed_ms=600 if n >= 18 else 40,
        )
    for user in (cast.specialist, cast.citizen, cast.outsider):
        recorder.record(at=ten, user_id=user.pk, group="ho-so", status=200, elapsed_ms=90)
    recorder.flush()
    Dossier.objects.create(
        code="H53-260805-0001",
        procedure=Process.objects.get().procedure,
        process=Process.objects.get(),
        receiving_unit=province.long_an_centre,
        agency=province.long_an,
        applicant_name="Trần Văn An",
        channel=Channel.DIRECT,
        status=DossierStatus.PROCESSING,
        received_at=datetime(2026, 8, 5, 8, tzinfo=VN),
    )
    yield
    recorder.discard()


def test_the_report_reads_what_the_platform_measured(province: Province, measured: None) -> None:
    report = service_report(province.long_an, HalfYear(2026, 2), now=NOW)

    assert (report.period.first, report.period.last) == (date(2026, 7, 1), date(2026, 12, 1))
    up = report.availability
    assert (up.expected, up.up, up.percent, up.jobs_failed) == (12, 10, "83,33%", 0)
    assert (report.requests.count, report.requests.errors, report.error_percent) == (
        21,
        2,
        "9,52%",
    )
    assert (report.p50, report.p95) == ("≤ 50 ms", "≤ 1.000 ms")
    assert report.requests.groups == [("chat-luong", 20, 2), ("ho-so", 1, 0)]
    assert report.incidents == [
        Incident(
            "errors",
            datetime(2026, 11, 2, 10, tzinfo=VN),
            datetime(2026, 11, 2, 11, tzinfo=VN),
            requests=21,
            errors=2,
        ),
        Incident(
            "downtime",
            datetime(2026, 12, 1, 8, 20, tzinfo=VN),
            datetime(2026, 12, 1, 8, 30, tzinfo=VN),
        ),
    ]
    assert (report.dossiers_received, report.documents.incoming, report.documents.issued) == (
        1,
        0,
        0,
    )
    assert report.users_active == 2


def test_the_top_of_the_tree_also_counts_the_public(province: Province, measured: None) -> None:
    report = service_report(province.province, HalfYear(2026, 2), now=NOW)

    assert (report.requests.count, report.users_active) == (23, 3)


def test_the_page_and_pdf_for_the_communes_administrator(
    client: Client, cast: Cast, province: Province, measured: None
) -> None:
    login(client, cast.admin)
    with time_machine.travel(NOW, tick=False):
        page = client.get(URL, {"ky": "2026-H2"})
        pdf = client.get(f"{URL}pdf/", {"don-vi": str(province.long_an.pk), "ky": "2026-H2"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "Báo cáo chất lượng dịch vụ nửa năm 2/2026" in html
    assert "<tr><th>Tỷ lệ sẵn sàng</th><td>83,33%</td></tr>" in html
    assert "<tr><th>Lỗi máy chủ (5xx)</th><td>2 (9,52%)</td></tr>" in html
    assert "<tr><th>95% yêu cầu (p95)</th><td>≤ 1.000 ms</td></tr>" in html
    assert (
        "<tr><td>Ngừng hoạt động</td><td>01/12/2026 08:20</td><td>01/12/2026 08:30</td>"
        "<td>10</td><td></td></tr>"
    ) in html
    assert (
        "<tr><td>Tỷ lệ lỗi cao</td><td>02/11/2026 10:00</td><td>02/11/2026 11:00</td>"
        "<td>60</td><td>2 / 21</td></tr>"
    ) in html
    assert "<tr><th>Hồ sơ tiếp nhận mới</th><td>1</td></tr>" in html
    assert "<tr><th>Cán bộ có sử dụng</th><td>2</td></tr>" in html
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    assert pdf["Content-Disposition"] == (
        f'inline; filename="bao-cao-dich-vu-{province.long_an.pk}-2026-H2.pdf"'
    )


def test_a_superuser_reads_the_province(
    client: Client, superuser: User, province: Province, measured: None
) -> None:
    login(client, superuser)
    with time_machine.travel(NOW, tick=False):
        page = client.get(URL).content.decode()

    assert "<tr><th>Số yêu cầu</th><td>23</td></tr>" in page
    assert f'<option value="{province.province.pk}" selected>Tỉnh Tây Ninh</option>' in page


def _state() -> tuple[int, int, int, int]:
    return (
        AuditEvent.objects.count(),
        RequestHour.objects.count(),
        ServiceBeat.objects.count(),
        ActiveDay.objects.count(),
    )


@pytest.mark.parametrize(
    ("who", "params", "status", "text"),
    [
        # a specialist of the commune sees it but does not administer it
        ("specialist", {}, 403, "Chỉ quản trị hệ thống của đơn vị được xem báo cáo"),
        ("specialist", {"don-vi": "long_an"}, 403, 'data-code="permission_denied"'),
        # the province's leader is not its administrator
        ("leader", {"don-vi": "province"}, 403, 'data-code="permission_denied"'),
        # another commune's staff, and the commune's administrator above it
        ("outsider", {"don-vi": "long_an"}, 404, ""),
        ("admin", {"don-vi": "province"}, 404, ""),
        ("citizen", {}, 404, ""),
        ("admin", {"ky": "2026-H3"}, 400, 'data-code="invalid_period"'),
        ("admin", {"ky": "2027-H1"}, 400, "Kỳ báo cáo không đúng"),
        ("admin", {"don-vi": "abc"}, 400, 'data-code="invalid_unit"'),
    ],
)
def test_refusals_change_nothing(
    client: Client,
    cast: Cast,
    province: Province,
    measured: None,
    who: str,
    params: dict[str, str],
    status: int,
    text: str,
) -> None:
    units = {"long_an": province.long_an.pk, "province": province.province.pk}
    query = {k: str(units.get(v, v)) for k, v in params.items()}
    before = _state()
    login(client, getattr(cast, who))
    with time_machine.travel(NOW, tick=False):
        page = client.get(URL, query)
        pdf = client.get(f"{URL}pdf/", query)

    assert (page.status_code, pdf.status_code) == (status, status)
    assert text in page.content.decode()
    assert _state() == before


def test_anonymous_is_sent_to_log_in(client: Client, measured: None) -> None:
    before = _state()
    answer = client.get(URL)
    assert (answer.status_code, answer["Location"]) == (302, f"/dang-nhap/?next={URL}")
    assert _state() == before


def test_the_page_speaks_english_and_the_pdf_stays_vietnamese(
    client: Client, cast: Cast, province: Province, measured: None
) -> None:
    login(client, cast.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        with time_machine.travel(NOW, tick=False):
            html = client.get(URL, {"ky": "2026-H2"}).content.decode()
    finally:
        translation.deactivate()  # the middleware leaves English active in this thread
    report = service_report(province.long_an, HalfYear(2026, 2), now=NOW)
    with translation.override("en"):
        printed = renderer.html("service_figures.html", {"report": report})

    assert "Service quality report, half-year 2/2026" in html
    assert "<tr><th>Availability rate</th><td>83,33%</td></tr>" in html
    assert "<tr><th>95% of requests (p95)</th><td>≤ 1.000 ms</td></tr>" in html
    assert "Tỷ lệ sẵn sàng" not in html
    assert "<tr><th>Tỷ lệ sẵn sàng</th><td>83,33%</td></tr>" in printed

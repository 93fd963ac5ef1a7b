"""Large dashboard exports as background jobs: queue, poll, download, and who may.

The `data` fixture holds 4 dossiers of Phường Long An received in March 2026;
with REPORTS_EXPORT_SYNC_LIMIT at 3 its export is "large", at 4 it is small.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import Client
from openpyxl import load_workbook
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.printing.tests.pdf import text
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.reports.exports import XLSX
from egov.onestop.reports.tasks import EXPORT_TASK, KEEP_EXPORTS, prune_exports
from egov.onestop.reports.tests.conftest import at
from egov.onestop.reports.tests.test_views import LONG_AN_LATE, MARCH, URL
from egov.onestop.reports.tests.test_views import data as data  # noqa: F401 - the fixture
from egov.platform.audit.models import AuditEvent
from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.worker import run_due

EXPORT = "/thong-ke/xuat/"


@pytest.fixture
def large(settings: Settings) -> None:
    settings.REPORTS_EXPORT_SYNC_LIMIT = 3


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(at(4, 15, 9), tick=False):
        yield


def _result(job: Job) -> dict[str, Any]:
    assert isinstance(job.result, dict)
    return job.result


def _post(client: Client, unit: int, fmt: str = "xlsx", **extra: str) -> object:
    return client.post(EXPORT, {**MARCH, "don_vi": unit, "dinh_dang": fmt, **extra})


def _queue_and_run(client: Client, province: Province, fmt: str = "xlsx") -> Job:
    response = _post(client, province.long_an.pk, fmt)
    job = Job.objects.get(task=EXPORT_TASK)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == f"/thong-ke/xuat/{job.pk}/"  # type: ignore[index]
    assert [o.status for o in run_due(worker="w")] == [JobStatus.DONE]
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_a_small_export_is_still_downloaded_at_once(
    client: Client, desk: Desk, province: Province, data: None, frozen: None, settings: Settings
) -> None:
    settings.REPORTS_EXPORT_SYNC_LIMIT = 4
    login(client, desk.commune_leader)

    response = _post(client, province.long_an.pk)

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response["Content-Type"] == XLSX  # type: ignore[index]
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_the_leader_queues_a_large_export_and_downloads_it_when_ready(
    client: Client, desk: Desk, province: Province, data: None, frozen: None, large: None
) -> None:
    login(client, desk.commune_leader)
    # when the leader clicks "XLSX"
    response = _post(client, province.long_an.pk)
    job = Job.objects.get(task=EXPORT_TASK)
    # then a job is queued with the scope asked for, and the request is audited
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert job.status == JobStatus.QUEUED
    assert job.kwargs == {
        "user": desk.commune_leader.pk,
        "unit": province.long_an.pk,
        "subunits": True,
        "field": None,
        "procedure": None,
        "first": "2026-03-01",
        "last": "2026-03-31",
        "fmt": "xlsx",
        "table": "",
        "language": "vi",
    }
    event = AuditEvent.objects.get(event_type="reports.export_requested")
    assert (event.actor_id, event.unit_id, event.target_id) == (
        desk.commune_leader.pk,
        province.long_an.pk,
        str(job.pk),
    )
    # a second click gets the same job
    _post(client, province.long_an.pk)
    assert Job.objects.filter(task=EXPORT_TASK).count() == 1
    # the page says it is being made, and htmx polls it
    page = client.get(f"/thong-ke/xuat/{job.pk}/")
    assert page.status_code == 200
    assert "Đang tạo báo cáo…" in page.content.decode()
    assert f'hx-get="/thong-ke/xuat/{job.pk}/"' in page.content.decode()
    assert client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/")["Location"] == (
        f"/thong-ke/xuat/{job.pk}/"
    )

    # when the worker has made it
    assert [o.status for o in run_due(worker="w")] == [JobStatus.DONE]
    fragment = client.get(f"/thong-ke/xuat/{job.pk}/", headers={"HX-Request": "true"})
    download = client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/")

    # then the poll shows the link (and stops polling) and the file opens
    body = fragment.content.decode()
    assert body.startswith('<div id="export-status"')
    assert "hx-get" not in body
    assert f'href="/thong-ke/xuat/{job.pk}/tai-ve/"' in body
    assert download.status_code == 200
    assert download["Content-Type"] == XLSX
    assert download["Content-Disposition"] == (
        f'attachment; filename="thong-ke-{province.long_an.pk}-20260301-20260331.xlsx"'
    )
    book = load_workbook(BytesIO(download.content))
    assert len(book.sheetnames) == 5
    summary = book[book.sheetnames[0]]
    assert summary["A2"].value == "Phường Long An · Từ 01/03/2026 đến 31/03/2026"
    assert [c.value for c in summary[4]] == ["Tổng số hồ sơ tiếp nhận", 5]
    job.refresh_from_db()
    assert _result(job)["filename"] == f"thong-ke-{province.long_an.pk}-20260301-20260331.xlsx"
    assert _result(job)["size"] == len(download.content)


@pytest.mark.django_db
def test_a_large_pdf_export_opens(
    client: Client, desk: Desk, province: Province, data: None, frozen: None, large: None
) -> None:
    login(client, desk.commune_leader)
    job = _queue_and_run(client, province, "pdf")

    download = client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/")

    assert download["Content-Type"] == "application/pdf"
    content = text(download.content)
    assert "Phường Long An Từ 01/03/2026 đến 31/03/2026" in content
    assert "Tổng số hồ sơ tiếp nhận 5" in content
    assert LONG_AN_LATE in content


@pytest.mark.django_db
def test_a_get_of_a_large_export_asks_before_queueing(
    client: Client, desk: Desk, province: Province, data: None, frozen: None, large: None
) -> None:
    login(client, desk.commune_leader)

    response = client.get(URL, {**MARCH, "dinh_dang": "pdf", "bang": "qua-han"})

    assert response.status_code == 200
    body = response.content.decode()
    assert 'action="/thong-ke/xuat/"' in body
    assert '<input type="hidden" name="bang" value="qua-han">' in body
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_a_colleague_with_the_same_rights_may_download(
    client: Client,
    cast: Cast,
    desk: Desk,
    province: Province,
    data: None,
    frozen: None,
    large: None,
) -> None:
    login(client, desk.commune_leader)
    job = _queue_and_run(client, province)

    login(client, cast.specialist)  # a specialist of Phường Long An sees its dashboard
    response = client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX


def _snapshot(job: Job) -> tuple[dict[str, Any], bytes, int]:
    stored = dict(Job.objects.filter(pk=job.pk).values().get())
    path = Path(default_storage.path(str(_result(job)["file"])))
    return stored, path.read_bytes(), AuditEvent.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "head", "citizen"])
def test_others_cannot_see_or_download_the_export(
    client: Client,
    cast: Cast,
    desk: Desk,
    province: Province,
    data: None,
    frozen: None,
    large: None,
    who: str,
) -> None:
    # given a finished export of Phường Long An
    login(client, desk.commune_leader)
    job = _queue_and_run(client, province)
    before = _snapshot(job)
    # when staff of another commune or of a provincial department, or a
    # citizen, ask for it
    login(client, getattr(cast, who))
    page = client.get(f"/thong-ke/xuat/{job.pk}/")
    file = client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/")
    # then the job does not exist for them, nothing leaks and nothing changed
    for response in (page, file):
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")
        assert b"thong-ke-" not in response.content
    assert before[1] not in file.content
    assert _snapshot(job) == before


@pytest.mark.django_db
def test_another_commune_cannot_queue_an_export_of_long_an(
    client: Client, cast: Cast, province: Province, data: None, frozen: None, large: None
) -> None:
    login(client, cast.outsider)

    response = _post(client, province.long_an.pk)

    assert response.status_code == 404  # type: ignore[attr-defined]
    assert Job.objects.count() == 0
    assert not AuditEvent.objects.filter(event_type="reports.export_requested").exists()


@pytest.mark.django_db
def test_a_requester_who_lost_access_gets_no_file(
    client: Client, desk: Desk, province: Province, data: None, frozen: None, large: None
) -> None:
    login(client, desk.commune_leader)
    _post(client, province.long_an.pk)
    desk.commune_leader.memberships.all().delete()

    run_due(worker="w")

    job = Job.objects.get(task=EXPORT_TASK)
    assert (job.status, job.attempts, job.result) == (JobStatus.FAILED, 1, None)
    assert job.last_error == "GiveUp: the requester may no longer see the unit"


@pytest.mark.django_db
def test_old_files_are_pruned_and_then_expired(
    client: Client, desk: Desk, province: Province, data: None, large: None
) -> None:
    with time_machine.travel(at(4, 15, 9), tick=False):
        login(client, desk.commune_leader)
        job = _queue_and_run(client, province)
    path = Path(default_storage.path(str(_result(job)["file"])))
    made = at(4, 15, 9).timestamp()
    os.utime(path, (made, made))

    with time_machine.travel(at(4, 15, 9) + KEEP_EXPORTS, tick=False):
        kept = prune_exports()
    with time_machine.travel(at(4, 15, 9, 1) + KEEP_EXPORTS, tick=False):
        pruned = prune_exports()
        login(client, desk.commune_leader)  # a week later: a new session
        response = client.get(f"/thong-ke/xuat/{job.pk}/tai-ve/")

    assert (kept, pruned) == ("deleted 0", "deleted 1")
    assert not path.exists()
    assert response.status_code == 410
    assert "Tệp báo cáo đã được xóa sau 7 ngày" in response.content.decode()


@pytest.mark.django_db
def test_the_confirmation_page_links_back_to_the_same_dashboard(
    client: Client, desk: Desk, province: Province, data: None, frozen: None, large: None
) -> None:
    # Given a large scope, asked for as XLSX from the dashboard (a GET)
    login(client, desk.commune_leader)
    response = client.get(URL, {**MARCH, "don_vi": province.long_an.pk, "dinh_dang": "xlsx"})
    # Then the confirmation links back to that dashboard, not javascript:
    # (the Content-Security-Policy runs no javascript: URL)
    page = response.content.decode()
    back = f"/thong-ke/?don_vi={province.long_an.pk}&amp;tu=2026-03-01&amp;den=2026-03-31&amp;con=1"
    assert f'<a href="{back}">Quay lại</a>' in page
    assert "javascript:" not in page
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_a_large_scope_exports_in_one_click_and_the_poll_starts_the_download(
    client: Client, desk: Desk, province: Province, data: None, frozen: None, large: None
) -> None:
    # Given a large scope on the dashboard
    login(client, desk.commune_leader)
    page = client.get(URL, {**MARCH, "don_vi": province.long_an.pk}).content.decode()
    # Then every export is a button posting to the export (no confirmation page)
    assert page.count('action="/thong-ke/xuat/"') == 6
    assert '<input type="hidden" name="bang" value="qua-han">' in page
    assert "dinh_dang=xlsx" not in page

    # When the leader clicks one and the job runs
    job = _queue_and_run(client, province)
    polled = client.get(f"/thong-ke/xuat/{job.pk}/", headers={"HX-Request": "true"})
    reopened = client.get(f"/thong-ke/xuat/{job.pk}/")

    # Then the poll that finds the file marks its link to be followed at
    # once; the page opened again later does not download it again
    assert "data-start-download" in polled.content.decode()
    assert "data-start-download" not in reopened.content.decode()
    assert 'src="/static/reports/export-status.js"' in reopened.content.decode()

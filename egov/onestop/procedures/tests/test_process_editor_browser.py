"""The process editor in Chromium, on the unit administrator's pages (/quan-tri-don-vi/quy-trinh/):
a step added, the diagram redrawn, the process saved."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.procedures.models import Procedure, Process
from egov.onestop.procedures.processes import process_definition, save_process
from egov.onestop.procedures.tests.test_process_admin import birth as birth  # fixtures
from egov.onestop.procedures.tests.test_process_admin import standard as standard
from egov.platform.audit.models import AuditEvent
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # the Playwright fixture
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


@pytest.fixture
def process(cast: Cast, province: Province, birth: Procedure, standard: dict[str, Any]) -> Process:
    return save_process(actor=None, procedure=birth, agency=province.long_an, definition=standard)


def _redrawn(page: Page, action: Callable[[], object]) -> None:
    """Do `action` and wait for the editor to come back from the server."""
    with page.expect_response(lambda r: "/quy-trinh/" in r.url and r.request.method == "POST"):
        action()


def test_administrator_adds_a_step_sees_the_diagram_change_and_saves(
    process: Process, cast: Cast, page: Page
) -> None:
    log_in(page, cast.admin.username, PASSWORD)
    page.goto("/quan-tri-don-vi/")
    page.get_by_role("link", name="Quy trình nội bộ").click()
    page.get_by_role("link", name=process.name).click()
    expect(page).to_have_url(re.compile(rf"/quan-tri-don-vi/quy-trinh/{process.pk}/$"))
    diagram = page.locator("#process-diagram")
    expect(diagram).to_contain_text("4. Trả kết quả")
    expect(page.locator(".editor-step")).to_have_count(4)

    _redrawn(page, lambda: page.get_by_role("button", name="Thêm bước").click())
    expect(page.locator(".editor-step")).to_have_count(5)
    page.locator("#id_steps-4-name").fill("Vào sổ, đóng dấu")
    _redrawn(page, lambda: page.locator("#id_steps-4-name").press("Tab"))
    expect(diagram).to_contain_text("5. Vào sổ, đóng dấu")
    _redrawn(page, lambda: page.locator("#step-4").get_by_role("button", name="Lên trên").click())
    expect(diagram).to_contain_text("4. Vào sổ, đóng dấu")
    expect(diagram).to_contain_text("5. Trả kết quả")

    # The leader now approves to the new step, which forwards to the result.
    approve = 'input[name="steps-2-approve_to"]'
    _redrawn(page, lambda: page.locator(f'{approve}[value="vao_so_dong_dau"]').check())
    _redrawn(page, lambda: page.locator(f'{approve}[value="tra_ket_qua"]').uncheck())
    forward = 'input[name="steps-3-forward_to"][value="tra_ket_qua"]'
    _redrawn(page, lambda: page.locator(forward).check())
    _redrawn(page, lambda: page.locator("#id_steps-3-role").select_option("clerk"))
    expect(page.locator("#process-valid")).to_have_text("Quy trình hợp lệ, có thể lưu.")
    page.get_by_role("button", name="Lưu quy trình").click()

    expect(page.locator(".messages")).to_contain_text("Đã lưu quy trình")
    steps = process_definition(process)["steps"]
    assert [(s["key"], s["role"]) for s in steps] == [
        ("tiep_nhan_ho_so", "reception"),
        ("tham_dinh_ho_so", "specialist"),
        ("lanh_dao_phe_duyet", "leader"),
        ("vao_so_dong_dau", "clerk"),
        ("tra_ket_qua", "reception"),
    ]
    assert steps[2]["actions"][0] == {"action": "approve", "to": "vao_so_dong_dau", "roles": []}
    assert steps[3]["actions"] == [{"action": "forward", "to": "tra_ket_qua", "roles": []}]
    event = AuditEvent.objects.filter(event_type="procedures.process_saved").latest("id")
    assert event.actor == cast.admin

"""Issue 19 in Chromium: a commune administrator adds a specialist and gives her
a role, and is refused for another commune; a change of a procedure's
internal process proposes a new edition of its quality procedure, which the
leader approves, and the old edition is locked.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.procedures.models import Procedure
from egov.onestop.quality.models import Edition
from egov.onestop.quality.services import approve_edition
from egov.onestop.quality.tests.conftest import save, slower
from egov.platform.accounts.models import Membership, User
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # the Playwright fixture
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def test_commune_administrator_adds_a_specialist_and_is_refused_elsewhere(
    cast: Cast, province: Province, page: Page
) -> None:
    log_in(page, cast.admin.username, PASSWORD)
    page.get_by_role("link", name="Quản trị đơn vị").click()
    page.get_by_role("link", name="Tạo tài khoản cán bộ").click()
    page.get_by_label("Tên đăng nhập").fill("bich.tt")
    page.get_by_label("Họ và tên").fill("Trần Thị Bích")
    page.get_by_label("Mật khẩu ban đầu").fill("Mat-khau-ban-dau-2026")
    page.get_by_label("Đơn vị").select_option(label="Phường Long An")
    page.get_by_label("Vai trò").select_option(label="Chuyên viên")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_role("heading", name="Trần Thị Bích")).to_be_visible()

    # a second role at the commune's service centre, through htmx
    page.get_by_label("Đơn vị").select_option(value=str(province.long_an_centre.pk))
    page.get_by_label("Vai trò").select_option(label="Cán bộ tiếp nhận một cửa")
    page.get_by_role("button", name="Giao vai trò").click()
    expect(page.locator("#roles tbody tr")).to_have_count(2)

    account = User.objects.get(username="bich.tt")
    assert sorted(Membership.objects.filter(user=account).values_list("role", flat=True)) == [
        "reception",
        "specialist",
    ]
    # another commune: not offered, and its officer's page does not exist for her
    expect(page.locator(f'#id_unit option[value="{province.tan_ninh.pk}"]')).to_have_count(0)
    response = page.goto(f"/quan-tri-don-vi/tai-khoan/{cast.outsider.pk}/")
    assert response is not None and response.status == 404


def test_a_process_change_proposes_an_edition_the_leader_approves(
    cast: Cast, province: Province, birth: Procedure, standard: dict[str, Any], page: Page
) -> None:
    save(birth, province, standard)
    first = approve_edition(actor=cast.leader, edition=Edition.objects.get())
    # the commune changes its process: edition 2 is proposed
    save(birth, province, slower(standard, "10"))
    second = Edition.objects.get(number=2)

    log_in(page, cast.leader.username, PASSWORD)
    page.goto(f"/chat-luong/ban/{second.pk}/")
    expect(page.get_by_text("Dự thảo", exact=True)).to_be_visible()
    page.get_by_label("Nội dung sửa đổi").fill("Điều chỉnh thời gian thẩm định.")
    page.get_by_role("button", name="Lưu nội dung sửa đổi").click()
    page.get_by_role("button", name="Phê duyệt và ban hành").click()
    expect(page.get_by_text("Đã phê duyệt và ban hành quy trình.")).to_be_visible()

    page.goto(f"/chat-luong/ban/{first.pk}/")
    expect(page.get_by_text("Hết hiệu lực", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Phê duyệt và ban hành")).to_have_count(0)
    expect(page.get_by_role("button", name="Lưu nội dung sửa đổi")).to_have_count(0)
    assert list(Edition.objects.order_by("number").values_list("status", flat=True)) == [
        "superseded",
        "approved",
    ]

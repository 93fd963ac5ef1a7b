"""A citizen's whole online path in Chromium, from registering to the result.

Register and confirm the e-mail → find "đăng ký khai sinh" typed without
diacritics → apply online with the birth e-form and two files → pay the
charge in the sandbox bank → reception asks for a supplement → the citizen
uploads it → the commune processes and returns the result online → the
citizen downloads it and rates the service. See egov/platform/web/tests/conftest.py
for how Chromium runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.dossiers.tests.test_browser_path import DESKTOP, log_out
from egov.onestop.dossiers.tests.test_browser_path import shoot as shoot_both
from egov.onestop.eforms.demo_forms import load_demo_forms
from egov.onestop.payments.models import Payment, PaymentStatus
from egov.onestop.portal.models import Rating, StoredResult
from egov.onestop.portal.tests.conftest import PDF, RESULT
from egov.onestop.procedures.models import OnlineClass
from egov.platform.notifications.outbox import send_due
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in, too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

EMAIL = "mai.nguyen@example.vn"
CITIZEN_PASSWORD = "Lua-chin-vang-2026"


@pytest.fixture
def birth_online(desk: Desk, settings: Settings, tmp_path: Path) -> Desk:
    """The desk's birth registration offered online with its demo e-form and a charge."""
    settings.MEDIA_ROOT = tmp_path
    settings.PAYMENT_GATEWAY = "sandbox"
    procedure = desk.procedure
    procedure.channel_online = True
    procedure.online_class = OnlineClass.FULL
    # The charge for a late registration, so that something is paid online.
    procedure.charge_vnd = 8000
    procedure.save()
    assert load_demo_forms() == 1
    return desk


def files(tmp_path: Path) -> tuple[Path, Path]:
    declaration = tmp_path / "to-khai.pdf"
    declaration.write_bytes(PDF)
    certificate = tmp_path / "giay-chung-sinh.pdf"
    certificate.write_bytes(PDF + b"chung sinh")
    return declaration, certificate


def shoot(page: Page, name: str) -> None:
    """Desktop and phone screenshots; neither may scroll sideways."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= DESKTOP["width"], (
        f"{name} is {width}px wide: {too_wide(page, DESKTOP['width'])}"
    )
    shoot_both(page, name)


def citizen_logs_in(page: Page) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("E-mail hoặc số điện thoại").fill(EMAIL)
    page.get_by_label("Mật khẩu").fill(CITIZEN_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_a_citizen_applies_pays_supplements_and_downloads_the_result(
    province: Province,
    cast: Cast,
    birth_online: Desk,
    settings: Settings,
    live_server: LiveServer,
    tmp_path: Path,
    page: Page,
) -> None:
    settings.PUBLIC_URL = live_server.url
    declaration, certificate = files(tmp_path)
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})

    # A citizen registers with an e-mail address and confirms it
    page.goto("/tai-khoan/dang-ky/")
    page.get_by_label("Họ và tên (hoặc tên doanh nghiệp)").fill("Nguyễn Thị Mai")
    page.get_by_label("E-mail hoặc số điện thoại").fill(EMAIL)
    page.get_by_label("Số định danh cá nhân (CCCD, không bắt buộc)").fill("072190004321")
    page.get_by_label("Mật khẩu", exact=True).fill(CITIZEN_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(CITIZEN_PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra hộp thư của bạn")
    send_due()  # what the worker does next: requests only queue e-mails
    [confirmation] = [m for m in mail.outbox if m.to == [EMAIL]]
    link = re.search(r"http://\S+/tai-khoan/xac-nhan-email/\S+/", str(confirmation.body))
    assert link is not None
    page.goto(link.group(0))
    page.get_by_role("button", name="Xác nhận").click()
    citizen_logs_in(page)

    # finds the birth registration by typing without diacritics
    page.goto("/thu-tuc/")
    page.get_by_role("searchbox").fill("dang ky khai sinh")
    page.keyboard.press("Enter")
    page.get_by_role("link", name=re.compile("đăng ký khai sinh", re.IGNORECASE)).first.click()
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url("**/dich-vu-cong/nop/1.001193/")

    # sees the charge before anything is sent, and the form prefilled from the account
    expect(page.locator("#fees")).to_have_text("Phí, lệ phí: 8.000 đồng")
    expect(page.get_by_label("Cơ quan giải quyết")).to_have_value(str(province.long_an.pk))
    expect(page.locator("[name=f_requester_name]")).to_have_value("Nguyễn Thị Mai")
    expect(page.locator("[name=f_requester_id_number]")).to_have_value("072190004321")
    # fills the rest of the birth declaration
    page.locator("[name=f_requester_phone]").fill("0987654321")
    page.locator("[name=f_requester_address]").fill("Khu phố 3, Phường Long An")
    page.locator("[name=f_requester_unit]").select_option(label="Phường Long An")
    page.locator("[name=f_relationship]").select_option(label="Mẹ")
    page.locator("[name=f_child_name]").fill("Trần Gia Bảo")
    page.locator("[name=f_child_sex][value=nam]").check()
    page.locator("[name=f_child_birth_date]").fill("20/02/2026")
    page.locator("[name=f_child_birth_place]").fill("Bệnh viện Đa khoa tỉnh Tây Ninh")
    page.locator("[name=f_child_hometown]").fill("Phường Long An, Tỉnh Tây Ninh")
    page.locator("[name=f_mother_name]").fill("Nguyễn Thị Mai")
    page.locator("[name=f_mother_birth_date]").fill("1995-04-12")
    page.locator("[name=f_mother_address]").fill("Khu phố 3, Phường Long An")
    page.locator("[name=f_declaration]").check()
    # uploads one file and saves a draft
    page.get_by_label("Tờ khai đăng ký khai sinh").set_input_files(declaration)
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_url(re.compile(r"/dich-vu-cong/nhap/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("Đã lưu nháp.")
    expect(page.locator(".attached")).to_have_text(["✓ Đã đính kèm: tệp PDF"])
    shoot(page, "portal-apply")
    # comes back to the draft, adds the birth certificate and submits
    page.get_by_label("Giấy chứng sinh").set_input_files(certificate)
    page.get_by_role("button", name="Nộp hồ sơ").click()

    # The sandbox bank asks for the 8.000 đồng; the citizen pays
    page.wait_for_url("**/thanh-toan/sandbox-bank/**")
    shoot(page, "portal-sandbox-bank")
    page.get_by_role("button", name="Thanh toán", exact=True).click()
    expect(page.get_by_role("heading", name="Thanh toán thành công")).to_be_visible()
    page.get_by_role("link", name="Về trang hồ sơ").click()
    expect(page.locator("#status")).to_have_text("Mới đăng ký")
    dossier = Dossier.objects.get()
    assert (dossier.channel, dossier.status) == (Channel.ONLINE, DossierStatus.NEW)
    assert dossier.form_data["child_name"] == "Trần Gia Bảo"
    assert Payment.objects.get().status == PaymentStatus.PAID
    citizen_page = page.url
    log_out(page)

    # Reception finds it waiting at the desk and asks for a supplement
    log_in(page, cast.reception.username, PASSWORD)
    page.goto("/ho-so/")
    page.get_by_role("link", name="Nguyễn Thị Mai").click()
    expect(page.locator("#online-form")).to_contain_text("Trần Gia Bảo")
    shoot(page, "portal-staff-online-dossier")
    supplement = page.locator("details", has=page.locator("summary", has_text="Yêu cầu bổ sung"))
    supplement.locator("summary").click()
    supplement.get_by_label("Giấy tờ cần bổ sung (mỗi dòng một loại)").fill(
        "Giấy chứng sinh bản chụp rõ nét"
    )
    supplement.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(page.locator("#status")).to_have_text("Yêu cầu bổ sung")
    staff_page = page.url
    log_out(page)

    # The citizen reads the request on their dossier and uploads the file
    citizen_logs_in(page)
    page.goto("/dich-vu-cong/")
    shoot(page, "portal-my-dossiers")
    page.goto(citizen_page)
    expect(page.locator("#messages")).to_contain_text("Giấy chứng sinh bản chụp rõ nét")
    shoot(page, "portal-supplement")
    page.locator("#supplement").get_by_label("Giấy chứng sinh").set_input_files(certificate)
    page.get_by_role("button", name="Gửi bổ sung").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi giấy tờ bổ sung.")
    expect(page.locator("#status")).to_have_text("Mới đăng ký")
    log_out(page)

    # Reception accepts; the commune processes and approves
    log_in(page, cast.reception.username, PASSWORD)
    page.goto(staff_page)
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.locator("#status")).to_have_text("Được tiếp nhận")
    page.get_by_role("button", name="Chuyển xử lý").click()
    log_out(page)
    log_in(page, cast.specialist.username, PASSWORD)
    page.goto(staff_page)
    page.get_by_role("button", name="Nhận xử lý").click()
    page.get_by_role("button", name="Chuyển xử lý").click()
    log_out(page)
    log_in(page, birth_online.commune_leader.username, PASSWORD)
    page.goto(staff_page)
    page.get_by_role("button", name="Phê duyệt").click()
    log_out(page)
    # and reception records the signed result and returns it online
    result = tmp_path / "giay-khai-sinh.pdf"
    result.write_bytes(RESULT)
    log_in(page, cast.reception.username, PASSWORD)
    page.goto(staff_page)
    page.get_by_label("Số kết quả").fill("125/2026")
    page.get_by_label("Người ký").fill("Trương Công Danh")
    page.get_by_label("Tệp kết quả").set_input_files(result)
    page.get_by_role("button", name="Ghi nhận kết quả").click()
    expect(page.locator("#status")).to_have_text("Đã xử lý xong")
    page.get_by_label("Hình thức trả").select_option(label="Trực tuyến")
    page.get_by_role("button", name="Trả kết quả").click()
    expect(page.locator("#status")).to_have_text("Đã trả kết quả")
    log_out(page)

    # The citizen downloads the result, finds it in their store, and rates the service
    citizen_logs_in(page)
    page.goto(citizen_page)
    expect(page.locator("#status")).to_have_text("Đã trả kết quả")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải kết quả").click()
    assert Path(download.value.path()).read_bytes() == RESULT
    page.get_by_label("Hài lòng", exact=True).check()
    page.get_by_label("Góp ý").fill("Nhanh, không phải đi lại.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("#rating")).to_contain_text("Bạn đã đánh giá: Hài lòng")
    shoot(page, "portal-dossier-returned")
    page.goto("/dich-vu-cong/kho-ket-qua/")
    expect(page.locator("#stored")).to_contain_text("số 125/2026")
    shoot(page, "portal-store")
    assert StoredResult.objects.get().dossier == dossier
    assert Rating.objects.get().value == "satisfied"

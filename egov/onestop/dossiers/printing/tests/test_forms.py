"""Forms 01-07 through the views: the PDF carries the dossier's own data."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import segno
import time_machine
from django.http import HttpResponse, HttpResponseBase
from django.test import Client
from django.urls import reverse
from pypdf.generic import ContentStream

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.printing.forms import receipt
from egov.onestop.dossiers.printing.qr import tracking_url
from egov.onestop.dossiers.printing.render import render_pdf
from egov.onestop.dossiers.printing.tests.conftest import VN
from egov.onestop.dossiers.printing.tests.pdf import fonts, reader, text
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.audit.models import AuditEvent

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"
APPLICANT = [
    "Người nộp hồ sơ: Trần Văn An",
    "Địa chỉ: Khu phố 1, Phường Long An, Tỉnh Tây Ninh",
    "Số điện thoại: 0912345678 Thư điện tử: an.tran@example.vn",
    "Thủ tục: Thủ tục đăng ký khai sinh",
]


def form_url(dossier: Dossier, number: str) -> str:
    return reverse("printing:dossier_form", kwargs={"pk": dossier.pk, "number": number})


def assert_pdf(response: HttpResponseBase, filename: str) -> str:
    """The response is an inline PDF with every font embedded; returns its text."""
    assert isinstance(response, HttpResponse)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert response["Cache-Control"] == "private, no-store"
    embedded = fonts(response.content)
    # Subsets are named "ABCDEF+DejaVu-Serif"; each one's program is in the file.
    assert {name.split("+", 1)[1] for name in embedded} >= {"DejaVu-Serif", "DejaVu-Serif-Bold"}
    assert all(embedded.values()), embedded
    return text(response.content)


def test_01_receipt_and_appointment(client: Client, cast: Cast, accepted: Dossier) -> None:
    response = login(client, cast.reception).get(form_url(accepted, "01"))

    content = assert_pdf(response, "01-001.01.30.H53-260209-0001.pdf")
    assert accepted.code == "001.01.30.H53-260209-0001"
    for expected in [
        NATIONAL,
        "PHƯỜNG LONG AN TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG LONG AN",
        "Mã hồ sơ: 001.01.30.H53-260209-0001",
        "Long An, ngày 09 tháng 02 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "tiếp nhận hồ sơ của: Trần Văn An",
        "Địa chỉ: Khu phố 1, Phường Long An, Tỉnh Tây Ninh",
        "Số điện thoại: 0912345678 Thư điện tử: an.tran@example.vn",
        "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh",
        "TT Tên giấy tờ Bản chính Bản sao 1 Tờ khai đăng ký khai sinh 1 0 "
        "2 Giấy chứng sinh 1 0 2. Số lượng hồ sơ",
        "3. Thời gian giải quyết hồ sơ theo quy định: 5 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 09 tháng 02 năm 2026",
        # Five working days, skipping the Tết holiday week (16-20 February 2026).
        "5. Thời gian trả kết quả: 08 giờ 00 phút, ngày 23 tháng 02 năm 2026",
        f"Mã tra cứu: {accepted.tracking_secret}",
        "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Thị Thu Hà",
    ]:
        assert expected in content
    # Only the documents ticked as received are listed.
    assert "Văn bản ủy quyền" not in content


def _drawn_subpaths(pdf: bytes) -> int:
    page = reader(pdf).pages[0]
    operations = ContentStream(page.get_contents(), page.pdf).operations
    return Counter(op for _operands, op in operations)[b"m"]


def test_01_carries_the_qr_code_as_vector_paths(accepted: Dossier) -> None:
    form = receipt(accepted)
    with_qr = render_pdf(form.template, {**form.context, "form": form})
    without_qr = render_pdf(form.template, {**form.context, "form": form, "qr": ""})

    # segno writes each horizontal run of dark modules as one sub-path, and
    # WeasyPrint opens every SVG path with a move to its origin (0 0).
    matrix = segno.make(tracking_url(accepted), error="m", boost_error=False).matrix
    runs = sum(
        1 for row in matrix for i, dark in enumerate(row) if dark and (i == 0 or not row[i - 1])
    )
    assert runs > 100
    assert _drawn_subpaths(with_qr) - _drawn_subpaths(without_qr) == runs + 1


def test_02_supplement_request(client: Client, cast: Cast, supplemented: Dossier) -> None:
    response = login(client, cast.specialist).get(form_url(supplemented, "02"))

    content = assert_pdf(response, f"02-{supplemented.code}.pdf")
    for expected in [
        NATIONAL,
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {supplemented.code}",
        *APPLICANT,
        "TT Nội dung cần bổ sung, hoàn thiện 1 Bản sao Giấy chứng nhận kết hôn "
        "2 Giấy chứng sinh bản chính",
        "Lý do: Tờ khai ghi sai ngày sinh của người mẹ.",
        "Thời điểm yêu cầu: 11 giờ 00 phút, ngày 09 tháng 02 năm 2026",
        "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên) Lý Văn Tài",
    ]:
        assert expected in content


def test_02_at_reception_has_no_code_yet(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(
        desk,
        cast,
        province,
        outcome="supplement",
        received_document_ids=[desk.documents[0].pk],
        items=["Giấy chứng sinh"],
    )

    response = login(client, cast.reception).get(form_url(dossier, "02"))

    content = assert_pdf(response, f"02-ho-so-{dossier.pk}.pdf")
    assert "Mã hồ sơ: (chưa cấp mã)" in content
    assert "1 Giấy chứng sinh" in content


def test_03_refusal(client: Client, cast: Cast, refused: Dossier) -> None:
    response = login(client, cast.reception).get(form_url(refused, "03"))

    content = assert_pdf(response, f"03-ho-so-{refused.pk}.pdf")
    for expected in [
        NATIONAL,
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        *APPLICANT,
        "với lý do cụ thể như sau: Trẻ đã được đăng ký khai sinh tại Phường Tân Ninh.",
    ]:
        assert expected in content


def test_04_apology_and_new_appointment(client: Client, cast: Cast, apologised: Dossier) -> None:
    response = login(client, cast.reception).get(form_url(apologised, "04"))

    content = assert_pdf(response, f"04-{apologised.code}.pdf")
    for expected in [
        NATIONAL,
        "TỈNH TÂY NINH PHƯỜNG LONG AN",
        "Long An, ngày 13 tháng 02 năm 2026",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {apologised.code}",
        *APPLICANT,
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày 23 tháng 02 năm 2026.",
        "Lý do: Chờ xác minh thông tin hộ tịch tại nơi cư trú cũ.",
        "trả kết quả giải quyết hồ sơ cho ông/bà vào: 16 giờ 30 phút, ngày 26 tháng 02 năm 2026.",
        "Người lập phiếu: Nguyễn Thị Thu Hà",
    ]:
        assert expected in content


def test_05_notice_of_stopping(client: Client, cast: Cast, desk: Desk, stopped: Dossier) -> None:
    response = login(client, desk.commune_leader).get(form_url(stopped, "05"))

    content = assert_pdf(response, f"05-{stopped.code}.pdf")
    for expected in [
        NATIONAL,
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {stopped.code}",
        *APPLICANT,
        "Phường Long An thông báo dừng giải quyết hồ sơ nêu trên từ "
        "10 giờ 15 phút, ngày 09 tháng 02 năm 2026, với lý do: Vụ việc đang có tranh chấp.",
    ]:
        assert expected in content


def test_06_process_control_slip(client: Client, cast: Cast, returned: Dossier) -> None:
    response = login(client, cast.specialist).get(form_url(returned, "06"))

    content = assert_pdf(response, f"06-{returned.code}.pdf")
    assert len(reader(response.content).pages) == 1
    for expected in [
        NATIONAL,
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"mã hồ sơ {returned.code}",
        "Người nộp hồ sơ: Trần Văn An Thủ tục: Thủ tục đăng ký khai sinh",
        "Trạng thái hồ sơ: Đã trả kết quả; kết thúc lúc 09 giờ 00 phút, "
        "ngày 10 tháng 02 năm 2026; kết quả: Trước hạn.",
        "1 Tiếp nhận hồ sơ Nguyễn Thị Thu Hà Trung tâm Phục vụ hành chính công phường Long An "
        "Nguyễn Thị Thu Hà 08:00 09/02/2026 2",
        "2 Tiếp nhận hồ sơ Chuyển xử lý Nguyễn Thị Thu Hà Phường Long An Lý Văn Tài "
        "09:00 09/02/2026 13:45 09/02/2026 Đúng hạn",
        "3 Thẩm định hồ sơ Chuyển xử lý Lý Văn Tài Phường Long An Trương Công Danh "
        "10:00 09/02/2026 14:45 12/02/2026 Trước hạn",
        "4 Lãnh đạo ký duyệt Phê duyệt Trương Công Danh Trung tâm Phục vụ hành chính công "
        "phường Long An Nguyễn Thị Thu Hà 08:00 10/02/2026 10:00 10/02/2026 Đúng hạn",
        "5 Trả kết quả Trả kết quả Nguyễn Thị Thu Hà Trần Văn An 08:00 11/02/2026",
    ]:
        assert expected in content


def test_07_register_of_a_unit_for_a_period(
    client: Client,
    desk: Desk,
    cast: Cast,
    province: Province,
    returned: Dossier,
    stopped: Dossier,
) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 8, 0, tzinfo=VN), tick=False):
        march = receive(desk, cast, province)
    url = reverse("printing:register", kwargs={"unit_id": province.long_an.pk})

    with time_machine.travel(datetime(2026, 3, 5, 10, 0, tzinfo=VN), tick=False):
        response = login(client, cast.admin).get(url, {"tu": "2026-02-01", "den": "2026-02-28"})

    filename = f"07-so-theo-doi-{province.long_an.pk}-20260201-20260228.pdf"
    content = assert_pdf(response, filename)
    assert reader(response.content).pages[0].mediabox.width > 800  # A4 landscape: 842 pt
    for expected in [
        NATIONAL,
        "TỈNH TÂY NINH PHƯỜNG LONG AN",
        "Long An, ngày 05 tháng 03 năm 2026",
        "SỔ THEO DÕI HỒ SƠ Từ ngày 01 tháng 02 năm 2026 đến ngày 28 tháng 02 năm 2026",
        f"1 {returned.code} Trần Văn An Khu phố 1, Phường Long An, Tỉnh Tây Ninh · 0912345678 "
        "Thủ tục đăng ký khai sinh Phường Long An 08:00 09/02/2026 08:00 23/02/2026 "
        "09:00 10/02/2026 Đã trả kết quả Trước hạn",
        f"2 {stopped.code} Trần Văn An Khu phố 1, Phường Long An, Tỉnh Tây Ninh · 0912345678 "
        "Thủ tục đăng ký khai sinh Phường Long An 08:00 09/02/2026 08:00 23/02/2026 "
        "10:15 09/02/2026 Dừng xử lý Trước hạn",
        "Tổng số: 2 hồ sơ; trước hạn: 2; đúng hạn: 0; quá hạn: 0; chưa kết thúc: 0.",
    ]:
        assert expected in content
    assert march.code is not None
    assert march.code not in content


def test_07_register_of_a_unit_without_dossiers(
    client: Client, cast: Cast, province: Province, returned: Dossier
) -> None:
    url = reverse("printing:register", kwargs={"unit_id": province.tan_ninh.pk})

    response = login(client, cast.outsider).get(url, {"tu": "2026-02-01", "den": "2026-02-28"})

    content = assert_pdf(response, f"07-so-theo-doi-{province.tan_ninh.pk}-20260201-20260228.pdf")
    assert "Không có hồ sơ nào trong khoảng thời gian này." in content
    assert returned.code is not None
    assert returned.code not in content


def test_printing_is_logged(client: Client, cast: Cast, accepted: Dossier) -> None:
    login(client, cast.reception).get(form_url(accepted, "01"))

    event = AuditEvent.objects.get(event_type="printing.form_printed")
    assert (event.actor, event.target_id, event.details) == (
        cast.reception,
        str(accepted.pk),
        {"form": "01", "code": accepted.code},
    )

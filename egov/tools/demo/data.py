"""The demo province: Tây Ninh (statistical code 80).

Units and communes are real (1027/CTK-CSCL). NOT VERIFIED: the agency
identifiers below follow the QCVN 102:2016 pattern but are placeholders, not
the identifiers the province was actually assigned; people are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

from egov.platform.accounts.models import AccountKind, Role

PROVINCE_CODE = "80"
PROVINCE_AGENCY_CODE = "000.00.00.H53"
DEMO_PASSWORD = "egov-demo-2026"  # noqa: S105 - printed to the demo user on purpose


@dataclass(frozen=True)
class DemoUnit:
    key: str
    name: str
    kind: str
    parent: str  # key of the parent, "province" or a commune statistical code
    agency_code: str


PROVINCIAL_UNITS = [
    DemoUnit(
        "tthcc",
        "Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
        "service_centre",
        "province",
        "000.00.01.H53",
    ),
    DemoUnit("stp", "Sở Tư pháp", "department", "province", "000.00.12.H53"),
    DemoUnit("snnmt", "Sở Nông nghiệp và Môi trường", "department", "province", "000.00.13.H53"),
    DemoUnit("stc", "Sở Tài chính", "department", "province", "000.00.14.H53"),
]

# Real communes of Tây Ninh after 1 July 2025, by statistical code.
DEMO_COMMUNES = {
    "27694": "000.01.30.H53",  # Phường Long An
    "25459": "000.02.30.H53",  # Phường Tân Ninh
    "25708": "000.03.30.H53",  # Phường Trảng Bàng
    "25645": "000.04.30.H53",  # Phường Hòa Thành
    "27727": "000.05.30.H53",  # Xã Hưng Điền
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    kind: AccountKind
    roles: tuple[tuple[str, Role], ...] = ()  # (unit key, role)
    superuser: bool = False
    id_number: str | None = None
    phone: str = ""
    email: str = ""


DEMO_ACCOUNTS = [
    DemoAccount(
        "quantri", "Lê Minh Quân", AccountKind.STAFF, (("province", Role.ADMINISTRATOR),), True
    ),
    DemoAccount("lanhdao", "Phạm Văn Hùng", AccountKind.STAFF, (("province", Role.LEADER),)),
    DemoAccount("vanthu", "Võ Thị Lan", AccountKind.STAFF, (("province", Role.CLERK),)),
    DemoAccount("tiepnhan", "Nguyễn Thị Thu Hà", AccountKind.STAFF, (("tthcc", Role.RECEPTION),)),
    DemoAccount("chuyenvien", "Trần Quốc Bảo", AccountKind.STAFF, (("stp", Role.SPECIALIST),)),
    DemoAccount("truongphong", "Đặng Thị Mai", AccountKind.STAFF, (("stp", Role.HEAD),)),
    DemoAccount(
        "chuyenvien.nnmt", "Võ Minh Triết", AccountKind.STAFF, (("snnmt", Role.SPECIALIST),)
    ),
    DemoAccount(
        "tiepnhan.longan",
        "Huỳnh Thị Ngọc",
        AccountKind.STAFF,
        (("centre:27694", Role.RECEPTION),),
    ),
    DemoAccount(
        "chuyenvien.longan",
        "Lý Văn Tài",
        AccountKind.STAFF,
        (("27694", Role.SPECIALIST), ("centre:27694", Role.RECEPTION)),
    ),
    DemoAccount("lanhdao.longan", "Trương Công Danh", AccountKind.STAFF, (("27694", Role.LEADER),)),
    DemoAccount(
        "chuyenvien.tanninh", "Bùi Thị Hồng", AccountKind.STAFF, (("25459", Role.SPECIALIST),)
    ),
    # Delegated administration (issue 19): each manages their own commune only.
    DemoAccount(
        "quantri.longan", "Phan Thanh Sơn", AccountKind.STAFF, (("27694", Role.ADMINISTRATOR),)
    ),
    DemoAccount(
        "quantri.tanninh", "Mai Thị Thanh", AccountKind.STAFF, (("25459", Role.ADMINISTRATOR),)
    ),
    DemoAccount(
        "congdan1",
        "Trần Văn An",
        AccountKind.CITIZEN,
        id_number="072090001234",
        phone="0912345678",
        email="an.tran@example.vn",
    ),
    DemoAccount(
        "congdan2",
        "Nguyễn Thị Bích",
        AccountKind.CITIZEN,
        id_number="072195005678",
        phone="0987654321",
        email="bich.nguyen@example.vn",
    ),
    DemoAccount(
        "doanhnghiep1",
        "Công ty TNHH Nông sản Tây Ninh",
        AccountKind.BUSINESS,
        phone="02763812345",
        email="lienhe@nongsantayninh.example.vn",
    ),
]

# Amounts the provincial council sets (phí, lệ phí in đồng), entered for the
# whole province. NOT VERIFIED: illustrative figures in the usual range, not
# Tây Ninh's resolution; a real province enters its own in the admin.
DEMO_COUNCIL_RESOLUTION = "Nghị quyết của HĐND tỉnh (số liệu minh họa, chưa kiểm chứng)"
DEMO_COUNCIL_FEES: dict[str, tuple[int, int]] = {
    "1.000689": (0, 15000),  # khai sinh kết hợp nhận cha, mẹ, con
    "1.004873": (0, 15000),  # xác nhận tình trạng hôn nhân
    "1.004884": (0, 10000),  # đăng ký lại khai sinh
    "1.004746": (0, 30000),  # đăng ký lại kết hôn
    "1.005461": (0, 10000),  # đăng ký lại khai tử
    "1.001612": (0, 100000),  # thành lập hộ kinh doanh
    "2.000720": (0, 50000),  # thay đổi nội dung đăng ký hộ kinh doanh
    "1.013225": (0, 75000),  # giấy phép xây dựng nhà ở riêng lẻ
    "1.013831": (0, 30000),  # đăng ký biến động đất đai
    "1.012786": (0, 50000),  # cấp lại Giấy chứng nhận
    "1.012784": (100000, 0),  # tách thửa, hợp thửa (phí thẩm định)
}

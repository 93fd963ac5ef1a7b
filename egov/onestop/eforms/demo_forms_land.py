"""Demo forms of construction and land.

Construction permit for a detached house: Đơn đề nghị cấp giấy phép xây dựng
(form 01, annex II of Decree 175/2024/NĐ-CP). Land: Đơn đăng ký biến động đất
đai, tài sản gắn liền với đất (form 11/ĐK, Decree 101/2024/NĐ-CP). The
fields follow those forms; the limits (heights, areas) are sanity bounds of
the demo, not legal ones.
"""

from __future__ import annotations

from egov.onestop.eforms.demo_fields import (
    JSON,
    REQUESTER_SECTION,
    choice,
    commune,
    count,
    date,
    declaration,
    id_number,
    measure,
    requester,
    schema,
    text,
)

BUILDING_SCHEMA = schema(
    {
        **requester(with_address=True),
        "plot_number": text("Thửa đất số", 20),
        "map_sheet": text("Tờ bản đồ số", 20),
        "plot_area": measure("Diện tích lô đất (m²)", 100_000),
        "site_address": text(
            "Địa điểm xây dựng", 255, description="Số nhà, đường, ấp/khu phố nơi xây dựng."
        ),
        "site_unit": commune(),
        "land_certificate": text(
            "Giấy chứng nhận quyền sử dụng đất số",
            60,
            description="Số phát hành (số sê-ri) ghi trên trang 1 của Giấy chứng nhận.",
        ),
        "designer": text(
            "Tổ chức, cá nhân thiết kế",
            255,
            description="Ghi “Tự thiết kế” nếu nhà dưới 3 tầng, tổng diện tích sàn dưới 250 m² "
            "do hộ gia đình tự thiết kế.",
        ),
        "designer_licence": text("Số chứng chỉ hành nghề của người thiết kế", 60),
        "building_class": choice(
            "Cấp công trình", ["cap_iii", "cap_iv", "khac"], ["Cấp III", "Cấp IV", "Cấp khác"]
        ),
        "ground_area": measure("Diện tích xây dựng tầng 1 (m²)", 10_000),
        "floor_area": measure("Tổng diện tích sàn (m²)", 100_000),
        "height": measure("Chiều cao công trình (m)", 200),
        "floors": count(
            "Số tầng",
            1,
            50,
            description="Gồm tầng hầm, tầng lửng, tum (nếu có).",
        ),
        "start_date": date("Dự kiến khởi công"),
        "months": count("Thời gian thi công dự kiến (tháng)", 1, 120),
        "declaration": declaration(
            "Tôi xin cam kết làm theo đúng giấy phép được cấp, nếu sai tôi xin hoàn toàn chịu "
            "trách nhiệm và bị xử lý theo quy định của pháp luật."
        ),
    },
    [
        "requester_name",
        "requester_id_number",
        "requester_phone",
        "requester_address",
        "requester_unit",
        "plot_number",
        "map_sheet",
        "plot_area",
        "site_address",
        "site_unit",
        "land_certificate",
        "designer",
        "ground_area",
        "floor_area",
        "height",
        "floors",
        "declaration",
    ],
)
BUILDING_LAYOUT: JSON = {
    "sections": [
        {**REQUESTER_SECTION, "title": "Chủ đầu tư"},
        {
            "title": "Địa điểm xây dựng",
            "fields": [
                "plot_number",
                "map_sheet",
                "plot_area",
                "land_certificate",
                {"name": "site_address", "wide": True},
                {"name": "site_unit", "widget": "unit"},
            ],
        },
        {
            "title": "Nội dung đề nghị cấp phép: nhà ở riêng lẻ",
            "fields": [
                {"name": "designer", "wide": True},
                "designer_licence",
                "building_class",
                "ground_area",
                "floor_area",
                "height",
                "floors",
                "start_date",
                "months",
            ],
        },
        {"title": "Cam kết", "fields": ["declaration"]},
    ]
}

LAND_SCHEMA = schema(
    {
        **requester(with_address=True),
        "certificate_serial": text(
            "Số phát hành Giấy chứng nhận",
            20,
            pattern=r"^[A-Z]{2} ?\d{6,8}$",
            description="Hai chữ cái in hoa và các chữ số, ví dụ: AA 01234567.",
            **{"x-message": "Số phát hành gồm hai chữ cái in hoa và 6 đến 8 chữ số."},
        ),
        "certificate_book": text("Số vào sổ cấp Giấy chứng nhận", 30),
        "certificate_date": date("Ngày cấp Giấy chứng nhận", **{"x-not-future": True}),
        "plot_number": text("Thửa đất số", 20),
        "map_sheet": text("Tờ bản đồ số", 20),
        "plot_address": text("Địa chỉ thửa đất", 255),
        "plot_unit": commune(),
        "plot_area": measure("Diện tích (m²)", 10_000_000),
        "change": choice(
            "Nội dung biến động",
            ["chuyen_nhuong", "thua_ke", "tang_cho", "chuyen_doi", "gop_von"],
            ["Chuyển nhượng", "Thừa kế", "Tặng cho", "Chuyển đổi", "Góp vốn"],
        ),
        "contract_date": date(
            "Ngày công chứng, chứng thực hợp đồng (văn bản)", **{"x-not-future": True}
        ),
        "receiver_name": text("Họ, chữ đệm, tên bên nhận quyền"),
        "receiver_id_number": id_number("Số định danh cá nhân của bên nhận quyền"),
        "receiver_address": text("Địa chỉ bên nhận quyền", 255),
        "new_certificate": {
            "type": "boolean",
            "title": "Đề nghị cấp Giấy chứng nhận mới cho bên nhận quyền",
            "default": True,
        },
        "declaration": declaration(
            "Tôi cam đoan nội dung kê khai trên đơn là đúng sự thật, nếu sai tôi hoàn toàn "
            "chịu trách nhiệm trước pháp luật."
        ),
    },
    [
        "requester_name",
        "requester_id_number",
        "requester_phone",
        "requester_address",
        "requester_unit",
        "certificate_serial",
        "certificate_date",
        "plot_number",
        "map_sheet",
        "plot_address",
        "plot_unit",
        "plot_area",
        "change",
        "contract_date",
        "receiver_name",
        "receiver_id_number",
        "declaration",
    ],
)
LAND_LAYOUT: JSON = {
    "sections": [
        {**REQUESTER_SECTION, "title": "Người sử dụng đất (bên chuyển quyền)"},
        {
            "title": "Giấy chứng nhận đã cấp",
            "fields": ["certificate_serial", "certificate_book", "certificate_date"],
        },
        {
            "title": "Thửa đất biến động",
            "fields": [
                "plot_number",
                "map_sheet",
                {"name": "plot_address", "wide": True},
                {"name": "plot_unit", "widget": "unit"},
                "plot_area",
            ],
        },
        {
            "title": "Nội dung biến động",
            "fields": [
                {"name": "change", "widget": "radio"},
                "contract_date",
                {"name": "receiver_name", "wide": True},
                "receiver_id_number",
                {"name": "receiver_address", "wide": True},
                "new_certificate",
            ],
        },
        {"title": "Cam đoan", "fields": ["declaration"]},
    ]
}

"""Demo forms of residence and of the business household.

Residence: form CT01, Tờ khai thay đổi thông tin cư trú (Circular
56/2021/TT-BCA as amended by Circular 66/2023/TT-BCA); the limits come from
the Residence Law 2020 (art. 27: temporary residence for at most two years
at a time). Business household: Giấy đề nghị đăng ký hộ kinh doanh (annex
III-1 of Circular 01/2021/TT-BKHĐT as amended); the name rule is Decree
01/2021/NĐ-CP, art. 88. NOT VERIFIED against the business forms published
in 2025.
"""

from __future__ import annotations

from typing import Any

from egov.onestop.eforms.demo_fields import (
    ETHNIC_GROUPS,
    JSON,
    birth_date,
    choice,
    commune,
    count,
    date,
    declaration,
    email,
    id_number,
    phone,
    schema,
    sex,
    text,
)

# Form CT01, items 1-9: the person whose residence changes (the citizen).
CT01_PERSON: JSON = {
    "person_name": text("Họ, chữ đệm và tên", **{"x-prefill": "full_name"}),
    "person_birth_date": birth_date() | {"x-prefill": "date_of_birth"},
    "person_sex": sex(),
    "person_id_number": id_number(**{"x-prefill": "id_number"}),
    "person_phone": phone(**{"x-prefill": "phone"}),
    "person_email": email(**{"x-prefill": "email"}),
    "head_name": text(
        "Họ, chữ đệm và tên chủ hộ",
        description="Chủ hộ nơi đăng ký; ghi tên mình nếu bạn là chủ hộ.",
    ),
    "head_relationship": text(
        "Mối quan hệ với chủ hộ", 60, description="Ví dụ: chủ hộ, con, vợ, cháu."
    ),
    "head_id_number": id_number("Số định danh cá nhân của chủ hộ"),
}
CT01_PERSON_FIELDS: list[Any] = [
    {"name": "person_name", "wide": True},
    "person_birth_date",
    {"name": "person_sex", "widget": "radio"},
    "person_id_number",
    {"name": "person_phone", "widget": "tel"},
    "person_email",
    {"name": "head_name", "wide": True},
    "head_relationship",
    "head_id_number",
]
CT01_REQUIRED = [
    "person_name",
    "person_birth_date",
    "person_sex",
    "person_id_number",
    "person_phone",
    "head_name",
    "head_relationship",
    "new_address",
    "new_unit",
    "basis",
    "declaration",
]
# Legal residence (Decree 154/2024/NĐ-CP, art. 5 lists the papers for each case).
BASIS = choice(
    "Chỗ ở hợp pháp",
    ["so_huu", "thue_muon", "nguoi_than", "khac"],
    [
        "Thuộc quyền sở hữu của tôi",
        "Thuê, mượn, ở nhờ",
        "Ở cùng người thân (chủ hộ đồng ý)",
        "Trường hợp khác",
    ],
)
CT01_DECLARATION = declaration(
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
    "pháp luật về lời khai của mình."
)
OWNER: JSON = {
    "owner_name": text("Họ, chữ đệm và tên chủ sở hữu chỗ ở hợp pháp"),
    "owner_id_number": id_number("Số định danh cá nhân của chủ sở hữu"),
    "owner_agrees": {
        "type": "boolean",
        "title": "Chủ hộ, chủ sở hữu chỗ ở đã đồng ý cho đăng ký (ý kiến ghi trên tờ khai "
        "hoặc văn bản riêng tải lên ở phần giấy tờ kèm theo)",
    },
}
OWNER_SECTION: JSON = {
    "title": "Ý kiến của chủ hộ, chủ sở hữu chỗ ở",
    "description": "Bỏ trống nếu chỗ ở thuộc quyền sở hữu của bạn.",
    "fields": [{"name": "owner_name", "wide": True}, "owner_id_number", "owner_agrees"],
}

PERMANENT_SCHEMA = schema(
    {
        **CT01_PERSON,
        "new_address": text(
            "Địa chỉ đề nghị đăng ký thường trú",
            255,
            description="Số nhà, đường, ấp/khu phố.",
        ),
        "new_unit": commune(),
        "basis": BASIS,
        "previous_address": text("Nơi thường trú trước đây", 255),
        "members": text(
            "Thành viên hộ gia đình cùng đăng ký",
            1000,
            description="Mỗi người một dòng: họ tên, ngày sinh, số định danh cá nhân, "
            "quan hệ với chủ hộ.",
        ),
        **OWNER,
        "declaration": CT01_DECLARATION,
    },
    CT01_REQUIRED,
    # The owner consents (Residence Law 2020, art. 20): say who, by name and number.
    dependentRequired={"owner_name": ["owner_id_number"]},
)
PERMANENT_LAYOUT: JSON = {
    "sections": [
        {
            "title": "Người đề nghị",
            "description": "Thông tin được điền sẵn từ tài khoản của bạn; kiểm tra và sửa nếu cần.",
            "fields": CT01_PERSON_FIELDS,
        },
        {
            "title": "Nội dung đề nghị: đăng ký thường trú",
            "fields": [
                {"name": "new_address", "wide": True},
                {"name": "new_unit", "widget": "unit"},
                {"name": "basis", "widget": "radio"},
                {"name": "previous_address", "wide": True},
                {"name": "members", "widget": "textarea"},
            ],
        },
        OWNER_SECTION,
        {"title": "Cam đoan", "fields": ["declaration"]},
    ]
}

TEMPORARY_SCHEMA = schema(
    {
        **CT01_PERSON,
        "new_address": text(
            "Địa chỉ đề nghị đăng ký tạm trú",
            255,
            description="Số nhà, đường, ấp/khu phố; số phòng nếu ở nhà trọ.",
        ),
        "new_unit": commune(),
        "basis": BASIS,
        "permanent_address": text("Nơi thường trú", 255),
        "start_date": date("Tạm trú từ ngày"),
        "months": count(
            "Thời hạn tạm trú (tháng)",
            1,
            24,
            **{"x-messages": {"maximum": "Mỗi lần đăng ký tạm trú tối đa 24 tháng."}},
        ),
        "reason": choice(
            "Lý do tạm trú",
            ["lao_dong", "hoc_tap", "gia_dinh", "khac"],
            ["Lao động, làm việc", "Học tập", "Sống cùng gia đình", "Lý do khác"],
        ),
        **OWNER,
        "declaration": CT01_DECLARATION,
    },
    [*CT01_REQUIRED, "permanent_address", "start_date", "months", "reason"],
    dependentRequired={"owner_name": ["owner_id_number"]},
)
TEMPORARY_LAYOUT: JSON = {
    "sections": [
        {
            "title": "Người đề nghị",
            "description": "Thông tin được điền sẵn từ tài khoản của bạn; kiểm tra và sửa nếu cần.",
            "fields": CT01_PERSON_FIELDS,
        },
        {
            "title": "Nội dung đề nghị: đăng ký tạm trú",
            "fields": [
                {"name": "new_address", "wide": True},
                {"name": "new_unit", "widget": "unit"},
                {"name": "basis", "widget": "radio"},
                {"name": "permanent_address", "wide": True},
                "start_date",
                "months",
                {"name": "reason", "widget": "radio"},
            ],
        },
        OWNER_SECTION,
        {"title": "Cam đoan", "fields": ["declaration"]},
    ]
}

NAME_MESSAGE = "Tên hộ kinh doanh phải bắt đầu bằng “Hộ kinh doanh”, ví dụ: Hộ kinh doanh Minh Anh."

BUSINESS_SCHEMA = schema(
    {
        "business_name": text(
            "Tên hộ kinh doanh",
            255,
            pattern=r"^Hộ kinh doanh\s+\S",
            description="Gồm “Hộ kinh doanh” và tên riêng; không trùng tên hộ kinh doanh "
            "khác trong cùng xã, phường.",
            **{"x-message": NAME_MESSAGE},
        ),
        "business_address": text(
            "Địa điểm kinh doanh", 255, description="Số nhà, đường, ấp/khu phố."
        ),
        "business_unit": commune(),
        "business_phone": phone("Điện thoại hộ kinh doanh"),
        "business_email": email("Thư điện tử hộ kinh doanh"),
        "activity": text(
            "Ngành, nghề kinh doanh",
            500,
            description="Ví dụ: Bán lẻ lương thực, thực phẩm (mã ngành 4722).",
        ),
        "capital_vnd": {
            "type": "integer",
            "title": "Vốn kinh doanh (đồng)",
            "minimum": 1,
            "maximum": 1_000_000_000_000,
        },
        "workers": count("Số lượng lao động", 0, 9999),
        "owner_name": text("Họ, chữ đệm và tên chủ hộ kinh doanh", **{"x-prefill": "full_name"}),
        "owner_birth_date": birth_date() | {"x-prefill": "date_of_birth"},
        "owner_sex": sex(),
        "owner_ethnicity": choice("Dân tộc", ETHNIC_GROUPS, default="Kinh"),
        "owner_nationality": text("Quốc tịch", 60, default="Việt Nam"),
        "owner_id_number": id_number(**{"x-prefill": "id_number"}),
        "owner_address": text("Nơi thường trú", 255, **{"x-prefill": "address"}),
        "owner_phone": phone(**{"x-prefill": "phone"}),
        "owner_email": email(**{"x-prefill": "email"}),
        "declaration": declaration(
            "Tôi cam kết: bản thân không thuộc diện bị cấm đăng ký hộ kinh doanh; trụ sở "
            "thuộc quyền sử dụng hợp pháp của hộ; chịu trách nhiệm trước pháp luật về tính "
            "hợp pháp, chính xác, trung thực của nội dung kê khai."
        ),
    },
    [
        "business_name",
        "business_address",
        "business_unit",
        "activity",
        "capital_vnd",
        "owner_name",
        "owner_birth_date",
        "owner_sex",
        "owner_ethnicity",
        "owner_nationality",
        "owner_id_number",
        "owner_address",
        "owner_phone",
        "declaration",
    ],
)
BUSINESS_LAYOUT: JSON = {
    "sections": [
        {
            "title": "Hộ kinh doanh",
            "fields": [
                {"name": "business_name", "wide": True},
                {"name": "business_address", "wide": True},
                {"name": "business_unit", "widget": "unit"},
                {"name": "business_phone", "widget": "tel"},
                "business_email",
                {"name": "activity", "widget": "textarea"},
                "capital_vnd",
                "workers",
            ],
        },
        {
            "title": "Chủ hộ kinh doanh",
            "description": "Thông tin được điền sẵn từ tài khoản của bạn; kiểm tra và sửa nếu cần.",
            "fields": [
                {"name": "owner_name", "wide": True},
                "owner_birth_date",
                {"name": "owner_sex", "widget": "radio"},
                "owner_ethnicity",
                "owner_nationality",
                "owner_id_number",
                {"name": "owner_address", "wide": True},
                {"name": "owner_phone", "widget": "tel"},
                "owner_email",
            ],
        },
        {"title": "Cam kết", "fields": ["declaration"]},
    ]
}

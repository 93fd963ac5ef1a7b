"""Demo forms of civil status beyond birth and marriage: death, copies of extracts.

Modelled on the declaration forms of Circular 04/2020/TT-BTP (Tờ khai đăng ký
khai tử; Tờ khai cấp bản sao trích lục hộ tịch).
"""

from __future__ import annotations

from egov.onestop.eforms.demo_fields import (
    ETHNIC_GROUPS,
    JSON,
    REQUESTER_SECTION,
    birth_date,
    choice,
    copies,
    date,
    declaration,
    id_number,
    requester,
    schema,
    sex,
    text,
)

TIME_MESSAGE = "Giờ chết ghi dạng giờ:phút, ví dụ 14:30."

DEATH_SCHEMA = schema(
    {
        **requester(with_address=True),
        "relationship": text(
            "Quan hệ với người đã chết",
            60,
            description="Ví dụ: con, vợ, chồng, anh, chị; hoặc đại diện cơ quan, tổ chức.",
        ),
        "deceased_name": text("Họ, chữ đệm, tên người đã chết"),
        "deceased_sex": sex(),
        "deceased_birth_date": birth_date(
            before="death_date",
            before_message="Ngày sinh phải trước ngày chết.",
        ),
        "deceased_ethnicity": choice("Dân tộc", ETHNIC_GROUPS, default="Kinh"),
        "deceased_nationality": text("Quốc tịch", 60, default="Việt Nam"),
        "deceased_id_number": id_number(),
        "deceased_address": text("Nơi cư trú cuối cùng", 255),
        "death_time": text(
            "Giờ chết",
            5,
            pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
            description="Dạng giờ:phút, ví dụ 14:30.",
            **{"x-message": TIME_MESSAGE},
        ),
        "death_date": date("Ngày, tháng, năm chết", **{"x-not-future": True}),
        "death_place": text("Nơi chết", 255),
        "death_cause": text("Nguyên nhân chết", 255),
        "notice_number": text("Số Giấy báo tử (hoặc giấy tờ thay thế)", 60),
        "notice_issuer": text("Cơ quan cấp Giấy báo tử", 255),
        "notice_date": date("Ngày cấp Giấy báo tử", **{"x-not-future": True}),
        "copies": copies("Số bản sao trích lục khai tử đề nghị cấp"),
        "declaration": declaration(
            "Tôi cam đoan nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
            "pháp luật về cam đoan của mình."
        ),
    },
    [
        "requester_name",
        "requester_id_number",
        "requester_phone",
        "requester_address",
        "requester_unit",
        "relationship",
        "deceased_name",
        "deceased_sex",
        "deceased_birth_date",
        "deceased_ethnicity",
        "deceased_nationality",
        "deceased_address",
        "death_date",
        "death_place",
        "death_cause",
        "notice_number",
        "notice_issuer",
        "copies",
        "declaration",
    ],
)
DEATH_LAYOUT: JSON = {
    "sections": [
        {**REQUESTER_SECTION, "fields": [*REQUESTER_SECTION["fields"], "relationship"]},
        {
            "title": "Người đã chết",
            "fields": [
                {"name": "deceased_name", "wide": True},
                {"name": "deceased_sex", "widget": "radio"},
                "deceased_birth_date",
                "deceased_ethnicity",
                "deceased_nationality",
                "deceased_id_number",
                {"name": "deceased_address", "wide": True},
            ],
        },
        {
            "title": "Việc chết",
            "fields": [
                "death_date",
                {"name": "death_time", "placeholder": "14:30", "inputmode": "numeric"},
                {"name": "death_place", "wide": True},
                {"name": "death_cause", "wide": True},
            ],
        },
        {
            "title": "Giấy báo tử",
            "description": "Bản chụp Giấy báo tử được tải lên ở phần giấy tờ kèm theo.",
            "fields": [
                "notice_number",
                "notice_date",
                {"name": "notice_issuer", "wide": True},
            ],
        },
        {"title": "Đề nghị và cam đoan", "fields": ["copies", "declaration"]},
    ]
}

EXTRACT_SCHEMA = schema(
    {
        **requester(with_address=True),
        "relationship": text(
            "Quan hệ với người được cấp trích lục",
            60,
            description="Ghi “bản thân” nếu xin cho chính mình.",
            default="Bản thân",
        ),
        "event": choice(
            "Đề nghị cấp bản sao trích lục về",
            ["khai_sinh", "ket_hon", "khai_tu", "nhan_cha_me_con", "thay_doi_ho_tich", "khac"],
            [
                "Khai sinh",
                "Kết hôn",
                "Khai tử",
                "Nhận cha, mẹ, con",
                "Thay đổi, cải chính, bổ sung hộ tịch",
                "Việc hộ tịch khác",
            ],
        ),
        "subject_name": text(
            "Họ, chữ đệm, tên người được cấp trích lục",
            description="Người có tên trong sổ hộ tịch (với kết hôn: một trong hai bên).",
            **{"x-prefill": "full_name"},
        ),
        "subject_birth_date": birth_date(),
        "registry_office": text(
            "Cơ quan đã đăng ký hộ tịch",
            255,
            description="Ví dụ: Ủy ban nhân dân phường Tân Ninh, tỉnh Tây Ninh.",
        ),
        "registration_number": text("Số đăng ký", 30),
        "registration_book": text("Quyển số", 30),
        "registration_date": date("Ngày đăng ký", **{"x-not-future": True}),
        "copies": {**copies("Số bản sao đề nghị cấp"), "minimum": 1},
        "purpose": text("Mục đích sử dụng", 500),
        "declaration": declaration(
            "Tôi cam đoan nội dung đề nghị trên đây là đúng sự thật và chịu trách nhiệm trước "
            "pháp luật về cam đoan của mình."
        ),
    },
    [
        "requester_name",
        "requester_id_number",
        "requester_phone",
        "requester_address",
        "requester_unit",
        "relationship",
        "event",
        "subject_name",
        "subject_birth_date",
        "registry_office",
        "copies",
        "declaration",
    ],
)
EXTRACT_LAYOUT: JSON = {
    "sections": [
        {**REQUESTER_SECTION, "fields": [*REQUESTER_SECTION["fields"], "relationship"]},
        {
            "title": "Nội dung đề nghị",
            "description": "Ghi số, quyển số, ngày đăng ký nếu biết, để tìm sổ nhanh hơn.",
            "fields": [
                {"name": "event", "widget": "radio"},
                {"name": "subject_name", "wide": True},
                "subject_birth_date",
                {"name": "registry_office", "wide": True},
                "registration_number",
                "registration_book",
                "registration_date",
                "copies",
                {"name": "purpose", "widget": "textarea"},
            ],
        },
        {"title": "Cam đoan", "fields": ["declaration"]},
    ]
}

"""Demo forms for three procedures of the demo catalogue.

Modelled on the declaration forms of Circular 04/2020/TT-BTP (civil status:
birth and marriage registration) and on the request for a certified copy
(Decree 23/2015/NĐ-CP). `load_demo_forms()` adds the ones that are missing
and never overwrites a form an administrator has edited.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.services import save_form_definition
from egov.onestop.procedures.models import Procedure

JSON = dict[str, Any]

# The 54 ethnic groups of Viet Nam (General Statistics Office list).
ETHNIC_GROUPS = [
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai",
    "Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai",
    "Mnông", "Thổ", "Xtiêng", "Khơ Mú", "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ",
    "Giẻ - Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "Kháng",
    "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô", "Mảng", "Cơ Lao",
    "Bố Y", "Cống", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
]  # fmt: skip
ID_NUMBER_MESSAGE = "Số định danh cá nhân gồm đúng 12 chữ số."
PHONE_MESSAGE = "Số điện thoại gồm 10 chữ số, bắt đầu bằng số 0."


def text(title: str, max_length: int = 100, /, **extra: Any) -> JSON:
    return {"type": "string", "title": title, "maxLength": max_length, **extra}


def date(title: str, **extra: Any) -> JSON:
    return {"type": "string", "format": "date", "title": title, **extra}


def choice(title: str, values: list[str], titles: list[str] | None = None, /, **extra: Any) -> JSON:
    rules: JSON = {"type": "string", "title": title, "enum": values, **extra}
    if titles is not None:
        rules["x-enum-titles"] = titles
    return rules


def id_number(title: str = "Số định danh cá nhân", **extra: Any) -> JSON:
    return text(title, 12, pattern=r"^\d{12}$", **{"x-message": ID_NUMBER_MESSAGE}, **extra)


def phone(title: str = "Số điện thoại", **extra: Any) -> JSON:
    return text(title, 10, pattern=r"^0\d{9}$", **{"x-message": PHONE_MESSAGE}, **extra)


def email(title: str = "Thư điện tử", **extra: Any) -> JSON:
    return {"type": "string", "format": "email", "title": title, "maxLength": 254, **extra}


def declaration(title: str) -> JSON:
    return {
        "type": "boolean",
        "title": title,
        "const": True,
        "x-messages": {"const": "Vui lòng đánh dấu lời cam đoan trước khi nộp hồ sơ."},
    }


def schema(props: JSON, required: list[str], **extra: Any) -> JSON:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props,
        "required": required,
        **extra,
    }


def requester(*, with_address: bool) -> JSON:
    props: JSON = {
        "requester_name": text("Họ, chữ đệm, tên người yêu cầu", **{"x-prefill": "full_name"}),
        "requester_id_number": id_number(**{"x-prefill": "id_number"}),
        "requester_phone": phone(**{"x-prefill": "phone"}),
        "requester_email": email(
            description="Để nhận thông báo về hồ sơ.", **{"x-prefill": "email"}
        ),
    }
    if with_address:
        props["requester_address"] = text(
            "Nơi cư trú",
            255,
            description="Số nhà, đường, ấp/khu phố.",
            **{"x-prefill": "address"},
        )
        props["requester_unit"] = {
            "type": "integer",
            "title": "Xã, phường, đặc khu nơi cư trú",
            "x-prefill": "address_unit_id",
        }
    return props


def birth_date(*, before: str = "", before_message: str = "") -> JSON:
    """A birth date: never in the future and, for a parent, before the child's."""
    rules: JSON = date("Ngày, tháng, năm sinh", **{"x-not-future": True})
    if before:
        rules["x-before"] = before
        rules["x-messages"] = {"x-before": before_message}
    return rules


def person(
    prefix: str,
    *,
    married_times: bool = False,
    defaults: bool = True,
    birth: JSON | None = None,
) -> JSON:
    # No defaults where the person may be absent (an unknown father): a blank
    # section must stay blank, not say "Kinh, Việt Nam" about nobody.
    ethnicity = {"default": "Kinh"} if defaults else {}
    nationality = {"default": "Việt Nam"} if defaults else {}
    props: JSON = {
        f"{prefix}_name": text("Họ, chữ đệm, tên"),
        f"{prefix}_birth_date": birth or birth_date(),
        f"{prefix}_ethnicity": choice("Dân tộc", ETHNIC_GROUPS, **ethnicity),
        f"{prefix}_nationality": text("Quốc tịch", 60, **nationality),
        f"{prefix}_id_number": id_number(),
        f"{prefix}_address": text("Nơi cư trú", 255),
    }
    if married_times:
        props[f"{prefix}_marriage_number"] = {
            "type": "integer",
            "title": "Kết hôn lần thứ mấy",
            "minimum": 1,
            "maximum": 9,
            "default": 1,
        }
    return props


def person_fields(prefix: str, *extra: str) -> list[Any]:
    return [
        {"name": f"{prefix}_name", "wide": True},
        f"{prefix}_birth_date",
        f"{prefix}_ethnicity",
        f"{prefix}_nationality",
        f"{prefix}_id_number",
        {"name": f"{prefix}_address", "wide": True},
        *extra,
    ]


REQUESTER_SECTION: JSON = {
    "title": "Người yêu cầu",
    "description": "Thông tin được điền sẵn từ tài khoản của bạn; kiểm tra và sửa nếu cần.",
    "fields": [
        {"name": "requester_name", "wide": True},
        "requester_id_number",
        {"name": "requester_phone", "widget": "tel"},
        "requester_email",
        {"name": "requester_address", "wide": True},
        {"name": "requester_unit", "widget": "unit"},
    ],
}

BIRTH_SCHEMA = schema(
    {
        **requester(with_address=True),
        "relationship": choice(
            "Quan hệ với người được khai sinh",
            ["cha", "me", "ong_ba", "anh_chi", "than_thich_khac"],
            ["Cha", "Mẹ", "Ông, bà", "Anh, chị", "Người thân thích khác"],
        ),
        "child_name": text(
            "Họ, chữ đệm, tên",
            description="Viết có dấu, đúng như sẽ ghi trong Giấy khai sinh.",
        ),
        "child_sex": choice("Giới tính", ["nam", "nu"], ["Nam", "Nữ"]),
        "child_birth_date": birth_date(),
        "child_birth_place": text(
            "Nơi sinh",
            255,
            description="Tên cơ sở y tế (nếu sinh tại cơ sở y tế) và địa chỉ, "
            "ví dụ: Bệnh viện Đa khoa tỉnh Tây Ninh, phường Tân Ninh, tỉnh Tây Ninh.",
        ),
        "child_ethnicity": choice("Dân tộc", ETHNIC_GROUPS, default="Kinh"),
        "child_nationality": text("Quốc tịch", 60, default="Việt Nam"),
        "child_hometown": text(
            "Quê quán",
            255,
            description="Theo quê quán của cha hoặc của mẹ, theo thỏa thuận của cha mẹ.",
        ),
        **person(
            "mother",
            birth=birth_date(
                before="child_birth_date",
                before_message="Ngày sinh của mẹ phải trước ngày sinh của con.",
            ),
        ),
        **person(
            "father",
            defaults=False,
            birth=birth_date(
                before="child_birth_date",
                before_message="Ngày sinh của cha phải trước ngày sinh của con.",
            ),
        ),
        "copies": {
            "type": "integer",
            "title": "Số bản sao Giấy khai sinh đề nghị cấp",
            "minimum": 0,
            "maximum": 10,
            "default": 1,
        },
        "declaration": declaration(
            "Tôi cam đoan nội dung khai trên đây là đúng sự thật, được sự thỏa thuận nhất trí "
            "của các bên liên quan và chịu trách nhiệm trước pháp luật về cam đoan của mình."
        ),
    },
    [
        "requester_name",
        "requester_id_number",
        "requester_phone",
        "requester_address",
        "requester_unit",
        "relationship",
        "child_name",
        "child_sex",
        "child_birth_date",
        "child_birth_place",
        "child_ethnicity",
        "child_nationality",
        "child_hometown",
        "mother_name",
        "mother_birth_date",
        "mother_ethnicity",
        "mother_nationality",
        "mother_address",
        "copies",
        "declaration",
    ],
    # The father is left blank when not yet established (Civil Status Law 2014,
    # art. 15); once named, his particulars are needed like the mother's.
    dependentRequired={
        "father_name": ["father_birth_date", "father_ethnicity", "father_nationality"],
    },
)
BIRTH_LAYOUT: JSON = {
    "sections": [
        {**REQUESTER_SECTION, "fields": [*REQUESTER_SECTION["fields"], "relationship"]},
        {
            "title": "Người được khai sinh",
            "fields": [
                {"name": "child_name", "wide": True},
                {"name": "child_sex", "widget": "radio"},
                "child_birth_date",
                {"name": "child_birth_place", "wide": True},
                "child_ethnicity",
                "child_nationality",
                {"name": "child_hometown", "wide": True},
            ],
        },
        {"title": "Mẹ", "fields": person_fields("mother")},
        {
            "title": "Cha",
            "description": "Để trống nếu chưa xác định được cha.",
            "fields": person_fields("father"),
        },
        {"title": "Đề nghị và cam đoan", "fields": ["copies", "declaration"]},
    ]
}

MARRIAGE_SCHEMA = schema(
    {
        **requester(with_address=False),
        "requester_party": choice("Bạn là", ["nu", "nam"], ["Bên nữ", "Bên nam"]),
        **person("bride", married_times=True),
        **person("groom", married_times=True),
        "copies": {
            "type": "integer",
            "title": "Số bản sao trích lục kết hôn đề nghị cấp",
            "minimum": 0,
            "maximum": 10,
            "default": 1,
        },
        "declaration": declaration(
            "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng "
            "tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam."
        ),
    },
    [
        "requester_name",
        "requester_id_number",
        "requester_phone",
        "requester_party",
        *[
            f"{side}_{what}"
            for side in ("bride", "groom")
            for what in (
                "name",
                "birth_date",
                "ethnicity",
                "nationality",
                "id_number",
                "address",
                "marriage_number",
            )
        ],
        "copies",
        "declaration",
    ],
)
MARRIAGE_LAYOUT: JSON = {
    "sections": [
        {
            "title": "Người nộp hồ sơ",
            "description": "Một trong hai bên nam, nữ nộp hồ sơ.",
            "fields": [
                *REQUESTER_SECTION["fields"][:4],
                {"name": "requester_party", "widget": "radio"},
            ],
        },
        {"title": "Bên nữ", "fields": person_fields("bride", "bride_marriage_number")},
        {"title": "Bên nam", "fields": person_fields("groom", "groom_marriage_number")},
        {"title": "Đề nghị và cam đoan", "fields": ["copies", "declaration"]},
    ]
}

COPY_SCHEMA = schema(
    {
        **requester(with_address=False),
        "document_name": text(
            "Tên giấy tờ cần chứng thực",
            255,
            description="Ví dụ: Bằng tốt nghiệp trung học phổ thông, Giấy khai sinh.",
        ),
        "document_issuer": text("Cơ quan cấp", 255),
        "document_number": text("Số, ký hiệu", 60),
        "document_issued_on": date("Ngày cấp"),
        "pages": {"type": "integer", "title": "Số trang", "minimum": 1, "maximum": 200},
        "copies": {
            "type": "integer",
            "title": "Số bản sao cần chứng thực",
            "minimum": 1,
            "maximum": 50,
            "default": 1,
        },
        "delivery": choice(
            "Hình thức nhận kết quả",
            ["dien_tu", "truc_tiep", "buu_chinh"],
            [
                "Bản sao điện tử (tải về trên Cổng)",
                "Bản giấy, nhận tại Trung tâm",
                "Bản giấy, gửi qua bưu chính",
            ],
        ),
        "purpose": text("Mục đích sử dụng", 500),
    },
    [
        "requester_name",
        "requester_id_number",
        "requester_phone",
        "document_name",
        "document_issuer",
        "pages",
        "copies",
        "delivery",
    ],
)
COPY_LAYOUT: JSON = {
    "sections": [
        {**REQUESTER_SECTION, "fields": REQUESTER_SECTION["fields"][:4]},
        {
            "title": "Giấy tờ cần chứng thực",
            "description": "Bản chính giấy tờ phải được tải lên ở bước đính kèm hồ sơ.",
            "fields": [
                {"name": "document_name", "wide": True},
                {"name": "document_issuer", "wide": True},
                "document_number",
                "document_issued_on",
                "pages",
                "copies",
                {"name": "delivery", "widget": "radio"},
                {"name": "purpose", "widget": "textarea"},
            ],
        },
    ]
}

DEMO_FORMS: dict[str, tuple[JSON, JSON]] = {
    "1.001193": (BIRTH_SCHEMA, BIRTH_LAYOUT),
    "1.000894": (MARRIAGE_SCHEMA, MARRIAGE_LAYOUT),
    "2.000815": (COPY_SCHEMA, COPY_LAYOUT),
}


@transaction.atomic
def load_demo_forms() -> int:
    """Add the demo forms whose procedure exists and has no form yet; how many were added."""
    added = 0
    for code, (form_schema, form_layout) in DEMO_FORMS.items():
        procedure = Procedure.objects.filter(code=code).first()
        if procedure is None or FormDefinition.objects.filter(procedure=procedure).exists():
            continue
        save_form_definition(
            actor=None, procedure=procedure, schema=form_schema, layout=form_layout
        )
        added += 1
    return added

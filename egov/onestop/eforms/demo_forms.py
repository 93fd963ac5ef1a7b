"""Demo forms for the ten most used procedures of the demo catalogue.

Modelled on the official declaration forms: Circular 04/2020/TT-BTP (civil
status: birth, marriage, death, copies of extracts), the request for a
certified copy (Decree 23/2015/NĐ-CP), form CT01 (residence, Circular
66/2023/TT-BCA), the business household application (Circular
02/2023/TT-BKHĐT), the construction permit application (Decree
175/2024/NĐ-CP) and form 11/ĐK (land, Decree 101/2024/NĐ-CP). `load_demo_forms()`
adds the ones that are missing and never overwrites a form an administrator
has edited.
"""

from __future__ import annotations

from django.db import transaction

from egov.onestop.eforms.demo_fields import (
    ETHNIC_GROUPS,
    JSON,
    REQUESTER_SECTION,
    birth_date,
    choice,
    date,
    declaration,
    person,
    person_fields,
    requester,
    schema,
    text,
)
from egov.onestop.eforms.demo_forms_civil import (
    DEATH_LAYOUT,
    DEATH_SCHEMA,
    EXTRACT_LAYOUT,
    EXTRACT_SCHEMA,
)
from egov.onestop.eforms.demo_forms_land import (
    BUILDING_LAYOUT,
    BUILDING_SCHEMA,
    LAND_LAYOUT,
    LAND_SCHEMA,
)
from egov.onestop.eforms.demo_forms_residence import (
    BUSINESS_LAYOUT,
    BUSINESS_SCHEMA,
    PERMANENT_LAYOUT,
    PERMANENT_SCHEMA,
    TEMPORARY_LAYOUT,
    TEMPORARY_SCHEMA,
)
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.services import save_form_definition
from egov.onestop.procedures.models import Procedure

__all__ = ["DEMO_FORMS", "ETHNIC_GROUPS", "load_demo_forms"]

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
    "1.000656": (DEATH_SCHEMA, DEATH_LAYOUT),
    "2.000635": (EXTRACT_SCHEMA, EXTRACT_LAYOUT),
    "2.000815": (COPY_SCHEMA, COPY_LAYOUT),
    "1.004222": (PERMANENT_SCHEMA, PERMANENT_LAYOUT),
    "1.004194": (TEMPORARY_SCHEMA, TEMPORARY_LAYOUT),
    "1.001612": (BUSINESS_SCHEMA, BUSINESS_LAYOUT),
    "1.013225": (BUILDING_SCHEMA, BUILDING_LAYOUT),
    "1.013831": (LAND_SCHEMA, LAND_LAYOUT),
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

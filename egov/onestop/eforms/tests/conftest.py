"""A small form with one field of each kind, on a birth-registration procedure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from egov.conftest import Province
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.services import save_form_definition
from egov.onestop.procedures.models import Field, Procedure, ProcedureLevel

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "full_name": {
            "type": "string",
            "title": "Họ, chữ đệm và tên",
            "description": "Viết có dấu, như trên thẻ căn cước.",
            "minLength": 2,
            "maxLength": 100,
            "x-prefill": "full_name",
        },
        "id_number": {
            "type": "string",
            "title": "Số định danh cá nhân",
            "pattern": r"^\d{12}$",
            "x-message": "Số định danh cá nhân gồm đúng 12 chữ số.",
            "x-prefill": "id_number",
        },
        "passport": {"type": "string", "title": "Số hộ chiếu", "pattern": "^[A-Z][0-9]{7}$"},
        "birth_date": {
            "type": "string",
            "format": "date",
            "title": "Ngày sinh",
            "x-prefill": "date_of_birth",
        },
        "sex": {
            "type": "string",
            "title": "Giới tính",
            "enum": ["nam", "nu"],
            "x-enum-titles": ["Nam", "Nữ"],
        },
        "ethnicity": {"type": "string", "title": "Dân tộc", "enum": ["Kinh", "Tày"]},
        "commune": {
            "type": "integer",
            "title": "Xã, phường nơi cư trú",
            "x-prefill": "address_unit_id",
        },
        "address": {"type": "string", "title": "Nơi cư trú", "x-prefill": "address"},
        "phone": {"type": "string", "title": "Số điện thoại", "x-prefill": "phone"},
        "email": {
            "type": "string",
            "format": "email",
            "title": "Thư điện tử",
            "x-prefill": "email",
        },
        "copies": {
            "type": "integer",
            "title": "Số bản sao",
            "minimum": 1,
            "maximum": 10,
            "default": 1,
        },
        "weight": {"type": "number", "title": "Cân nặng (kg)", "exclusiveMinimum": 0},
        "note": {"type": "string", "title": "Ghi chú", "maxLength": 20},
        "languages": {
            "type": "array",
            "title": "Ngôn ngữ",
            "items": {"type": "string", "enum": ["vi", "en"], "x-enum-titles": ["Việt", "Anh"]},
            "minItems": 1,
        },
        "agree": {
            "type": "boolean",
            "title": "Tôi cam đoan",
            "const": True,
            "x-messages": {"const": "Vui lòng đánh dấu lời cam đoan."},
        },
    },
    "required": ["full_name", "id_number", "birth_date", "sex", "commune", "agree"],
}
LAYOUT: dict[str, Any] = {
    "sections": [
        {
            "title": "Người yêu cầu",
            "description": "Điền sẵn từ tài khoản.",
            "fields": [
                {"name": "full_name", "wide": True},
                "id_number",
                "passport",
                "birth_date",
                {"name": "sex", "widget": "radio"},
                "ethnicity",
                {"name": "commune", "widget": "unit"},
                {"name": "address", "widget": "textarea"},
                {"name": "phone", "widget": "tel"},
                "email",
            ],
        },
        {
            "title": "Đề nghị",
            "fields": ["copies", "weight", "note", "languages", "agree"],
        },
    ]
}


@pytest.fixture
def procedure(db: None) -> Procedure:
    return Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=Field.objects.create(name="Hộ tịch"),
        level=ProcedureLevel.COMMUNE,
        implementing_agency="UBND cấp xã",
        processing_days=Decimal("5"),
        result_type="Giấy khai sinh",
    )


@pytest.fixture
def form(province: Province, procedure: Procedure) -> FormDefinition:
    return save_form_definition(actor=None, procedure=procedure, schema=SCHEMA, layout=LAYOUT)

"""Building blocks of the demo forms: typed fields with Vietnamese labels and messages.

Each returns a JSON Schema property (see `egov/onestop/eforms/fields.py` for
our own `x-` keys); the demo forms are written with them so the same field
reads and checks the same way on every form.
"""

from __future__ import annotations

from typing import Any

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


def commune(title: str = "Xã, phường, đặc khu", **extra: Any) -> JSON:
    """An active commune of the organisation tree (shown with the "unit" widget)."""
    return {"type": "integer", "title": title, **extra}


def count(title: str, minimum: int, maximum: int, /, **extra: Any) -> JSON:
    return {"type": "integer", "title": title, "minimum": minimum, "maximum": maximum, **extra}


def measure(title: str, maximum: float, /, **extra: Any) -> JSON:
    """A positive measurement (square metres, metres)."""
    return {
        "type": "number",
        "title": title,
        "exclusiveMinimum": 0,
        "maximum": maximum,
        **extra,
    }


def sex(title: str = "Giới tính") -> JSON:
    return choice(title, ["nam", "nu"], ["Nam", "Nữ"])


def copies(title: str, default: int = 1) -> JSON:
    return count(title, 0, 10, default=default)

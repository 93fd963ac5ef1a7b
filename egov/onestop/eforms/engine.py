"""The electronic-form engine the portal calls: find, render, parse, validate, prefill.

A typical page:

    definition = definition_for(procedure)          # None: the procedure has no form
    data = prefill(definition, profile)             # first showing
    data = parse(definition, request.POST)          # on submit (or a saved draft)
    errors = validate(definition, data)             # {} when valid
    html = render(definition, data, errors)         # inside <form method="post" novalidate>

`data` is JSON (str, int, float, bool, lists): store it as the dossier's
`form_data`, with `definition.version`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import Draft202012Validator, validator_for

from egov.onestop.eforms.fields import FieldSpec, field_specs, json_type, properties
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.rendering import error_summary, input_name, render, summary_entries
from egov.onestop.eforms.selectors import active_commune_ids, definition_for

__all__ = [
    "definition_for",
    "error_summary",
    "parse",
    "prefill",
    "render",
    "summary_entries",
    "validate",
]

TRUE_VALUES = ("1", "on", "true", "yes", "co", "có")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")

# Our own format checks: a date must exist on the calendar (2026-02-30 does
# not), an e-mail address must be one Django would send to.
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _is_date(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", instance):
        return False
    datetime.date.fromisoformat(instance)
    return True


@FORMATS.checks("email", raises=DjangoValidationError)
def _is_email(instance: object) -> bool:
    if isinstance(instance, str):
        validate_email(instance)
    return True


# ------------------------------------------------------------------ parse


def _date(text: str) -> str:
    """ "dd/mm/yyyy" (typed where there is no date picker) as "yyyy-mm-dd"; unchecked."""
    match = _DMY.match(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def _scalar(rules: Mapping[str, Any], text: str) -> object:
    """A submitted string as the field's JSON type; left a string when it is not one
    (validation then says why)."""
    kind = json_type(rules)
    if kind == "integer":
        compact = text.replace(" ", "")
        return int(compact) if _INTEGER.match(compact) else text
    if kind == "number":
        compact = text.replace(" ", "")
        if not _NUMBER.match(compact):
            return text
        number = float(compact.replace(",", "."))
        return (
            int(number)
            if number.is_integer() and "," not in compact and "." not in compact
            else number
        )
    if kind == "boolean":
        return text.lower() in TRUE_VALUES
    if rules.get("format") == "date":
        return _date(text)
    return text


def parse(definition: FormDefinition, post: QueryDict) -> dict[str, object]:
    """The submitted form as JSON data; empty fields are left out (so "required" catches them)."""
    data: dict[str, object] = {}
    for name, rules in properties(definition.schema).items():
        key = input_name(name)
        kind = json_type(rules)
        if kind == "boolean":
            # An unticked box is not submitted at all: absent means "no".
            data[name] = post.get(key, "").strip().lower() in TRUE_VALUES
        elif kind == "array":
            raw_items = rules.get("items")
            items: Mapping[str, Any] = raw_items if isinstance(raw_items, Mapping) else {}
            values = [v.strip() for v in post.getlist(key) if v.strip()]
            if values:
                data[name] = [_scalar(items, v) for v in values]
        else:
            text = post.get(key, "").strip()
            if text:
                data[name] = _scalar(rules, text)
    return data


# ------------------------------------------------------------------ validate

# When a field breaks several rules, the first kind here is the one reported.
_ORDER = [
    "required",
    "dependentRequired",
    "type",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "enum",
    "const",
    "minItems",
    "maxItems",
    "uniqueItems",
]


def _message(
    kind: str, rules: Mapping[str, Any], error: ValidationError | None, *, other: str = ""
) -> str:
    custom = rules.get("x-messages")
    if isinstance(custom, Mapping) and isinstance(custom.get(kind), str):
        return str(custom[kind])
    if kind == "pattern" and isinstance(rules.get("x-message"), str):
        return str(rules["x-message"])
    limit = error.validator_value if error is not None else None
    fmt = rules.get("format")
    messages = {
        "required": _("Trường này là bắt buộc."),
        "dependentRequired": _("Trường này là bắt buộc."),
        "pattern": _("Giá trị không đúng định dạng."),
        "minLength": _("Cần nhập ít nhất %(n)s ký tự.") % {"n": limit},
        "maxLength": _("Chỉ được nhập tối đa %(n)s ký tự.") % {"n": limit},
        "minimum": _("Giá trị nhỏ nhất là %(n)s.") % {"n": limit},
        "maximum": _("Giá trị lớn nhất là %(n)s.") % {"n": limit},
        "exclusiveMinimum": _("Giá trị phải lớn hơn %(n)s.") % {"n": limit},
        "exclusiveMaximum": _("Giá trị phải nhỏ hơn %(n)s.") % {"n": limit},
        "enum": _("Vui lòng chọn một giá trị trong danh sách."),
        "const": _("Giá trị không hợp lệ."),
        "minItems": _("Vui lòng chọn ít nhất %(n)s mục.") % {"n": limit},
        "maxItems": _("Chỉ được chọn tối đa %(n)s mục.") % {"n": limit},
        "uniqueItems": _("Có mục bị chọn trùng."),
        "x-not-future": _("Ngày này không được sau ngày hôm nay."),
        "x-before": _("Ngày này phải trước “%(other)s”.") % {"other": other},
    }
    if kind == "format":
        if fmt == "date":
            return _("Ngày không hợp lệ. Vui lòng nhập ngày có thật, dạng ngày/tháng/năm.")
        if fmt == "email":
            return _("Địa chỉ thư điện tử không hợp lệ.")
        return _("Giá trị không đúng định dạng.")
    if kind == "type":
        kind_of = json_type(rules)
        if kind_of == "integer":
            return _("Vui lòng nhập một số nguyên.")
        if kind_of == "number":
            return _("Vui lòng nhập một số.")
        return _("Giá trị không hợp lệ.")
    return messages.get(kind, _("Giá trị không hợp lệ."))


def _missing(error: ValidationError) -> Iterator[str]:
    """The absent properties behind a `required` or `dependentRequired` error."""
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    rule: Any = error.validator_value
    if error.validator == "required":
        yield from (str(n) for n in rule if n not in instance)
    elif error.validator == "dependentRequired":
        for present, needed in dict(rule).items():
            if present in instance:
                yield from (str(n) for n in needed if n not in instance)


def validate(definition: FormDefinition, data: Mapping[str, object]) -> dict[str, str]:
    """{field: Vietnamese message} for every field that fails; {} when the data is valid."""
    schema = definition.schema
    props = properties(schema)
    cls = validator_for(schema, default=Draft202012Validator)
    validator = cls(schema, format_checker=FORMATS)
    found: list[tuple[int, str, str]] = []
    instance: Any = dict(data)
    for error in validator.iter_errors(instance):
        kind = str(error.validator)
        rank = _ORDER.index(kind) if kind in _ORDER else len(_ORDER)
        if kind in ("required", "dependentRequired"):
            for name in _missing(error):
                found.append((rank, name, _message(kind, props.get(name, {}), error)))
            continue
        path = list(error.absolute_path)
        name = str(path[0]) if path else ""
        found.append((rank, name, _message(kind, props.get(name, {}), error)))
    errors: dict[str, str] = {}
    for _rank, name, message in sorted(found, key=lambda item: item[0]):
        errors.setdefault(name, message)
    errors.update(_unit_errors(field_specs(schema, definition.layout), data, errors))
    errors.update(_date_order_errors(props, data, errors))
    return {name: errors[name] for name in _in_form_order(props, errors)}


def _unit_errors(
    specs: Mapping[str, FieldSpec], data: Mapping[str, object], errors: Mapping[str, str]
) -> dict[str, str]:
    """A commune field must name an active commune of the organisation tree."""
    chosen = {
        name: value
        for name, spec in specs.items()
        if spec.widget == "unit"
        and name not in errors
        and isinstance(value := data.get(name), int)
        and not isinstance(value, bool)
    }
    if not chosen:
        return {}
    known = active_commune_ids(chosen.values())
    message = _("Vui lòng chọn xã, phường, đặc khu trong danh sách.")
    return {name: message for name, value in chosen.items() if value not in known}


def _today() -> datetime.date:
    # One place for "today" in the local time zone, so tests can fix it.
    return timezone.localdate()


def _as_date(value: object) -> datetime.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _date_order_errors(
    props: Mapping[str, Mapping[str, Any]], data: Mapping[str, object], errors: Mapping[str, str]
) -> dict[str, str]:
    """`"x-not-future": true`: the date cannot be after today (a birth date);
    `"x-before": "<other date field>"`: the date must be before the other one
    (a mother born before her child). Only dates valid on their own are compared."""
    today = _today()
    found: dict[str, str] = {}
    for name, rules in props.items():
        value = _as_date(data.get(name))
        if name in errors or value is None:
            continue
        if rules.get("x-not-future") is True and value > today:
            found[name] = _message("x-not-future", rules, None)
            continue
        other = rules.get("x-before")
        if isinstance(other, str) and other not in errors:
            limit = _as_date(data.get(other))
            if limit is not None and value >= limit:
                title = str(props.get(other, {}).get("title") or other)
                found[name] = _message("x-before", rules, None, other=title)
    return found


def _in_form_order(props: Mapping[str, object], errors: Mapping[str, str]) -> list[str]:
    order = {name: i for i, name in enumerate(props)}
    return sorted(errors, key=lambda name: order.get(name, -1))


# ------------------------------------------------------------------ prefill


def prefill(definition: FormDefinition, profile: Mapping[str, str]) -> dict[str, object]:
    """Initial data: fields marked `"x-prefill": "<profile key>"` from the citizen's
    profile, other fields from their schema `default`."""
    data: dict[str, object] = {}
    for name, rules in properties(definition.schema).items():
        key = rules.get("x-prefill")
        value = str(profile.get(key) or "").strip() if isinstance(key, str) else ""
        if value:
            data[name] = _scalar(rules, value)
        elif "default" in rules:
            data[name] = rules["default"]
    return data

"""The rules a form definition must follow before it is saved.

Used by the admin form and by `services.save_form_definition`, so a broken
definition never reaches a citizen. Messages are Vietnamese: they are shown to
the administrator who wrote the definition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from jsonschema.exceptions import SchemaError
from jsonschema.validators import Draft202012Validator, validator_for

from egov.onestop.eforms.fields import (
    PREFILL_KEYS,
    WIDGETS,
    field_entries,
    infer_widget,
    json_type,
    properties,
    required_names,
)

FIELD_TYPES = ("string", "integer", "number", "boolean", "array")


def _where(path: Sequence[object]) -> str:
    return "/".join(str(p) for p in path) if path else _("gốc lược đồ")


def schema_problems(schema: object) -> list[str]:
    if not isinstance(schema, Mapping):
        return [_("Lược đồ phải là một đối tượng JSON ({...}).")]
    cls = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(dict(schema))
    except SchemaError as exc:
        path = list(exc.path)
        if path and path[-1] == "pattern":
            return [
                _("Biểu thức “pattern” tại “%(where)s” không phải biểu thức chính quy hợp lệ.")
                % {"where": _where(path)}
            ]
        return [
            _("Lược đồ không đúng chuẩn JSON Schema tại “%(where)s” (từ khóa “%(keyword)s”).")
            % {"where": _where(path), "keyword": exc.validator}
        ]
    problems: list[str] = []
    if schema.get("type") != "object":
        problems.append(_('Lược đồ phải có "type": "object".'))
    props = properties(schema)
    if not props:
        problems.append(_('Lược đồ phải có ít nhất một trường trong "properties".'))
    for name, rules in props.items():
        kind = json_type(rules) if isinstance(rules, Mapping) else ""
        if kind not in FIELD_TYPES:
            problems.append(
                _("Trường “%(name)s” phải có kiểu string, integer, number, boolean hoặc array.")
                % {"name": name}
            )
            continue
        prefill = rules.get("x-prefill")
        if prefill is not None and prefill not in PREFILL_KEYS:
            problems.append(
                _("Trường “%(name)s”: x-prefill “%(key)s” không được hỗ trợ (chỉ dùng: %(keys)s).")
                % {"name": name, "key": prefill, "keys": ", ".join(PREFILL_KEYS)}
            )
        problems += _date_rule_problems(name, rules, props)
        titles = rules.get("x-enum-titles")
        if titles is not None and (
            not isinstance(titles, list) or len(titles) != len(rules.get("enum") or [])
        ):
            problems.append(
                _("Trường “%(name)s”: x-enum-titles phải là danh sách cùng độ dài với enum.")
                % {"name": name}
            )
    for name in sorted(required_names(schema) - set(props)):
        problems.append(
            _('Trường bắt buộc “%(name)s” không có trong "properties".') % {"name": name}
        )
    return problems


def _date_rule_problems(
    name: str, rules: Mapping[str, Any], props: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """`x-not-future` is true or false; `x-before` names another date field."""
    problems: list[str] = []
    not_future = rules.get("x-not-future")
    if not_future is not None and not isinstance(not_future, bool):
        problems.append(
            _("Trường “%(name)s”: x-not-future phải là true hoặc false.") % {"name": name}
        )
    before = rules.get("x-before")
    if before is not None and (
        rules.get("format") != "date"
        or not isinstance(before, str)
        or before == name
        or not isinstance(props.get(before), Mapping)
        or props[before].get("format") != "date"
    ):
        problems.append(
            _("Trường “%(name)s”: x-before phải là tên một trường ngày khác của biểu mẫu.")
            % {"name": name}
        )
    return problems


def _widget_problem(name: str, widget: str, rules: Mapping[str, Any]) -> str | None:
    kind = json_type(rules)
    if widget not in WIDGETS:
        return _("Kiểu hiển thị “%(widget)s” của trường “%(name)s” không được hỗ trợ.") % {
            "widget": widget,
            "name": name,
        }
    raw_items = rules.get("items")
    items: Mapping[str, Any] = raw_items if isinstance(raw_items, Mapping) else {}
    fits = {
        "select": "enum" in rules,
        "radio": "enum" in rules,
        "checkbox": kind == "boolean" or (kind == "array" and "enum" in items),
        "unit": kind == "integer",
        "number": kind in ("integer", "number"),
    }
    if not fits.get(widget, kind == "string"):
        return _(
            "Kiểu hiển thị “%(widget)s” không dùng được cho trường “%(name)s” (kiểu %(kind)s)."
        ) % {"widget": widget, "name": name, "kind": kind}
    return None


def layout_problems(schema: Mapping[str, Any], layout: object) -> list[str]:
    if not isinstance(layout, Mapping) or not isinstance(layout.get("sections"), list):
        return [_('Bố cục phải có dạng {"sections": [...]}.')]
    problems: list[str] = []
    sections = layout["sections"]
    if not sections:
        problems.append(_("Bố cục phải có ít nhất một phần."))
    for number, section in enumerate(sections, start=1):
        if not isinstance(section, Mapping) or not str(section.get("title") or "").strip():
            problems.append(
                _("Phần thứ %(number)s của bố cục chưa có tiêu đề.") % {"number": number}
            )
        elif not isinstance(section.get("fields"), list) or not section["fields"]:
            problems.append(
                _("Phần “%(title)s” của bố cục chưa có trường nào.") % {"title": section["title"]}
            )
    props = properties(schema)
    seen: set[str] = set()
    for _index, entry in field_entries(layout):
        name = str(entry.get("name") or "")
        if name not in props:
            problems.append(
                _("Bố cục nhắc tới trường “%(name)s” không có trong lược đồ.") % {"name": name}
            )
            continue
        if name in seen:
            problems.append(
                _("Trường “%(name)s” xuất hiện nhiều lần trong bố cục.") % {"name": name}
            )
        seen.add(name)
        rules = props[name]
        if isinstance(rules, Mapping) and json_type(rules) in FIELD_TYPES:
            problem = _widget_problem(name, str(entry.get("widget") or infer_widget(rules)), rules)
            if problem:
                problems.append(problem)
    for name in sorted(required_names(schema) & set(props) - seen):
        problems.append(
            _("Trường bắt buộc “%(name)s” không có trong bố cục, người dân không thể nhập.")
            % {"name": name}
        )
    return problems


def definition_problems(schema: object, layout: object) -> list[str]:
    """Every reason the definition cannot be used; empty when it is sound."""
    problems = schema_problems(schema)
    if problems or not isinstance(schema, Mapping):
        return problems
    return layout_problems(schema, layout)

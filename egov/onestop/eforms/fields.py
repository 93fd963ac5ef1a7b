"""Reading a form definition: the schema's properties and the layout's sections.

The schema is a flat JSON Schema object: `properties` maps a field name to its
rules (`type`, `title`, `description`, `enum`, `pattern`, `format`...) plus our
own keys:

- `x-message`: the message shown when `pattern` does not match;
- `x-messages`: `{error kind: message}` for any other kind (`minimum`, `const`...);
- `x-enum-titles`: labels for the `enum` values, in the same order;
- `x-prefill`: a key of the citizen's profile the field is filled from;
- `x-not-future`: true when a date cannot be after today (a birth date);
- `x-before`: the name of another date field this date must precede (a
  mother's birth date before her child's); the message comes from
  `x-messages` under "x-before" or names the other field.

The layout is `{"sections": [{"title", "description"?, "fields": [...]}]}`;
a field is its name or `{"name", "widget"?, "help"?, "autocomplete"?,
"inputmode"?, "placeholder"?, "wide"?}`. Without a widget one is chosen from
the schema (boolean → checkbox, enum → select, date → date, ...).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

WIDGETS = (
    "text",
    "textarea",
    "date",
    "select",
    "radio",
    "checkbox",
    "number",
    "email",
    "tel",
    "unit",
)
PREFILL_KEYS = (
    "full_name",
    "date_of_birth",
    "id_number",
    "address",
    "address_unit_id",
    "phone",
    "email",
)
# HTML autocomplete tokens for the citizen's own data; other fields get none,
# so the browser does not offer the citizen's name for the child's.
AUTOCOMPLETE = {
    "full_name": "name",
    "date_of_birth": "bday",
    "id_number": "off",
    "address": "street-address",
    "phone": "tel",
    "email": "email",
}
# "^\d{12}$", "^[0-9]{9,12}$", "^\d+$": digits only, so the phone shows a keypad.
_DIGITS_ONLY = re.compile(r"^\^(\\d|\[0-9\])(\{\d+(,\d*)?\}|\+|\*)\$$")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    rules: Mapping[str, Any]
    widget: str
    label: str
    help: str
    required: bool
    autocomplete: str
    inputmode: str
    placeholder: str
    wide: bool

    @property
    def json_type(self) -> str:
        return json_type(self.rules)

    @property
    def options(self) -> list[tuple[str, str]]:
        """(value, label) pairs of a select, radio group or checkbox list."""
        rules = self.rules
        if self.json_type == "array":
            rules = rules.get("items") or {}
        values = rules.get("enum") or []
        titles = rules.get("x-enum-titles") or []
        return [
            (str(value), str(titles[i]) if i < len(titles) else str(value))
            for i, value in enumerate(values)
        ]


@dataclass(frozen=True)
class Section:
    title: str
    description: str
    fields: list[FieldSpec]


def properties(schema: Mapping[str, Any]) -> Mapping[str, Mapping[str, Any]]:
    props = schema.get("properties") if isinstance(schema, Mapping) else None
    return props if isinstance(props, Mapping) else {}


def required_names(schema: Mapping[str, Any]) -> set[str]:
    names = schema.get("required") if isinstance(schema, Mapping) else None
    return {str(n) for n in names} if isinstance(names, list) else set()


def json_type(rules: Mapping[str, Any]) -> str:
    """The property's JSON type; for ["string", "null"] the non-null one."""
    kind = rules.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    return str(kind)


def infer_widget(rules: Mapping[str, Any]) -> str:
    kind = json_type(rules)
    if kind == "boolean":
        return "checkbox"
    if kind == "array":
        return "checkbox"
    if "enum" in rules:
        return "select"
    if kind in ("integer", "number"):
        return "number"
    fmt = rules.get("format")
    if fmt == "date":
        return "date"
    if fmt == "email":
        return "email"
    return "text"


def field_entries(layout: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    """(section index, field entry as a mapping) for every field of the layout."""
    found: list[tuple[int, Mapping[str, Any]]] = []
    sections = layout.get("sections") if isinstance(layout, Mapping) else None
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        fields = section.get("fields") if isinstance(section, Mapping) else None
        for entry in fields if isinstance(fields, list) else []:
            if isinstance(entry, str):
                found.append((index, {"name": entry}))
            elif isinstance(entry, Mapping):
                found.append((index, entry))
    return found


def _spec(entry: Mapping[str, Any], rules: Mapping[str, Any], required: bool) -> FieldSpec:
    name = str(entry["name"])
    widget = str(entry.get("widget") or infer_widget(rules))
    prefill = rules.get("x-prefill")
    autocomplete = str(entry.get("autocomplete") or AUTOCOMPLETE.get(str(prefill), ""))
    inputmode = str(entry.get("inputmode") or "")
    if not inputmode and widget == "text" and _DIGITS_ONLY.match(str(rules.get("pattern", ""))):
        inputmode = "numeric"
    return FieldSpec(
        name=name,
        rules=rules,
        widget=widget,
        label=str(rules.get("title") or name),
        help=str(entry.get("help") or rules.get("description") or ""),
        required=required,
        autocomplete=autocomplete,
        inputmode=inputmode,
        placeholder=str(entry.get("placeholder") or ""),
        # Long answers, groups of options and a box with its sentence take a whole row.
        wide=bool(entry.get("wide")) or widget in ("textarea", "radio", "checkbox"),
    )


def sections(schema: Mapping[str, Any], layout: Mapping[str, Any]) -> list[Section]:
    """The layout's sections with their fields; unknown names are skipped."""
    props = properties(schema)
    required = required_names(schema)
    raw = layout.get("sections") if isinstance(layout, Mapping) else None
    raw_sections = raw if isinstance(raw, list) else []
    grouped: dict[int, list[FieldSpec]] = {i: [] for i in range(len(raw_sections))}
    for index, entry in field_entries(layout):
        name = str(entry.get("name", ""))
        if name in props:
            grouped[index].append(_spec(entry, props[name], name in required))
    return [
        Section(
            title=str(section.get("title") or ""),
            description=str(section.get("description") or ""),
            fields=grouped[i],
        )
        for i, section in enumerate(raw_sections)
        if isinstance(section, Mapping)
    ]


def field_specs(schema: Mapping[str, Any], layout: Mapping[str, Any]) -> dict[str, FieldSpec]:
    return {f.name: f for section in sections(schema, layout) for f in section.fields}

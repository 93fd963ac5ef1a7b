"""A form definition as accessible HTML.

Every field has a visible label tied to its input (`for`/`id`), its help text
and error linked through `aria-describedby`, `aria-invalid` when it failed and
`aria-required` when it must be filled; sections are fieldsets with legends;
radio and checkbox groups are fieldsets too. `required` and `pattern` are left
out and the page's form should carry `novalidate` (number inputs keep
min/max/step for their spinners), so a draft can be saved half-filled and the
server's Vietnamese messages are the ones people read.
All text (labels, help, values, messages) is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from egov.onestop.eforms.fields import FieldSpec, Section, sections
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.selectors import UnitGroup, commune_choices
from egov.platform.web.widgets import DATE_PLACEHOLDER

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

PREFIX = "f_"

Attr = tuple[str, object]


def input_name(field: str) -> str:
    """The POST name (and id) of a field: prefixed so it clashes with nothing else."""
    return f"{PREFIX}{field}"


def _attrs(pairs: Iterable[Attr]) -> SafeString:
    """` name="value"` for each pair; True gives a bare attribute, None/False/"" nothing."""
    out: list[str] = []
    for name, value in pairs:
        if value is None or value is False or value == "":
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return mark_safe("".join(out))  # noqa: S308 - names are ours, values escaped above


def _join(parts: Iterable[str]) -> SafeString:
    # Every part is a SafeString built with format_html or _attrs.
    return mark_safe("\n".join(p for p in parts if p))  # noqa: S308


def _text(value: object) -> str:
    if value is None or isinstance(value, (list, dict)):
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    return str(value)


def _required_mark(field: FieldSpec) -> SafeString:
    if not field.required:
        return mark_safe("")
    return mark_safe('<span class="ef-req" aria-hidden="true"> *</span>')


class _Field:
    """What every widget needs: ids, the help and error lines, the ARIA attributes."""

    def __init__(self, field: FieldSpec, value: object, error: str) -> None:
        self.spec = field
        self.value = value
        self.error = error
        self.id = input_name(field.name)
        self.help_id = f"{self.id}-help" if field.help else ""
        self.error_id = f"{self.id}-error" if error else ""

    @property
    def described_by(self) -> str:
        return " ".join(i for i in (self.help_id, self.error_id) if i)

    def help(self) -> str:
        if not self.help_id:
            return ""
        return format_html('<p class="ef-help" id="{}">{}</p>', self.help_id, self.spec.help)

    def error_line(self) -> str:
        if not self.error_id:
            return ""
        return format_html(
            '<p class="ef-error" id="{}"><span class="ef-vh">{}</span>{}</p>',
            self.error_id,
            _("Lỗi: "),
            self.error,
        )

    def aria(self) -> list[Attr]:
        return [
            ("aria-required", "true" if self.spec.required else None),
            ("aria-invalid", "true" if self.error else None),
            ("aria-describedby", self.described_by),
        ]

    def classes(self, *extra: str) -> str:
        names = ["ef-field", *extra]
        if self.spec.wide:
            names.append("ef-wide")
        if self.error:
            names.append("ef-invalid")
        return " ".join(names)


def _input_type(spec: FieldSpec) -> list[Attr]:
    rules = spec.rules
    if spec.widget == "number":
        integer = spec.json_type == "integer"
        return [
            ("type", "number"),
            ("inputmode", spec.inputmode or ("numeric" if integer else "decimal")),
            ("step", "1" if integer else "any"),
            ("min", rules.get("minimum")),
            ("max", rules.get("maximum")),
        ]
    if spec.widget == "date":
        # Typed day first in a text box, as on every page (egov/platform/web/widgets.py):
        # the browser's date picker follows the browser's language, not Vietnamese.
        return [("type", "text"), ("inputmode", "numeric"), ("maxlength", 10)]
    kind = {"email": "email", "tel": "tel"}.get(spec.widget, "text")
    spellcheck = kind in ("email", "tel") or spec.inputmode == "numeric"
    return [("type", kind), ("inputmode", spec.inputmode), ("spellcheck", spellcheck and "false")]


def _shown(spec: FieldSpec, value: object) -> str:
    """The value as the box shows it: a stored date (yyyy-mm-dd) day first."""
    text = _text(value)
    if spec.widget == "date" and _ISO_DATE.fullmatch(text):
        year, month, day = text.split("-")
        return f"{day}/{month}/{year}"
    return text


def _simple(f: _Field) -> str:
    spec = f.spec
    common: list[Attr] = [("id", f.id), ("name", f.id)]
    tail: list[Attr] = [
        *f.aria(),
        ("autocomplete", spec.autocomplete),
        ("placeholder", spec.placeholder or (DATE_PLACEHOLDER if spec.widget == "date" else "")),
        ("maxlength", spec.rules.get("maxLength")),
    ]
    if spec.widget == "textarea":
        control = format_html(
            "<textarea{}{}>{}</textarea>",
            _attrs([*common, ("rows", 3)]),
            _attrs(tail),
            _text(f.value),
        )
    else:
        kind, *rest = _input_type(spec)
        attrs = [kind, *common, ("value", _shown(spec, f.value)), *rest]
        control = format_html("<input{}{}>", _attrs(attrs), _attrs(tail))
    return _join(
        [
            format_html('<div class="{}">', f.classes()),
            format_html('<label for="{}">{}{}</label>', f.id, spec.label, _required_mark(spec)),
            f.help(),
            f.error_line(),
            control,
            mark_safe("</div>"),
        ]
    )


def _option(value: str, label: str, selected: bool) -> str:
    return format_html(
        "<option{}>{}</option>", _attrs([("value", value), ("selected", selected)]), label
    )


def _select(f: _Field, units: Sequence[UnitGroup] | None) -> str:
    spec = f.spec
    current = _text(f.value)
    placeholder = _("— Chọn xã, phường, đặc khu —") if spec.widget == "unit" else _("— Chọn —")
    options: list[str] = [format_html('<option value="">{}</option>', placeholder)]
    if spec.widget == "unit":
        for group in units or []:
            options.append(format_html('<optgroup label="{}">', group.label))
            options += [_option(str(pk), name, str(pk) == current) for pk, name in group.options]
            options.append(mark_safe("</optgroup>"))
    else:
        options += [_option(value, label, value == current) for value, label in spec.options]
    return _join(
        [
            format_html('<div class="{}">', f.classes()),
            format_html('<label for="{}">{}{}</label>', f.id, spec.label, _required_mark(spec)),
            f.help(),
            f.error_line(),
            format_html(
                "<select{}{}>",
                _attrs([("id", f.id), ("name", f.id)]),
                _attrs([*f.aria(), ("autocomplete", spec.autocomplete)]),
            ),
            *options,
            mark_safe("</select>"),
            mark_safe("</div>"),
        ]
    )


def _check(f: _Field, kind: str, value: str, label: str, suffix: str, checked: bool) -> str:
    option_id = f"{f.id}-{suffix}" if suffix else f.id
    aria: list[Attr] = [] if suffix else f.aria()
    if suffix and f.error:
        aria = [("aria-invalid", "true")]
    return format_html(
        '<div class="ef-option"><input{}{}><label for="{}">{}</label></div>',
        _attrs([("type", kind), ("id", option_id), ("name", f.id), ("value", value)]),
        _attrs([("checked", checked), *aria]),
        option_id,
        label,
    )


def _group(f: _Field) -> str:
    """Radio buttons or a list of checkboxes, in a fieldset whose legend is the label."""
    spec = f.spec
    radio = spec.widget == "radio"
    chosen = {str(v) for v in f.value} if isinstance(f.value, list) else {_text(f.value)}
    kind = "radio" if radio else "checkbox"
    items = [
        _check(f, kind, value, label, str(i), value in chosen)
        for i, (value, label) in enumerate(spec.options, start=1)
    ]
    fieldset_attrs: list[Attr] = [("aria-describedby", f.described_by)]
    if radio:
        fieldset_attrs = [
            ("role", "radiogroup"),
            ("aria-required", "true" if spec.required else None),
            ("aria-invalid", "true" if f.error else None),
            *fieldset_attrs,
        ]
    return _join(
        [
            format_html('<fieldset class="{}"{}>', f.classes("ef-choices"), _attrs(fieldset_attrs)),
            format_html("<legend>{}{}</legend>", spec.label, _required_mark(spec)),
            f.help(),
            f.error_line(),
            mark_safe('<div class="ef-options">'),
            *items,
            mark_safe("</div>"),
            mark_safe("</fieldset>"),
        ]
    )


def _checkbox(f: _Field) -> str:
    """A single yes/no box (a boolean): the label follows the box."""
    spec = f.spec
    label = format_html("{}{}", spec.label, _required_mark(spec))
    return _join(
        [
            format_html('<div class="{}">', f.classes("ef-checkbox")),
            f.error_line(),
            _check(f, "checkbox", "1", label, "", f.value is True),
            f.help(),
            mark_safe("</div>"),
        ]
    )


def _field(spec: FieldSpec, value: object, error: str, units: Sequence[UnitGroup] | None) -> str:
    f = _Field(spec, value, error)
    if spec.widget in ("select", "unit"):
        return _select(f, units)
    if spec.widget == "radio" or (spec.widget == "checkbox" and spec.json_type == "array"):
        return _group(f)
    if spec.widget == "checkbox":
        return _checkbox(f)
    return _simple(f)


def _target(spec: FieldSpec) -> str:
    """Where the error summary's link for this field lands: its first control."""
    if spec.widget == "radio" or (spec.widget == "checkbox" and spec.json_type == "array"):
        return f"{input_name(spec.name)}-1"
    return input_name(spec.name)


def summary_entries(definition: FormDefinition, errors: Mapping[str, str]) -> list[tuple[str, str]]:
    """(id of the control to link to, or "", text) for each error, in the given order;
    for a page that shows one summary over the e-form and its own fields."""
    return _entries(sections(definition.schema, definition.layout), errors)


def _entries(parts: Sequence[Section], errors: Mapping[str, str]) -> list[tuple[str, str]]:
    """Each names its section too: "Họ, chữ đệm, tên" alone could be the child's,
    the mother's or the father's. A box's label is a whole sentence (a
    declaration), so only its section is named.
    """
    where = {f.name: (section.title, f) for section in parts for f in section.fields}
    entries: list[tuple[str, str]] = []
    for name, message in errors.items():
        if name not in where:
            entries.append(("", message))
            continue
        title, spec = where[name]
        if spec.widget == "checkbox" and spec.json_type == "boolean":
            text = f"{title}: {message}"
        else:
            text = f"{title} – {spec.label}: {message}"
        entries.append((_target(spec), text))
    return entries


def error_summary(entries: Sequence[tuple[str, str]]) -> SafeString:
    """The errors at the top, each a link to its field; it takes the focus when the
    page loads (web/error-summary.js), so a keyboard or screen-reader user hears it."""
    items = [
        format_html('<li><a href="#{}">{}</a></li>', target, text)
        if target
        else format_html("<li>{}</li>", text)
        for target, text in entries
    ]
    return _join(
        [
            mark_safe(
                '<div class="ef-summary error-summary" role="alert" tabindex="-1" '
                'aria-labelledby="ef-summary-title" data-error-summary>'
            ),
            format_html(
                '<h2 id="ef-summary-title">{}</h2>',
                _("Vui lòng kiểm tra lại %(count)s mục dưới đây") % {"count": len(entries)},
            ),
            mark_safe("<ul>"),
            *items,
            mark_safe("</ul>"),
            mark_safe("</div>"),
        ]
    )


def render(
    definition: FormDefinition,
    data: Mapping[str, object],
    errors: Mapping[str, str],
    *,
    units: Sequence[UnitGroup] | None = None,
    summary: bool = True,
) -> SafeString:
    """The form's fields as HTML, to put inside the page's own `<form method="post"
    novalidate>` (see egov/onestop/eforms/engine.py), with eforms/eforms.css linked.

    `units` (the communes offered by a "unit" field) is read from the
    organisation tree when not given: one query. `summary=False` leaves the
    error summary out, for a page that shows its own (see `summary_entries`).
    """
    parts = sections(definition.schema, definition.layout)
    specs = {f.name: f for s in parts for f in s.fields}
    if units is None and any(f.widget == "unit" for f in specs.values()):
        units = commune_choices()
    out: list[str] = [mark_safe('<div class="eform">')]
    if errors and summary:
        out.append(error_summary(_entries(parts, errors)))
    if any(f.required for f in specs.values()):
        out.append(
            format_html(
                '<p class="ef-note">{}</p>',
                _("Các mục có dấu * là bắt buộc."),
            )
        )
    for section in parts:
        out.append(mark_safe('<fieldset class="ef-section">'))
        out.append(format_html("<legend>{}</legend>", section.title))
        if section.description:
            out.append(format_html('<p class="ef-section-help">{}</p>', section.description))
        out.append(mark_safe('<div class="ef-grid">'))
        out += [_field(f, data.get(f.name), errors.get(f.name, ""), units) for f in section.fields]
        out.append(mark_safe("</div>"))
        out.append(mark_safe("</fieldset>"))
    out.append(mark_safe("</div>"))
    return _join(out)

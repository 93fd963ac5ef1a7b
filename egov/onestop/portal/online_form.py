"""The application's electronic form: the procedure's e-form, or a plain request.

Procedures whose administrators described a form (egov.onestop.eforms) get it,
prefilled from the citizen's profile; the others get one free-text field,
"Nội dung yêu cầu", so every online procedure can still be applied for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from egov.onestop.eforms import engine
from egov.onestop.eforms.fields import FieldSpec, sections
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import User
from egov.platform.citizens.profile import profile_values
from egov.platform.organisation.models import Unit

# The field of the plain request when the procedure has no e-form.
PLAIN_FIELD = "noi_dung"
PLAIN_MAX_LENGTH = 5000


@dataclass(frozen=True)
class OnlineForm:
    procedure: Procedure
    definition: FormDefinition | None

    @classmethod
    def for_procedure(cls, procedure: Procedure) -> OnlineForm:
        return cls(procedure=procedure, definition=engine.definition_for(procedure))

    @property
    def version(self) -> int | None:
        return self.definition.version if self.definition is not None else None

    def initial(self, user: User) -> dict[str, Any]:
        if self.definition is None:
            return {PLAIN_FIELD: ""}
        return dict(engine.prefill(self.definition, profile_values(user)))

    def parse(self, post: QueryDict) -> dict[str, Any]:
        if self.definition is None:
            return {PLAIN_FIELD: post.get(PLAIN_FIELD, "").strip()[:PLAIN_MAX_LENGTH]}
        return dict(engine.parse(self.definition, post))

    def validate(self, data: Mapping[str, Any]) -> dict[str, str]:
        if self.definition is None:
            if not str(data.get(PLAIN_FIELD, "")).strip():
                return {PLAIN_FIELD: _("Cần nhập nội dung yêu cầu.")}
            return {}
        return dict(engine.validate(self.definition, dict(data)))

    def summary_entries(self, errors: Mapping[str, str]) -> list[tuple[str, str]]:
        """(id of the field, text) for the page's error summary."""
        if self.definition is None:
            return [
                (f"id_{PLAIN_FIELD}", _("Nội dung yêu cầu: %s") % message)
                for message in errors.values()
            ]
        return engine.summary_entries(self.definition, errors)

    def render(
        self, data: Mapping[str, Any], errors: Mapping[str, str], *, summary: bool = True
    ) -> SafeString:
        if self.definition is None:
            return SafeString(
                render_to_string(
                    "portal/_plain_form.html",
                    {
                        "value": data.get(PLAIN_FIELD, ""),
                        "error": errors.get(PLAIN_FIELD, ""),
                        "field": PLAIN_FIELD,
                    },
                )
            )
        return engine.render(self.definition, dict(data), dict(errors), summary=summary)


def _shown(spec: FieldSpec | None, value: object, units: Mapping[int, str]) -> str:
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, list):
        return "; ".join(_shown(spec, item, units) for item in value)
    if spec is not None:
        if spec.widget == "unit" and isinstance(value, int):
            return units.get(value, str(value))
        labels = dict(spec.options)
        if str(value) in labels:
            return labels[str(value)]
        if spec.rules.get("format") == "date" and isinstance(value, str):
            year, _dash, rest = value.partition("-")
            month, _dash, day = rest.partition("-")
            if year and month and day:
                return f"{day}/{month}/{year}"
    return str(value)


@dataclass(frozen=True)
class AnswerGroup:
    title: str
    lines: list[tuple[str, str]]


def answers(procedure: Procedure, data: Mapping[str, Any]) -> list[AnswerGroup]:
    """The submitted form as (question, answer) lines under the form's sections.

    Labels come from the procedure's current form; answers to fields it no
    longer has are still shown, under their field name, at the end.
    """
    definition = engine.definition_for(procedure)
    groups = sections(definition.schema, definition.layout) if definition is not None else []
    specs: dict[str, FieldSpec] = {f.name: f for g in groups for f in g.fields}
    unit_ids = [
        v
        for name, v in data.items()
        if name in specs and specs[name].widget == "unit" and isinstance(v, int)
    ]
    units = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    shown: list[AnswerGroup] = []
    for group in groups:
        lines = [(f.label, _shown(f, data[f.name], units)) for f in group.fields if f.name in data]
        if lines:
            shown.append(AnswerGroup(title=group.title, lines=lines))
    rest = [
        (_("Nội dung yêu cầu") if name == PLAIN_FIELD else name, _shown(None, data[name], units))
        for name in sorted(data)
        if name not in specs
    ]
    if rest:
        shown.append(AnswerGroup(title="", lines=rest))
    return shown

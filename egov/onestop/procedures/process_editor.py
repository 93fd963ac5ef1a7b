"""The process editor: an internal process edited as a form of steps, not as JSON.

The editor is a layer over the JSON definition of `processes.py`: the steps'
forms are turned into a definition, checked by `validate_definition` and
saved through `save_process`, so a process saved here is exactly what the
JSON form would have saved (and audited the same way). Each problem of the
validator is shown at the field or step it concerns.

Form data is normalised before it is bound: steps added, moved or deleted
by the buttons (`op`), a key given to each named step (kept afterwards, so
stored steps keep their dossiers when renamed), and targets to steps that
are gone dropped. The page posts its form on every change and draws the
diagram of what is typed, without saving anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.datastructures import MultiValueDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from egov.onestop.procedures.diagram import render_steps_svg
from egov.onestop.procedures.models import Procedure, ProcessStep, StepAction, StepTransition
from egov.onestop.procedures.processes import (
    MOVING_ACTIONS,
    ProcessProblem,
    _slug,
    day_hours,
    format_hours,
    validate_definition,
)
from egov.platform.accounts.models import Role
from egov.platform.organisation.models import Unit

PREFIX = "steps"
STEP_FIELDS = (
    "key",
    "name",
    "unit",
    "role",
    "allowance",
    "allowance_unit",
    "final",
    "external_agency",
    "forward_to",
    "approve_to",
    "return_to",
    "supplement",
    "refuse",
    "action_roles",
)
TARGET_FIELDS = {
    "forward_to": StepAction.FORWARD,
    "approve_to": StepAction.APPROVE,
    "return_to": StepAction.RETURN,
}
ACTION_ORDER = (
    StepAction.FORWARD,
    StepAction.APPROVE,
    StepAction.SUPPLEMENT,
    StepAction.REFUSE,
    StepAction.RETURN,
)
HOURS, DAYS = "hours", "days"
# Where the validator's problems are shown; the others go above the step or the form.
PROBLEM_FIELDS = {
    "invalid_key": "name",
    "duplicate_key": "name",
    "invalid_hours": "allowance",
    "unit_outside_province": "unit",
    "final_step_has_actions": "final",
    "return_not_backward": "return_to",
}
MAX_STEPS = 100


def unit_choices(units: list[Unit], empty: str) -> list[tuple[str, str]]:
    """The organisation tree as indented options, under an empty choice."""
    top = min((unit.depth for unit in units), default=0)
    return [("", empty)] + [
        (str(unit.pk), "\u2003" * (unit.depth - top) + unit.name) for unit in units
    ]


def province_units(agency: Unit) -> list[Unit]:
    """Active units of the agency's province: where its steps may be worked."""
    province = "/" + agency.path.strip("/").split("/")[0] + "/"
    return list(Unit.objects.filter(path__startswith=province, is_active=True).order_by("path"))


class ProcessNameForm(forms.Form):
    name = forms.CharField(label=_("Tên quy trình"), max_length=255)


class StepForm(forms.Form):
    key = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Tên bước"), max_length=255)
    unit = forms.ChoiceField(label=_("Đơn vị xử lý"), required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    allowance = forms.DecimalField(
        label=_("Thời gian"), min_value=Decimal(0), max_digits=9, decimal_places=4, localize=True
    )
    allowance_unit = forms.ChoiceField(
        label=_("Đơn vị thời gian"),
        choices=[(HOURS, _("giờ làm việc")), (DAYS, _("ngày làm việc"))],
    )
    final = forms.BooleanField(label=_("Bước kết thúc"), required=False)
    external_agency = forms.ChoiceField(label=_("Liên thông tới cơ quan"), required=False)
    forward_to = forms.MultipleChoiceField(
        label=_("Chuyển xử lý tới"), required=False, widget=forms.CheckboxSelectMultiple
    )
    approve_to = forms.MultipleChoiceField(
        label=_("Phê duyệt rồi chuyển tới"), required=False, widget=forms.CheckboxSelectMultiple
    )
    return_to = forms.MultipleChoiceField(
        label=_("Trả lại về bước"), required=False, widget=forms.CheckboxSelectMultiple
    )
    supplement = forms.BooleanField(label=_("Được yêu cầu bổ sung hồ sơ"), required=False)
    refuse = forms.BooleanField(label=_("Được từ chối giải quyết"), required=False)
    # Who may take each action ("forward:key" -> roles): the editor keeps it as it was.
    action_roles = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        local: list[tuple[str, str]],
        agencies: list[tuple[str, str]],
        targets: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["unit"].choices = local  # type: ignore[attr-defined]
        fields["external_agency"].choices = agencies  # type: ignore[attr-defined]
        own = self["key"].value()
        for name in TARGET_FIELDS:
            fields[name].choices = [(k, n) for k, n in targets if k != own]  # type: ignore[attr-defined]

    def clean_action_roles(self) -> dict[str, list[str]]:
        text = self.cleaned_data.get("action_roles") or "{}"
        try:
            roles = json.loads(text)
        except json.JSONDecodeError:
            roles = {}
        if not isinstance(roles, dict):
            return {}
        return {str(k): [str(r) for r in v] for k, v in roles.items() if isinstance(v, list)}

    def hours(self) -> Decimal:
        amount: Decimal = self.cleaned_data["allowance"]
        return amount * day_hours() if self.cleaned_data["allowance_unit"] == DAYS else amount

    def step_definition(self) -> dict[str, Any]:
        data = self.cleaned_data
        roles = data["action_roles"]
        # The order of the common process: onward moves, then the ends, then back.
        actions: list[dict[str, Any]] = []
        for action in ACTION_ORDER:
            if action in MOVING_ACTIONS:
                for to in data[f"{action}_to"]:
                    name = f"{action}:{to}"
                    actions.append({"action": action, "to": to, "roles": roles.get(name, [])})
            elif data[str(action)]:
                actions.append({"action": action, "to": None, "roles": roles.get(action, [])})
        return {
            "key": data["key"],
            "name": data["name"],
            "unit": int(data["unit"]) if data["unit"] else None,
            "role": data["role"],
            "hours": _hours_text(self.hours()),
            "final": data["final"],
            "external_agency": int(data["external_agency"]) if data["external_agency"] else None,
            "actions": actions,
        }


def _hours_text(hours: Decimal) -> str:
    # Too fine a time is passed on as typed, for the validator to refuse at the field.
    return format_hours(hours) if hours == round(hours, 2) else f"{hours.normalize():f}"


def definition_data(definition: dict[str, Any]) -> MultiValueDict[str, str]:
    """Form data of a definition, as the editor posts it."""
    data: MultiValueDict[str, str] = MultiValueDict()
    data["name"] = str(definition.get("name") or "")
    day = day_hours()
    steps = definition.get("steps") or []
    for index, step in enumerate(steps):
        hours = Decimal(str(step.get("hours") or 0))
        # Shown in days when a whole number of quarter days (0,5 ngày), else in hours.
        in_days = hours > 0 and (hours * 4 / day) % 1 == 0
        amount = hours / day if in_days else hours
        values: dict[str, list[str]] = {
            "key": [step.get("key") or ""],
            "name": [step.get("name") or ""],
            "unit": [str(step.get("unit") or "")],
            "role": [step.get("role") or ""],
            "allowance": [format_hours(amount).replace(".", ",")],
            "allowance_unit": [DAYS if in_days else HOURS],
            "external_agency": [str(step.get("external_agency") or "")],
            "forward_to": [],
            "approve_to": [],
            "return_to": [],
        }
        if step.get("final"):
            values["final"] = ["on"]
        roles: dict[str, list[str]] = {}
        for item in step.get("actions") or []:
            action, to = item.get("action"), item.get("to")
            if action in MOVING_ACTIONS:
                values[f"{action}_to"].append(to)
                name = f"{action}:{to}"
            else:
                values[action] = ["on"]
                name = action
            if item.get("roles"):
                roles[name] = list(item["roles"])
        values["action_roles"] = [json.dumps(roles) if roles else ""]
        for name, value in values.items():
            data.setlist(f"{PREFIX}-{index}-{name}", value)
    _management(data, len(steps))
    return data


def _management(data: MultiValueDict[str, str], total: int) -> None:
    data[f"{PREFIX}-TOTAL_FORMS"] = str(total)
    data[f"{PREFIX}-INITIAL_FORMS"] = "0"


def normalise(posted: MultiValueDict[str, str], op: str) -> MultiValueDict[str, str]:
    """The posted data after `op` ("add", "up-N", "down-N", "delete-N"), keyed and pruned."""
    try:
        total = min(int(posted.get(f"{PREFIX}-TOTAL_FORMS") or 0), MAX_STEPS)
    except ValueError:
        total = 0
    steps = [
        {name: posted.getlist(f"{PREFIX}-{i}-{name}") for name in STEP_FIELDS} for i in range(total)
    ]
    verb, _sep, number = op.partition("-")
    index = int(number) if number.isdigit() else -1
    if verb == "add" and len(steps) < MAX_STEPS:
        steps.append({"role": [Role.SPECIALIST], "allowance": ["0"], "allowance_unit": [HOURS]})
    elif verb == "delete" and 0 <= index < len(steps):
        del steps[index]
    elif verb in ("up", "down") and 0 <= index < len(steps):
        other = index - 1 if verb == "up" else index + 1
        if 0 <= other < len(steps):
            steps[index], steps[other] = steps[other], steps[index]
    keys: list[str] = [(s.get("key") or [""])[0] for s in steps]
    for i, step in enumerate(steps):
        name = (step.get("name") or [""])[0].strip()
        if not keys[i] and name:
            base = _slug(name) or f"buoc_{i + 1}"
            key, n = base, 2
            while key in keys:
                key, n = f"{base}_{n}", n + 1
            keys[i] = key
    data: MultiValueDict[str, str] = MultiValueDict()
    data["name"] = posted.get("name") or ""
    for i, step in enumerate(steps):
        step["key"] = [keys[i]]
        for target in TARGET_FIELDS:
            step[target] = [k for k in step.get(target, []) if k in keys and k != keys[i]]
        for name, value in step.items():
            data.setlist(f"{PREFIX}-{i}-{name}", value)
    _management(data, len(steps))
    return data


StepFormSet = forms.formset_factory(StepForm, extra=0, max_num=MAX_STEPS, validate_max=True)


@dataclass
class Editor:
    """The bound editor: its forms, the definition they make and its problems."""

    name_form: ProcessNameForm
    formset: Any
    definition: dict[str, Any] | None = None
    # The steps whose forms are valid, in order: what the diagram draws.
    drafts: list[dict[str, Any]] = field(default_factory=list)
    problems: list[ProcessProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.definition is not None and not self.problems


def build_editor(
    *, procedure: Procedure, agency: Unit, data: MultiValueDict[str, str], check: bool = True
) -> Editor:
    """Bind `data` (already normalised) and, when `check`, validate the definition it makes."""
    units = province_units(agency)
    local = unit_choices(units, str(_("Trung tâm đã tiếp nhận hồ sơ")))
    total = int(data.get(f"{PREFIX}-TOTAL_FORMS") or 0)
    # Liên thông: the province's units and the other provinces (not every commune
    # of the country, which would make the page huge), plus any already chosen.
    chosen = {data.get(f"{PREFIX}-{i}-external_agency") or "" for i in range(total)}
    others = Unit.objects.filter(Q(depth=0) | Q(pk__in=[int(c) for c in chosen if c.isdigit()]))
    extra = [u for u in others.filter(is_active=True).order_by("path") if u not in units]
    agencies = unit_choices(units + extra, str(_("Không liên thông")))
    targets = []
    for i in range(total):
        key = data.get(f"{PREFIX}-{i}-key") or ""
        if key:
            name = data.get(f"{PREFIX}-{i}-name") or key
            targets.append((key, f"{i + 1}. {name}"))
    kwargs = {"local": local, "agencies": agencies, "targets": targets}
    formset = StepFormSet(data, prefix=PREFIX, form_kwargs=kwargs)
    editor = Editor(ProcessNameForm(data), formset)
    editor.drafts = [form.step_definition() for form in formset.forms if form.is_valid()]
    if not (check and editor.name_form.is_valid() and formset.is_valid()):
        return editor
    editor.definition = {"name": editor.name_form.cleaned_data["name"], "steps": editor.drafts}
    editor.problems = validate_definition(procedure, agency, editor.definition)
    _show_problems(formset, editor.problems)
    return editor


def _show_problems(formset: Any, problems: list[ProcessProblem]) -> None:
    by_key = {form.cleaned_data["key"]: form for form in formset.forms}
    loose = []
    for problem in problems:
        form = by_key.get(problem.step) if problem.step else None
        error = ValidationError(problem.message, code=problem.code)
        if form is None:
            loose.append(error)
        else:
            form.add_error(PROBLEM_FIELDS.get(problem.code), error)
    if loose:
        # Formset-wide problems (the total time, no final step...) go above the steps.
        formset._non_form_errors = formset.error_class(
            [*formset.non_form_errors(), *loose], error_class="nonform"
        )


def editor_svg(editor: Editor, uid: str) -> SafeString:
    """The diagram of the steps typed so far; steps whose form is invalid are left out."""
    drafts = editor.drafts
    units = Unit.objects.in_bulk(
        {i for d in drafts for i in (d["unit"], d["external_agency"]) if i is not None}
    )
    steps: list[ProcessStep] = []
    pks = {draft["key"]: position for position, draft in enumerate(drafts, start=1)}
    moves: dict[int, list[StepTransition]] = {}
    for position, draft in enumerate(drafts, start=1):
        step = ProcessStep(
            pk=position,
            position=position,
            key=draft["key"],
            name=draft["name"],
            role=draft["role"],
            allowance_hours=Decimal(draft["hours"]),
            is_final=draft["final"],
        )
        step.unit = units.get(draft["unit"]) if draft["unit"] is not None else None
        agency = draft["external_agency"]
        step.external_agency = units.get(agency) if agency is not None else None
        steps.append(step)
        moves[position] = [
            StepTransition(action=item["action"], target_id=pks.get(item["to"] or ""))
            for item in draft["actions"]
        ]
    name = editor.name_form.data.get("name") or ""
    return render_steps_svg(name, uid, steps, moves)

"""Internal processes (quy trình nội bộ) as data: the definition format, its
validation, saving and reading back, and the common four-step template.

A definition is plain JSON, edited by administrators in the admin:

    {"name": "...", "steps": [{"key": "tiep_nhan", "name": "Tiếp nhận hồ sơ",
      "unit": null, "role": "reception", "hours": "3.75", "final": false,
      "external_agency": null,
      "actions": [{"action": "forward", "to": "tham_dinh", "roles": []}]}]}

Steps are listed in position order; the first is where a dossier starts.
`unit` null means the service centre that received the dossier (phi địa
giới); `roles` empty means the step's own role; `hours` are office hours
(a working day is 7.5 by default). A definition is checked as a whole before
anything is written and every problem is reported, each with a stable code
(see `MESSAGES`).

`ProcessStep` has no key column, so stored steps get keys derived from their
names (`step_keys`): a definition read back has those keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pydantic
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.db.models.deletion import Collector, ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.onestop.events import ProcessSaved
from egov.onestop.procedures.errors import ProcedureError
from egov.onestop.procedures.models import (
    Procedure,
    Process,
    ProcessStep,
    StepAction,
    StepTransition,
)
from egov.platform.accounts.access import has_role_over, visible_units
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from egov.platform.core.events import publish
from egov.platform.organisation.models import Unit
from egov.platform.workcalendar.deadlines import OfficeHours

# Actions that move the dossier to another step of the same process.
MOVING_ACTIONS = frozenset({StepAction.FORWARD, StepAction.APPROVE, StepAction.RETURN})
KEY_RE = re.compile(r"^[a-z0-9_]{1,50}$")
QUARTER = Decimal("0.25")

# Every reason a definition is refused. Codes are stable; messages may change.
MESSAGES = {
    "invalid_json": gettext_lazy("Định nghĩa không phải JSON hợp lệ (dòng %(line)s, cột %(col)s)."),
    "not_an_object": gettext_lazy("Định nghĩa quy trình phải là một đối tượng JSON."),
    "invalid_format": gettext_lazy("Giá trị của «%(field)s» không hợp lệ."),
    "missing_field": gettext_lazy("Thiếu trường «%(field)s»."),
    "unknown_field": gettext_lazy("Trường «%(field)s» không có trong định dạng quy trình."),
    "no_steps": gettext_lazy("Quy trình phải có ít nhất một bước."),
    "invalid_key": gettext_lazy(
        "Bước «%(step)s»: mã bước chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới."
    ),
    "duplicate_key": gettext_lazy("Mã bước «%(key)s» bị dùng cho nhiều bước."),
    "invalid_hours": gettext_lazy(
        "Bước «%(step)s»: thời gian phải là số giờ không âm, tối đa hai chữ số thập phân."
    ),
    "unknown_unit": gettext_lazy("Bước «%(step)s»: không có đơn vị mã số %(id)s."),
    "inactive_unit": gettext_lazy("Bước «%(step)s»: đơn vị «%(unit)s» đã ngừng hoạt động."),
    "unit_outside_province": gettext_lazy(
        "Bước «%(step)s»: đơn vị «%(unit)s» không thuộc tỉnh của cơ quan giải quyết."
    ),
    "final_step_has_actions": gettext_lazy(
        "Bước kết thúc «%(step)s» không được có thao tác chuyển đi."
    ),
    "duplicate_action": gettext_lazy("Bước «%(step)s»: thao tác «%(action)s» bị lặp lại."),
    "missing_target": gettext_lazy(
        "Bước «%(step)s»: thao tác «%(action)s» phải có bước đích («to»)."
    ),
    "unknown_target": gettext_lazy(
        "Bước «%(step)s»: thao tác «%(action)s» trỏ tới bước «%(to)s» không có trong quy trình."
    ),
    "unexpected_target": gettext_lazy(
        "Bước «%(step)s»: thao tác «%(action)s» không chuyển tới bước nào, hãy bỏ «to»."
    ),
    "self_target": gettext_lazy(
        "Bước «%(step)s»: thao tác «%(action)s» không được trỏ về chính bước này."
    ),
    "return_not_backward": gettext_lazy(
        "Bước «%(step)s»: thao tác «%(action)s» chỉ được trả về một bước đứng trước."
    ),
    "unreachable_step": gettext_lazy("Bước «%(step)s» không đến được từ bước đầu tiên."),
    "no_final_step": gettext_lazy("Quy trình phải có ít nhất một bước kết thúc."),
    "dead_end_step": gettext_lazy("Từ bước «%(step)s» không đi tới được bước kết thúc nào."),
    "no_processing_time": gettext_lazy(
        "Thủ tục chưa có thời hạn giải quyết; hãy nhập thời hạn trước khi lập quy trình."
    ),
    "hours_mismatch": gettext_lazy(
        "Tổng thời gian các bước là %(total)s giờ, khác thời hạn giải quyết "
        "của thủ tục là %(expected)s giờ làm việc."
    ),
    "step_in_use": gettext_lazy("Bước «%(step)s» đã có hồ sơ đi qua nên không thể xoá."),
}


class _Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


class ActionDefinition(_Strict):
    action: StepAction
    to: str | None = None
    roles: list[Role] = pydantic.Field(default_factory=list)


class StepDefinition(_Strict):
    key: str
    name: str = pydantic.Field(min_length=1, max_length=255)
    unit: int | None = None
    role: Role
    hours: Decimal
    final: bool = False
    external_agency: int | None = None
    actions: list[ActionDefinition] = pydantic.Field(default_factory=list)


class ProcessDefinition(_Strict):
    name: str = pydantic.Field(min_length=1, max_length=255)
    # Positions are small integers; no real process comes near this.
    steps: list[StepDefinition] = pydantic.Field(max_length=100)


@dataclass(frozen=True)
class ProcessProblem:
    """One reason a definition is refused: a stable code and a Vietnamese message."""

    code: str
    message: str
    step: str | None = None

    @classmethod
    def of(cls, code: str, step: StepDefinition | None = None, **values: object) -> ProcessProblem:
        if step is not None:
            values.setdefault("step", step.name)
        return cls(code, str(MESSAGES[code]) % values, step.key if step else None)

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "step": self.step}


def day_hours() -> Decimal:
    """Office hours in one working day (7.5 with the default office hours)."""
    return Decimal(OfficeHours.parse(settings.OFFICE_HOURS).seconds_per_day) / Decimal(3600)


def format_hours(hours: Decimal) -> str:
    """Canonical text of an allowance: "3.75", "22.5", "0"."""
    return f"{hours.quantize(Decimal('0.01')).normalize():f}"


def parse_definition(definition: object) -> tuple[ProcessDefinition | None, list[ProcessProblem]]:
    """The typed definition, or its format problems."""
    try:
        return ProcessDefinition.model_validate(definition), []
    except pydantic.ValidationError as exc:
        problems = []
        codes = {"missing": "missing_field", "extra_forbidden": "unknown_field"}
        for error in exc.errors():
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
            if not where:
                problems.append(ProcessProblem.of("not_an_object"))
                continue
            code = codes.get(error["type"], "invalid_format")
            problems.append(ProcessProblem.of(code, field=where[1:]))
        return None, problems


def validate_definition(
    procedure: Procedure, agency: Unit, definition: object
) -> list[ProcessProblem]:
    """Every reason `definition` cannot be `agency`'s process for `procedure`."""
    parsed, problems = parse_definition(definition)
    if parsed is None:
        return problems
    steps = parsed.steps
    if not steps:
        return [ProcessProblem.of("no_steps"), *_check_time(procedure, steps)]
    keys = [s.key for s in steps]
    duplicates = [s for i, s in enumerate(steps) if s.key in keys[:i]]
    problems = _check_steps(agency, steps)
    problems += [ProcessProblem.of("duplicate_key", s, key=s.key) for s in duplicates]
    problems += _check_actions(steps)
    if duplicates:  # the graph is ambiguous; report the keys first
        problems += [] if any(s.final for s in steps) else [ProcessProblem.of("no_final_step")]
    else:
        problems += _check_graph(steps)
    problems += _check_time(procedure, steps)
    existing = Process.objects.filter(procedure=procedure, agency=agency).first()
    if existing is not None:
        problems += _removed_steps_in_use(existing, steps)
    return problems


def _check_steps(agency: Unit, steps: list[StepDefinition]) -> list[ProcessProblem]:
    problems: list[ProcessProblem] = []
    units = Unit.objects.in_bulk({i for s in steps for i in (s.unit, s.external_agency) if i})
    province = "/" + agency.path.strip("/").split("/")[0] + "/"
    for step in steps:
        if not KEY_RE.match(step.key):
            problems.append(ProcessProblem.of("invalid_key", step))
        hours = step.hours
        if not (hours.is_finite() and 0 <= hours < 100000 and hours == round(hours, 2)):
            problems.append(ProcessProblem.of("invalid_hours", step))
        for unit_id, must_be_local in ((step.unit, True), (step.external_agency, False)):
            unit = units.get(unit_id) if unit_id is not None else None
            if unit_id is not None and unit is None:
                problems.append(ProcessProblem.of("unknown_unit", step, id=unit_id))
            elif unit is not None and not unit.is_active:
                problems.append(ProcessProblem.of("inactive_unit", step, unit=unit.name))
            elif unit is not None and must_be_local and not unit.path.startswith(province):
                problems.append(ProcessProblem.of("unit_outside_province", step, unit=unit.name))
        if step.final and step.actions:
            problems.append(ProcessProblem.of("final_step_has_actions", step))
    return problems


def _check_actions(steps: list[StepDefinition]) -> list[ProcessProblem]:
    problems: list[ProcessProblem] = []
    position = {s.key: i for i, s in reversed(list(enumerate(steps)))}
    for step in steps:
        seen: set[tuple[str, str | None]] = set()
        for item in step.actions:
            code = None
            if (item.action, item.to) in seen:
                code = "duplicate_action"
            elif item.action not in MOVING_ACTIONS:
                code = "unexpected_target" if item.to is not None else None
            elif item.to is None:
                code = "missing_target"
            elif item.to not in position:
                code = "unknown_target"
            elif item.to == step.key:
                code = "self_target"
            elif item.action == StepAction.RETURN and position[item.to] > position[step.key]:
                code = "return_not_backward"
            seen.add((item.action, item.to))
            if code is not None:
                label = StepAction(item.action).label
                problems.append(ProcessProblem.of(code, step, action=label, to=item.to))
    return problems


def _check_graph(steps: list[StepDefinition]) -> list[ProcessProblem]:
    edges = {s.key: set[str]() for s in steps}
    backwards = {s.key: set[str]() for s in steps}
    for s in steps:
        for a in s.actions:
            if a.action in MOVING_ACTIONS and a.to in edges:
                edges[s.key].add(a.to)
                backwards[a.to].add(s.key)
    reached = _closure({steps[0].key}, edges)
    problems = [ProcessProblem.of("unreachable_step", s) for s in steps if s.key not in reached]
    finals = {s.key for s in steps if s.final}
    if not finals:
        return [*problems, ProcessProblem.of("no_final_step")]
    ending = _closure(finals, backwards)
    return problems + [ProcessProblem.of("dead_end_step", s) for s in steps if s.key not in ending]


def _closure(start: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        for following in edges[todo.pop()] - seen:
            seen.add(following)
            todo.append(following)
    return seen


def _check_time(procedure: Procedure, steps: list[StepDefinition]) -> list[ProcessProblem]:
    if procedure.processing_days is None and procedure.processing_hours is None:
        return [ProcessProblem.of("no_processing_time")]
    expected = Decimal(procedure.processing_seconds) / Decimal(3600)
    total = sum((s.hours for s in steps if s.hours.is_finite()), Decimal(0))
    if total == expected:
        return []
    return [
        ProcessProblem.of(
            "hours_mismatch",
            total=format_hours(total).replace(".", ","),
            expected=f"{expected.normalize():f}".replace(".", ","),
        )
    ]


def _removed_steps_in_use(process: Process, steps: list[StepDefinition]) -> list[ProcessProblem]:
    # Dossiers and hand-overs point at steps (PROTECT): a step dossiers went
    # through cannot disappear, or the process control slip loses its history.
    kept = {step.key for step in steps}
    stored = list(process.steps.order_by("position"))
    keys = step_keys(stored)
    problems = []
    for step in stored:
        if keys[step.pk] in kept:
            continue
        try:
            Collector(using="default").collect([step])
        except ProtectedError:
            message = str(MESSAGES["step_in_use"]) % {"step": step.name}
            problems.append(ProcessProblem("step_in_use", message, keys[step.pk]))
    return problems


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:40]


def step_keys(steps: Sequence[ProcessStep]) -> dict[int, str]:
    """Keys of stored steps; a step saved without one gets it from its name."""
    keys: dict[int, str] = {}
    for step in sorted(steps, key=lambda s: s.position):
        if step.key:
            keys[step.pk] = step.key
            continue
        base = _slug(step.name) or f"buoc_{step.position}"
        key, n = base, 2
        while key in keys.values():
            key, n = f"{base}_{n}", n + 1
        keys[step.pk] = key
    return keys


@transaction.atomic
def save_process(
    *, actor: User | None, procedure: Procedure, agency: Unit, definition: object
) -> Process:
    """Create or replace `agency`'s process for `procedure` from a definition.

    Stored steps are matched by key, so a dossier standing at a step stays
    there when steps are renamed, re-timed or moved; transitions are rewritten.
    `actor` None is the system itself (data loading, management commands).
    """
    if actor is not None and not has_role_over(actor, agency, [Role.ADMINISTRATOR]):
        raise PermissionDenied(
            ProcedureError.PERMISSION_DENIED, _("Bạn không có quyền sửa quy trình của cơ quan này.")
        )
    problems = validate_definition(procedure, agency, definition)
    parsed, _format_problems = parse_definition(definition)
    if problems or parsed is None:
        raise InvalidInput(
            ProcedureError.INVALID_PROCESS,
            " ".join([_("Quy trình không hợp lệ:"), *(p.message for p in problems)]),
            details={"problems": [p.as_dict() for p in problems]},
        )
    process = Process.objects.select_for_update().filter(procedure=procedure, agency=agency).first()
    created = process is None
    if process is None:
        try:
            with transaction.atomic():
                process = Process.objects.create(
                    procedure=procedure, agency=agency, name=parsed.name
                )
        except IntegrityError as exc:
            raise Conflict(
                ProcedureError.PROCESS_CONFLICT,
                _("Quy trình vừa được người khác tạo; hãy tải lại trang."),
            ) from exc
    else:
        process.name = parsed.name
        process.save(update_fields=["name", "updated_at"])
    _write_steps(process, parsed)
    record_event(
        event_type="procedures.process_saved",
        actor=actor,
        target=process,
        unit=agency,
        details={"created": created, "definition": process_definition(process)},
    )
    publish(ProcessSaved(process=process, actor=actor))
    return process


def _write_steps(process: Process, parsed: ProcessDefinition) -> None:
    stored = list(process.steps.order_by("position"))
    keys = step_keys(stored)
    by_key = {keys[step.pk]: step for step in stored}
    StepTransition.objects.filter(step__process=process).delete()
    wanted = {step.key for step in parsed.steps}
    for key, step in by_key.items():
        if key not in wanted:
            step.delete()
    # Move the kept steps out of the way first: (process, position) is unique
    # and steps may swap places; a process has at most 100 steps.
    ProcessStep.objects.filter(process=process).update(position=F("position") + 1000)
    saved: dict[str, ProcessStep] = {}
    for position, item in enumerate(parsed.steps, start=1):
        step = by_key.get(item.key) or ProcessStep(process=process)
        step.position = position
        step.key = item.key
        step.name = item.name
        step.unit_id = item.unit
        step.role = item.role
        step.allowance_hours = item.hours
        step.is_final = item.final
        step.external_agency_id = item.external_agency
        step.save()
        saved[item.key] = step
    StepTransition.objects.bulk_create(
        StepTransition(
            step=saved[item.key],
            action=action.action,
            target=saved[action.to] if action.to is not None else None,
            roles=[str(role) for role in action.roles],
        )
        for item in parsed.steps
        for action in item.actions
    )


def process_definition(process: Process) -> dict[str, Any]:
    """The definition of a stored process, in the format `save_process` takes."""
    transitions = Prefetch("transitions", queryset=StepTransition.objects.order_by("pk"))
    steps = list(process.steps.order_by("position").prefetch_related(transitions))
    keys = step_keys(steps)
    return {
        "name": process.name,
        "steps": [
            {
                "key": keys[step.pk],
                "name": step.name,
                "unit": step.unit_id,
                "role": step.role,
                "hours": format_hours(step.allowance_hours),
                "final": step.is_final,
                "external_agency": step.external_agency_id,
                "actions": [
                    {
                        "action": t.action,
                        "to": keys[t.target_id] if t.target_id is not None else None,
                        "roles": list(t.roles),
                    }
                    for t in step.transitions.all()
                ],
            }
            for step in steps
        ],
    }


def process_for_user(user: User | AnonymousUser, process_id: int) -> Process:
    """The process, if `user` may see its agency; otherwise NotFound."""
    process = (
        Process.objects.select_related("procedure", "agency")
        .filter(pk=process_id, agency__in=visible_units(user))
        .first()
    )
    if process is None:
        raise NotFound(ProcedureError.PROCESS_NOT_FOUND, _("Không tìm thấy quy trình."))
    return process


def standard_allowances(total: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Reception, specialist and leader hours of the common process, adding up to `total`.

    From one working day up: reception half a day, the leader 20% rounded to
    a quarter hour, the specialist the rest (15 days gives 0.5 + 11.5 + 3
    days, the example of the one-stop rules). Under one day, half a day for
    reception would eat the time, so it is split in proportion: reception 10%
    and the leader 20%, each rounded half up to a quarter hour, the specialist
    the rest (4 hours: 0.5 + 2.75 + 0.75). The shares never exceed the total:
    below 0.36 hours both round to zero.
    """

    def quarter(hours: Decimal) -> Decimal:
        return (hours / QUARTER).quantize(Decimal(1), rounding=ROUND_HALF_UP) * QUARTER

    day = day_hours()
    leader = quarter(total * Decimal("0.2"))
    reception = day / 2 if total >= day else quarter(total * Decimal("0.1"))
    return reception, total - reception - leader, leader


def standard_definition(
    procedure: Procedure, *, agency: Unit, specialist_unit: Unit | None, leader_unit: Unit | None
) -> dict[str, Any]:
    """The common process: reception → specialist → leader → return of the result.

    Reception and return are at the centre that received the dossier (unit
    empty). Procedures counted in days or in hours both work: the time is
    taken in office hours.
    """
    total = Decimal(procedure.processing_seconds) / Decimal(3600)
    reception_h, specialist_h, leader_h = standard_allowances(total)
    names = [_("Tiếp nhận hồ sơ"), _("Thẩm định hồ sơ"), _("Lãnh đạo phê duyệt"), _("Trả kết quả")]
    reception, specialist, leader, result = (_slug(name) for name in names)
    plan: list[tuple[Unit | None, Role, Decimal, list[tuple[str, str | None]]]] = [
        (None, Role.RECEPTION, reception_h, [("forward", specialist)]),
        (
            specialist_unit,
            Role.SPECIALIST,
            specialist_h,
            [("forward", leader), ("supplement", None), ("refuse", None), ("return", reception)],
        ),
        (leader_unit, Role.LEADER, leader_h, [("approve", result), ("return", specialist)]),
        (None, Role.RECEPTION, Decimal(0), []),
    ]
    name = _("Quy trình %(procedure)s – %(agency)s") % {
        "procedure": procedure.name,
        "agency": agency.name,
    }
    return {
        "name": name[:255],
        "steps": [
            {
                "key": _slug(names[index]),
                "name": names[index],
                "unit": unit.pk if unit is not None else None,
                "role": str(role),
                "hours": format_hours(hours),
                "final": index == len(plan) - 1,
                "external_agency": None,
                "actions": [{"action": a, "to": to, "roles": []} for a, to in actions],
            }
            for index, (unit, role, hours, actions) in enumerate(plan)
        ],
    }

"""What the generator works with: the province, its centres, and the routes
(a procedure decided by an agency through its internal process).

Everything is read once, ordered by stable keys (codes, not primary keys),
so the same seed gives the same data on SQLite and PostgreSQL.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from egov.onestop.procedures.fees import fee_quote
from egov.onestop.procedures.models import OnlineClass, Process, StepAction
from egov.platform.core.errors import InvalidInput
from egov.platform.organisation.models import Unit, UnitKind
from egov.tools.demo.data import PROVINCE_CODE as DEMO_PROVINCE_CODE
from egov.tools.demo.loader import load_demo
from egov.tools.synthetic.errors import SyntheticError

# Relative frequency of procedures by code (others weigh 1). Certified copies
# and birth registrations fill most of a commune's desk; land and building
# dossiers are rarer but long. NOT VERIFIED: shaped after the seeds' figures
# (28,665 commune-level dossiers, mostly hộ tịch and chứng thực), not counted.
PROCEDURE_WEIGHTS = {
    "2.000815": 30.0,  # chứng thực bản sao từ bản chính
    "1.001193": 18.0,  # đăng ký khai sinh
    "2.000884": 8.0,  # chứng thực chữ ký
    "1.004873": 6.0,  # xác nhận tình trạng hôn nhân
    "1.000656": 5.0,  # đăng ký khai tử
    "1.004194": 5.0,  # đăng ký tạm trú
    "1.000894": 4.0,  # đăng ký kết hôn
    "2.000635": 4.0,  # bản sao trích lục hộ tịch
    "1.004222": 3.0,  # đăng ký thường trú
    "2.000942": 3.0,  # chứng thực hợp đồng
    "2.000488": 3.0,  # lý lịch tư pháp
    "1.013831": 3.0,  # đăng ký biến động đất đai
    "2.000908": 2.0,  # bản sao từ sổ gốc
    "1.001612": 2.0,  # thành lập hộ kinh doanh
    "1.012812": 0.3,  # hòa giải tranh chấp đất đai
}
ONLINE_SHARE = 0.25
POSTAL_SHARE = 0.05


@dataclass(frozen=True)
class StepPlan:
    pk: int
    unit_id: int | None  # None: the centre that received the dossier
    role: str
    allowance: int  # office seconds
    final: bool
    action: str  # the action leaving it along the main path; "" at the final step
    can_supplement: bool
    can_refuse: bool


@dataclass(frozen=True)
class Route:
    procedure_id: int
    procedure_code: str
    processing_seconds: int
    process_id: int
    agency_id: int
    home_centre_id: int
    online: bool  # the procedure is offered online (fully or partly)
    steps: tuple[StepPlan, ...]  # the main path, first step to final step
    # The fee and charge paid online at the agency (0: none, or the council's not entered).
    fee_vnd: int = 0
    # What the national portal's payload names (extras.py): the procedure,
    # its field's code, its result, the deciding agency, the fees by channel.
    procedure_name: str = ""
    field_code: str = ""
    result_type: str = ""
    processing_unit: str = ""
    fees_online: tuple[tuple[str, int], ...] = ()
    fees_desk: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Plan:
    province: Unit
    centres: dict[int, Unit]  # by pk; provincial and commune centres
    centre_codes: dict[int, str]  # the prefix of dossier codes
    provincial_centre_id: int
    routes: list[Route]
    route_weights: list[float]
    units: dict[int, Unit]


def find_province(stat_code: str) -> Unit:
    """The province, loading the demo province first when asked for it and absent."""
    province = Unit.objects.filter(kind=UnitKind.PROVINCE, stat_code=stat_code).first()
    has_processes = (
        province is not None
        and Process.objects.filter(agency__path__startswith=province.path).exists()
    )
    if not has_processes and stat_code == DEMO_PROVINCE_CODE:
        load_demo(reference_dir=Path(settings.REFERENCE_DIR))
        province = Unit.objects.filter(kind=UnitKind.PROVINCE, stat_code=stat_code).first()
    if province is None:
        raise InvalidInput(
            SyntheticError.PROVINCE_NOT_FOUND, _("Không tìm thấy tỉnh có mã %s.") % stat_code
        )
    return province


def _main_path(process: Process) -> tuple[StepPlan, ...] | None:
    steps = sorted(process.steps.all(), key=lambda s: s.position)
    by_pk = {s.pk: s for s in steps}
    path: list[StepPlan] = []
    step = steps[0] if steps else None
    while step is not None and len(path) <= len(steps):
        moves = sorted(
            (
                t
                for t in step.transitions.all()
                if t.action in (StepAction.FORWARD, StepAction.APPROVE)
            ),
            key=lambda t: (by_pk[t.target_id].position if t.target_id in by_pk else 0, t.pk),
        )
        actions = {t.action for t in step.transitions.all()}
        nxt = moves[-1] if moves else None
        path.append(
            StepPlan(
                pk=step.pk,
                unit_id=step.external_agency_id or step.unit_id,
                role=step.role,
                allowance=int(Decimal(step.allowance_hours) * 3600),
                final=step.is_final,
                action=str(nxt.action) if nxt is not None and not step.is_final else "",
                can_supplement=StepAction.SUPPLEMENT in actions,
                can_refuse=StepAction.REFUSE in actions,
            )
        )
        if step.is_final or nxt is None or nxt.target_id is None:
            break
        step = by_pk.get(nxt.target_id)
    if not path or not path[-1].final:
        return None  # no straight way to a result: not used for synthetic dossiers
    return tuple(path)


def _home_centre(agency: Unit, centres: list[Unit], provincial: Unit) -> Unit:
    """The centre under the agency (a commune's own centre), else the province's."""
    for centre in centres:
        if centre.parent_id == agency.pk:
            return centre
    return provincial


def load_plan(province: Unit, rng: random.Random, *, agency: Unit | None = None) -> Plan:
    """The province's routes; with `agency`, only that agency's and its own centre's.

    The seeds' commune (seed_figures.py) is simulated alone: its dossiers
    are its own, received at its own centre.
    """
    units = {u.pk: u for u in Unit.objects.filter(path__startswith=province.path)}
    centres, provincial = _service_centres(province, units)
    processes = _processes(province)
    if agency is not None:
        processes = [p for p in processes if p.agency_id == agency.pk]
        centres = [c for c in centres if c.parent_id == agency.pk] or [provincial]
    routes, weights = _routes(processes, centres, provincial, rng)
    if not routes:
        raise InvalidInput(
            SyntheticError.NO_ROUTES,
            _("Tỉnh chưa có thủ tục nào có quy trình nội bộ để tạo hồ sơ."),
        )
    return Plan(
        province=province,
        centres={c.pk: c for c in centres},
        centre_codes={c.pk: c.agency_code or "" for c in centres},
        provincial_centre_id=provincial.pk,
        routes=routes,
        route_weights=weights,
        units=units,
    )


def _service_centres(province: Unit, units: dict[int, Unit]) -> tuple[list[Unit], Unit]:
    """The active centres with a code (their dossiers' prefix), and the province's own."""
    centres = sorted(
        (u for u in units.values() if u.kind == UnitKind.SERVICE_CENTRE and u.is_active),
        key=lambda u: (u.depth, u.agency_code or "", u.name),
    )
    centres = [c for c in centres if c.agency_code]
    provincial = next((c for c in centres if c.parent_id == province.pk), None)
    if provincial is None and centres:
        provincial = centres[0]
    if provincial is None:
        raise InvalidInput(
            SyntheticError.NO_SERVICE_CENTRE,
            _("Tỉnh chưa có trung tâm phục vụ hành chính công có mã định danh."),
        )
    return centres, provincial


def _processes(province: Unit) -> list[Process]:
    """The province's active processes of active procedures, by procedure code and agency."""
    processes = (
        Process.objects.filter(
            agency__path__startswith=province.path, is_active=True, procedure__is_active=True
        )
        .select_related("procedure__field", "agency")
        .prefetch_related("steps__transitions")
    )
    return sorted(
        processes, key=lambda p: (p.procedure.code, p.agency.agency_code or "", p.agency.name)
    )


def _routes(
    processes: list[Process], centres: list[Unit], provincial: Unit, rng: random.Random
) -> tuple[list[Route], list[float]]:
    """A route per process with a straight way to a result, and how often each is taken."""
    routes: list[Route] = []
    weights: list[float] = []
    size: dict[int, float] = {}
    for process in processes:
        path = _main_path(process)
        if path is None or process.procedure.processing_seconds <= 0:
            continue
        agency = process.agency
        # Communes differ in size: a commune's weight is drawn once per run.
        if agency.pk not in size:
            size[agency.pk] = rng.uniform(0.5, 1.5)
        online_quote = fee_quote(process.procedure, online=True, agency=agency)
        desk_quote = fee_quote(process.procedure, online=False, agency=agency)
        routes.append(
            Route(
                procedure_id=process.procedure_id,
                procedure_code=process.procedure.code,
                processing_seconds=process.procedure.processing_seconds,
                process_id=process.pk,
                agency_id=agency.pk,
                home_centre_id=_home_centre(agency, centres, provincial).pk,
                online=process.procedure.online_class != OnlineClass.NONE,
                steps=path,
                fee_vnd=online_quote.total_vnd or 0,
                procedure_name=process.procedure.name,
                field_code=process.procedure.field.code if process.procedure.field else "",
                result_type=process.procedure.result_type,
                processing_unit=agency.agency_code or agency.name,
                fees_online=_fees(online_quote.fee_vnd, online_quote.charge_vnd),
                fees_desk=_fees(desk_quote.fee_vnd, desk_quote.charge_vnd),
            )
        )
        weights.append(PROCEDURE_WEIGHTS.get(process.procedure.code, 1.0) * size[agency.pk])
    return routes, weights


def _fees(fee: int | None, charge: int | None) -> tuple[tuple[str, int], ...]:
    # As the payload lists them (portalsync.mapping._fees): the amounts set.
    return tuple((name, amount) for name, amount in (("Phí", fee), ("Lệ phí", charge)) if amount)


def online_probability(plan: Plan) -> float:
    """The share of online-capable dossiers sent online, so ~25% of all are online."""
    total = sum(plan.route_weights)
    capable = sum(w for r, w in zip(plan.routes, plan.route_weights, strict=True) if r.online)
    if capable == 0:
        return 0.0
    return min(ONLINE_SHARE * total / capable, 0.95 - POSTAL_SHARE)

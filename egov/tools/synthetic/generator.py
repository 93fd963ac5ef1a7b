"""`egov generate`: fill a province with years of realistic dossiers, in bulk.

Memory stays flat whatever the size: dossiers are simulated day after day
in receipt order and written every `batch` dossiers, each batch in one
transaction (dossiers, hand-overs, supplements, ratings and the day
sequences behind their codes), with `bulk_create` and no conflict ignored:
a code collision is an error, not a skipped row.

No audit events are written. The audit trail records changes people made
through the services; a synthetic dossier is nobody's change, and ten
million fake "accepted" events would drown the real ones. The run is kept
instead as a `SyntheticBatch` with the key ranges it inserted.

Codes follow `DOSSIER_CODE_PATTERN` with the receiving centre's identifier,
numbered per centre and day after the numbers already used
(`DailySequence`), which are raised to the last number given. Only days
before today are generated, so a desk working today never shares a number
with the generator.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import (
    Channel,
    DailySequence,
    DossierStatus,
    Timeliness,
)
from egov.platform.accounts.models import Role, User
from egov.platform.core.errors import InvalidInput
from egov.platform.organisation.models import Unit
from egov.platform.workcalendar.deadlines import VN_TZ, WorkingCalendar
from egov.tools.synthetic.clock import OfficeClock
from egov.tools.synthetic.errors import SyntheticError
from egov.tools.synthetic.extras import add_extras, ensure_placeholders
from egov.tools.synthetic.lifecycle import P_REFUSED_AT_DESK, Context, Life, simulate
from egov.tools.synthetic.models import SyntheticBatch
from egov.tools.synthetic.people import Citizen, ensure_citizens, ensure_officers
from egov.tools.synthetic.plan import POSTAL_SHARE, Plan, Route, find_province, load_plan
from egov.tools.synthetic.plan import online_probability as online_share
from egov.tools.synthetic.writers import Writer, make_writer

# Share of dossiers received away from the agency's own centre (phi địa giới).
P_OTHER_CENTRE = 0.12
# Lives drawn at most for one dossier that must be on time (`_simulate_on_time`).
MAX_DRAWS = 10_000


@dataclass(frozen=True)
class Options:
    dossiers: int
    years: int
    province: str = "80"
    seed: int | None = None
    batch: int = 20000
    # "auto" (COPY on PostgreSQL, bulk_create elsewhere), "bulk" or "copy".
    method: str = "auto"
    # The seeds' figures (seed_figures.py): receipts in these days (first,
    # last) instead of the `years` before today, only the processes of the
    # agency with this code, and every dossier accepted, early or on time,
    # and returned within the window.
    window: tuple[date, date] | None = None
    agency: str = ""
    all_on_time: bool = False


Progress = Callable[[int, int], None]


@dataclass
class _Run:
    plan: Plan
    ctx: Context
    batch: SyntheticBatch
    size: int
    writer: Writer
    sequences: dict[tuple[str, date], int]
    extras_rng: random.Random
    touched: set[tuple[str, date]] = field(default_factory=set)
    buffer: list[Life] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    first_id: int | None = None
    last_id: int | None = None


def _rating_model() -> type[models.Model] | None:
    """The portal's Rating, when that app has it and its table exists."""
    try:
        model = apps.get_model("portal", "Rating")
    except LookupError:
        return None
    if model._meta.db_table not in connection.introspection.table_names():
        return None
    return model


def _day_counts(total: int, days: list[date], rng: random.Random) -> list[int]:
    """Dossiers per working day: more on Mondays, growing over the years, noisy."""
    if not days:
        return []
    weights = []
    for index, day in enumerate(days):
        trend = 0.8 + 0.4 * index / max(len(days) - 1, 1)
        weekday = 1.25 if day.weekday() == 0 else 0.9 if day.weekday() == 4 else 1.0
        weights.append(trend * weekday * rng.uniform(0.85, 1.15))
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in rng.sample(range(len(days)), total - sum(counts)):
        counts[index] += 1
    return counts


def _officer_needs(plan: Plan) -> list[tuple[Unit, Role]]:
    needs: dict[tuple[int, str], tuple[Unit, Role]] = {}
    for centre in plan.centres.values():
        needs[(centre.pk, Role.RECEPTION)] = (centre, Role.RECEPTION)
    for route in plan.routes:
        agency = plan.units[route.agency_id]
        for role in (Role.HEAD, Role.LEADER):
            needs[(agency.pk, role)] = (agency, role)
        for step in route.steps:
            units = [plan.units[step.unit_id]] if step.unit_id else list(plan.centres.values())
            for unit in units:
                needs[(unit.pk, step.role)] = (unit, Role(step.role))
    return [needs[key] for key in sorted(needs, key=lambda k: (k[1], k[0]))]


def generate(options: Options, progress: Progress | None = None) -> SyntheticBatch:
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(2**31)
    # Repeatable data from a seed, not secrets.
    rng = random.Random(seed)  # noqa: S311
    now_at = timezone.now()
    today = timezone.localdate(now_at)
    province = find_province(options.province)
    plan = load_plan(province, rng, agency=_agency(province, options.agency))
    first_day = _years_before(today, options.years)
    last_day = today - timedelta(days=1)
    if options.window is not None:
        first_day, last_day = options.window[0], min(options.window[1], last_day)
    # Room after today for the deadlines of dossiers still open.
    clock = OfficeClock(WorkingCalendar.load(), first_day, today + timedelta(days=3 * 366))
    days = [d for d in clock.days if d <= last_day]
    batch = _open_batch(options, province, seed, days, now_at)
    people = _people(plan, options.dossiers, seed)
    ensure_placeholders()
    run = _Run(
        plan=plan,
        ctx=_context(plan, clock, rng, now_at, people),
        batch=batch,
        size=max(options.batch, 1),
        writer=make_writer(options.method, _rating_model()),
        sequences=_existing_sequences(plan, days),
        # Its own stream: the dossiers' draws stay those of the seed.
        extras_rng=random.Random(f"{seed}:extras"),  # noqa: S311
        counts={"officers": len(people.new_officers), "citizens": len(people.new_citizens)},
    )
    counts = _day_counts(options.dossiers, days, rng)
    if options.all_on_time:
        _simulate_on_time(run, counts, days, _midnight_after(last_day))
    else:
        _simulate_days(run, counts, days, progress)
    _flush(run)
    _close_batch(run, people.new_officers + people.new_citizens)
    if connection.vendor == "postgresql":
        refresh_planner_statistics()
    return batch


def _open_batch(
    options: Options, province: Unit, seed: int, days: list[date], now_at: datetime
) -> SyntheticBatch:
    return SyntheticBatch.objects.create(
        province=province,
        seed=seed,
        dossiers_requested=options.dossiers,
        years=options.years,
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        generated_until=now_at,
        started_at=now_at,
    )


@dataclass(frozen=True)
class _People:
    """The officers who handle the dossiers and the citizens who apply online."""

    officers: dict[tuple[int, str], list[int]]
    officer_names: dict[int, str]
    citizens: list[Citizen]
    new_officers: list[int]  # ids of the accounts created by this run
    new_citizens: list[int]


def _people(plan: Plan, dossiers: int, seed: int) -> _People:
    # People draw from their own stream: a second run, which reuses them,
    # then simulates the same dossiers from the same seed.
    people_rng = random.Random(f"{seed}:people")  # noqa: S311
    officers, new_officers = ensure_officers(_officer_needs(plan), people_rng)
    citizens, new_citizens = ensure_citizens(min(max(dossiers // 20, 50), 50_000), people_rng)
    officer_ids = [pk for ids in officers.values() for pk in ids]
    names = dict(User.objects.filter(pk__in=officer_ids).values_list("pk", "full_name"))
    return _People(officers, names, citizens, new_officers, new_citizens)


def _context(
    plan: Plan, clock: OfficeClock, rng: random.Random, now_at: datetime, people: _People
) -> Context:
    return Context(
        clock=clock,
        rng=rng,
        now=clock.office_time(now_at),
        now_at=now_at,
        officers=people.officers,
        officer_names=people.officer_names,
        citizens=people.citizens,
        unit_names={pk: u.name for pk, u in plan.units.items()},
        ratings=_rating_model() is not None,
    )


def _close_batch(run: _Run, new_users: list[int]) -> None:
    """Record what the run inserted: the key ranges and the counts."""
    batch = run.batch
    batch.first_dossier_id, batch.last_dossier_id = run.first_id, run.last_id
    batch.first_user_id = min(new_users) if new_users else None
    batch.last_user_id = max(new_users) if new_users else None
    batch.counts = run.counts
    batch.finished_at = timezone.now()
    batch.save()


def refresh_planner_statistics() -> None:
    """Fresh statistics, hint bits and visibility map after a bulk load.

    Without them the planner guesses from an empty table, and the first
    reader of every page pays for writing its hint bits. VACUUM cannot run
    inside a transaction (a test's): then only ANALYZE.

    Every table of the database, not a list: the load also writes payments,
    ratings, the synchronisation rows and the rollups, and a table left out
    is planned as empty. At 1M dossiers the 2.9M synchronisation rows, never
    analysed, made the indicator set's `unsent_late` scan them twice: 2.4 s,
    0.36 s after ANALYZE (docs/performance.md).
    """
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(command)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _existing_sequences(plan: Plan, days: list[date]) -> dict[tuple[str, date], int]:
    if not days:
        return {}
    rows = DailySequence.objects.filter(
        prefix__in=set(plan.centre_codes.values()), day__gte=days[0], day__lte=days[-1]
    ).values_list("prefix", "day", "last")
    return {(prefix, day): last for prefix, day, last in rows}


def _simulate_days(
    run: _Run, counts: list[int], days: list[date], progress: Progress | None
) -> None:
    plan, ctx = run.plan, run.ctx
    rng, clock = ctx.rng, ctx.clock
    cum = list(accumulate(plan.route_weights))
    indexes = range(len(plan.routes))
    centre_ids = sorted(plan.centres)
    online = online_share(plan)
    pattern = settings.DOSSIER_CODE_PATTERN
    total, done = sum(counts), 0
    for day, count in zip(days, counts, strict=True):
        if not count:
            continue
        start = clock.day_start(day)
        assert start is not None  # noqa: S101 - days come from the clock
        picks = rng.choices(indexes, cum_weights=cum, k=count)
        # Sorted receipt times: a centre's numbers follow the order of arrival.
        times = sorted(rng.randrange(60, clock.day_seconds - 60) for _i in range(count))
        for pick, offset in zip(picks, times, strict=True):
            route = plan.routes[pick]
            channel = _channel(rng, route, online)
            centre = _centre(rng, route, channel, centre_ids)
            t0 = start + offset
            code = None
            if rng.random() >= P_REFUSED_AT_DESK:
                code = _code(run, pattern, centre, day, clock.moment(t0))
            life = simulate(ctx, route, centre, channel, t0, code)
            life.extras = add_extras(
                run.extras_rng, route, life.dossier, ctx.now_at, life.supplements
            )
            run.buffer.append(life)
            if len(run.buffer) >= run.size:
                _flush(run)
                done += run.size
                if progress is not None:
                    progress(done, total)
    _flush(run)
    if progress is not None and done < total:
        progress(total, total)


def _code(run: _Run, pattern: str, centre: int, day: date, moment: datetime) -> str:
    """The next number of the centre's day, as the desk gives it (DailySequence)."""
    key = (run.plan.centre_codes[centre], day)
    number = run.sequences.get(key, 0) + 1
    run.sequences[key] = number
    run.touched.add(key)
    return str(pattern.format(agency=key[0], date=moment, seq=number))


def _simulate_on_time(run: _Run, counts: list[int], days: list[date], stop: datetime) -> None:
    """As `_simulate_days`, but every dossier accepted, on time and returned before `stop`.

    A life that ends otherwise (late, refused, withdrawn, two supplements,
    not yet returned) is drawn again: procedure, channel, time of day and
    fate, so the day keeps its count and the dossiers kept keep the shares
    of an ordinary desk. The day's numbers are then given in order of
    arrival. The draws differ from `_simulate_days`'s: a seed gives other
    dossiers here than there.
    """
    plan, ctx = run.plan, run.ctx
    rng, clock = ctx.rng, ctx.clock
    cum = list(accumulate(plan.route_weights))
    indexes = range(len(plan.routes))
    centre_ids = sorted(plan.centres)
    online = online_share(plan)
    pattern = settings.DOSSIER_CODE_PATTERN
    for day, count in zip(days, counts, strict=True):
        start = clock.day_start(day)
        assert start is not None  # noqa: S101 - days come from the clock
        kept: list[tuple[int, Route, Life]] = []
        for _slot in range(count):
            for _draw in range(MAX_DRAWS):
                route = plan.routes[rng.choices(indexes, cum_weights=cum)[0]]
                channel = _channel(rng, route, online)
                centre = _centre(rng, route, channel, centre_ids)
                t0 = start + rng.randrange(60, clock.day_seconds - 60)
                # The code is given once the day's order is known (below).
                life = simulate(ctx, route, centre, channel, t0, "")
                if _on_time_and_returned(life.dossier, stop):
                    kept.append((t0, route, life))
                    break
            else:
                raise InvalidInput(
                    SyntheticError.NOT_ON_TIME,
                    _("Không tạo được hồ sơ đúng hạn và đã trả kết quả trong ngày %s.")
                    % f"{day:%d/%m/%Y}",
                )
        kept.sort(key=lambda k: k[0])
        for t0, route, life in kept:
            f = life.dossier
            f["code"] = _code(run, pattern, int(f["receiving_unit_id"]), day, clock.moment(t0))
            life.extras = add_extras(run.extras_rng, route, f, ctx.now_at, life.supplements)
            run.buffer.append(life)
            if len(run.buffer) >= run.size:
                _flush(run)
    _flush(run)


def _on_time_and_returned(f: dict[str, object], stop: datetime) -> bool:
    returned = f.get("returned_at")
    return (
        f["status"] == DossierStatus.RETURNED
        and f.get("timeliness") in (Timeliness.EARLY, Timeliness.ON_TIME)
        and isinstance(returned, datetime)
        and returned < stop
    )


def _midnight_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=VN_TZ)


def _agency(province: Unit, code: str) -> Unit | None:
    if not code:
        return None
    agency = Unit.objects.filter(path__startswith=province.path, agency_code=code).first()
    if agency is None:
        raise InvalidInput(
            SyntheticError.AGENCY_NOT_FOUND, _("Không tìm thấy cơ quan có mã định danh %s.") % code
        )
    return agency


def _channel(rng: random.Random, route: Route, online: float) -> int:
    u = rng.random()
    if u < POSTAL_SHARE:
        return Channel.POSTAL
    if route.online and u < POSTAL_SHARE + online:
        return Channel.ONLINE
    return Channel.DIRECT


def _centre(rng: random.Random, route: Route, channel: int, centre_ids: list[int]) -> int:
    # Online applications go to the agency's own centre; at the desk, some
    # citizens use another centre of the province (phi địa giới).
    if channel != Channel.ONLINE and len(centre_ids) > 1 and rng.random() < P_OTHER_CENTRE:
        return rng.choice(centre_ids)
    return route.home_centre_id


def _flush(run: _Run) -> None:
    if not run.buffer:
        return
    lives, run.buffer = run.buffer, []
    with transaction.atomic():
        written = run.writer.write(lives)
        DailySequence.objects.bulk_create(
            [DailySequence(prefix=p, day=d, last=run.sequences[(p, d)]) for p, d in run.touched],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["prefix", "day"],
            update_fields=["last"],
        )
    run.touched = set()
    first, last = run.writer.first_id, run.writer.last_id
    run.first_id = first if run.first_id is None else min(run.first_id, first)
    run.last_id = last if run.last_id is None else max(run.last_id, last)
    for name, rows in written.items():
        run.counts[name] = run.counts.get(name, 0) + rows

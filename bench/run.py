"""`make bench`: the platform as in production, loaded with synthetic data, under wrk.

    .venv/bin/python bench/run.py [--dossiers N] [--duration 20] [--connections 32]

PostgreSQL when DATABASE_URL is set (the database is created if missing;
`test` and `postgres` are refused), otherwise SQLite in var/bench/. The data
(`egov generate`, under nice -n 10) is loaded once: a later run reuses it
when the database already holds enough synthetic dossiers. Then gunicorn
serves egov.wsgi with several workers on loopback, DEBUG off, and wrk
measures, in order: the floor (/api/v1/health), public tracking lookups of
random existing dossiers, reception through the API, forwarding at
reception, forwarding by the specialist, approval by the leader; then, at 8
connections (`--stats-connections`), the statistics of issue 20: the
leader's dashboard (province, last 12 months), the public statistics and
the inbox API ("mine" tab, first page); then, in process, what the rollup
maintenance adds to a reception and to a move (bench/maintenance.py); last,
the province's yearly report (last 12 months and last calendar year:
recomputed, from the rollups, and plain SQL).

10M dossiers: `--dossiers 10000000 --years 10` on PostgreSQL writes them
with COPY (`egov generate --method copy`, 20,000 per transaction). Prints JSON, writes it
to var/bench/results.json and the results section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scenarios import Session, get, login, wrk  # noqa: E402

BIN = ROOT / ".venv" / "bin"
PROVINCE = "80"
COMMUNE = "27694"  # Phường Long An: its centre and officers do the desk work
PROCEDURE = "1.001193"  # birth registration
BENCH_CACHE = "redis://127.0.0.1:6379/14"  # emptied at the start of every run
GOALS = {
    "lookup_share_of_floor": 0.70,
    "lookup_p99_ms": 25.0,
    "reception_share_of_floor": 0.30,
    "report_seconds": 1.0,
    "report_ratio_to_sql": 1.5,
    # Issue 20 (judged at every size; the 10M/100k ratio is read across runs).
    "statistics_p95_ms": 300.0,
    "yearly_report_rollups_s": 0.1,
    "maintenance_share_of_reception": 0.10,
}
LEADER = "lanhdao"  # the province's leader (egov/tools/demo/)
OFFICER = "chuyenvien.longan"  # a specialist with a queue of his own


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=None)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--stats-connections", type=int, default=8, help="connections of the statistics scenarios"
    )
    parser.add_argument(
        "--maintenance-calls", type=int, default=100, help="receptions and moves timed in process"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-docs", action="store_true", help="do not touch docs/performance.md")
    return parser.parse_args()


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="egov.settings",
        EGOV_DEBUG="0",
        EGOV_SECRET_KEY=secrets.token_urlsafe(48),
        EGOV_TRACKING_LOOKUP_LIMIT="100000000",
        EGOV_LOG_LEVEL="WARNING",
        # The demo leaders have no authenticator app: with two-factor
        # authentication required (issue 16) their requests would be refused
        # (the leader's approval and dashboard answered 403/302). The check
        # it skips is one session read per request.
        EGOV_REQUIRE_2FA="0",
    )
    if not env.get("DATABASE_URL"):
        env["EGOV_DATA_DIR"] = str(ROOT / "var" / "bench")
    if "EGOV_CACHE_URL" not in env and redis_answers():
        # As in production with several workers: the per-address lookup
        # counter and the tracking answers must be shared, or each worker
        # counts on its own.
        env["EGOV_CACHE_URL"] = BENCH_CACHE
    return env


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_database(url: str) -> str:
    """Create the PostgreSQL database named in the URL if missing; returns its name."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    if name in ("test", "postgres", "template0", "template1"):
        raise SystemExit(f"refusing to benchmark in the shared database {name!r}")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def load(args: argparse.Namespace, wanted: int) -> dict[str, Any]:
    from egov.tools.synthetic.models import SyntheticBatch

    have = sum(int(b.counts.get("dossiers", 0)) for b in SyntheticBatch.objects.all())
    if have >= wanted:
        return {"reused": True, "dossiers": have}
    command = ["nice", "-n", "10", str(BIN / "egov"), "generate"]
    command += [f"--dossiers={wanted - have}", f"--years={args.years}", f"--seed={args.seed}"]
    if os.environ.get("DATABASE_URL"):
        command.append("--method=copy")  # PostgreSQL's COPY: the path to 10M dossiers
    started = time.monotonic()
    subprocess.run(command, check=True)
    seconds = time.monotonic() - started
    return {
        "reused": False,
        "dossiers": wanted,
        "seconds": round(seconds, 1),
        "dossiers_per_s": round((wanted - have) / seconds),
    }


def machine() -> dict[str, Any]:
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "database": database,
        "python": sys.version.split()[0],
        "wrk": " ".join(wrk_version[:2]),
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
    }


def lookups_file(folder: Path, count: int = 20000) -> Path:
    from egov.onestop.dossiers.models import Dossier

    codes = Dossier.objects.exclude(code=None).order_by("?").values_list("code", "tracking_secret")
    path = folder / "lookups.txt"
    path.write_text("".join(f"{code} {secret}\n" for code, secret in codes[:count]))
    return path


def reception_body() -> str:
    from egov.onestop.procedures.models import Procedure
    from egov.platform.organisation.models import Unit, UnitKind

    commune = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code=COMMUNE)
    centre = Unit.objects.get(kind=UnitKind.SERVICE_CENTRE, parent=commune)
    procedure = Procedure.objects.get(code=PROCEDURE)
    documents = list(procedure.documents.filter(required=True).values_list("pk", flat=True))
    body = {
        "receiving_unit_id": centre.pk,
        "procedure_code": PROCEDURE,
        "agency_id": commune.pk,
        "applicant": {"name": "%NAME%", "id_number": "%ID%", "phone": "0912345678"},
        "received_document_ids": documents,
        "outcome": "accept",
    }
    return json.dumps(body)


def ids_at(folder: Path, name: str, user: str, since: float, position: int) -> tuple[Path, int]:
    """Dossiers received by the bench's officer since `since`, now at step `position`."""
    from datetime import UTC, datetime

    from egov.onestop.dossiers.models import Dossier

    ids = list(
        Dossier.objects.filter(
            received_by__username=user,
            created_at__gte=datetime.fromtimestamp(since, UTC),
            current_step__position=position,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    path = folder / f"{name}.txt"
    path.write_text("".join(f"{pk}\n" for pk in ids))
    return path, len(ids)


def start_server(args: argparse.Namespace, env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "egov.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _i in range(100):
        time.sleep(0.3)
        try:
            if get(args.port, "/api/v1/health")[0] == 200:
                return server
        except OSError:
            continue
    server.terminate()
    raise SystemExit("gunicorn did not answer /api/v1/health")


def run_scenarios(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    from egov.tools.demo.data import DEMO_PASSWORD

    port, common = args.port, {"connections": args.connections, "threads": args.threads}
    results: dict[str, Any] = {}
    wrk(port, "health.lua", "/api/v1/health", duration=3, **common)  # warm-up
    results["floor"] = wrk(port, "health.lua", "/api/v1/health", duration=args.duration, **common)
    # The answer cache is empty (main()): a dossier's first lookup reads the
    # database, a repeat within ANSWER_SECONDS (and before it changes) does not.
    lookups = lookups_file(folder)
    wrk(port, "tracking.lua", "/", duration=3, args=[str(lookups)], **common)  # warm-up
    results["lookup"] = wrk(
        port, "tracking.lua", "/", duration=args.duration, args=[str(lookups)], **common
    )
    # What a citizen's reload, a QR link opened twice or a polling app costs:
    # 1,000 of the same dossiers, their answers cached by the runs above.
    repeat = folder / "repeat.txt"
    repeat.write_text("".join(lookups.read_text().splitlines(keepends=True)[:1000]))
    results["lookup_repeat"] = wrk(
        port, "tracking.lua", "/", duration=args.duration / 2, args=[str(repeat)], **common
    )
    desk: Session = login(port, "tiepnhan.longan", DEMO_PASSWORD)
    since = time.time()
    results["reception"] = wrk(
        port,
        "reception.lua",
        "/",
        duration=args.duration,
        args=[desk.cookie, desk.csrf, reception_body()],
        **common,
    )
    moves = [
        ("forward_reception", "tiepnhan.longan", "forward", 1),
        ("forward_specialist", "chuyenvien.longan", "forward", 2),
        ("approve_leader", "lanhdao.longan", "approve", 3),
    ]
    # Each move needs a dossier reception made in this run, and a wrk thread
    # that runs out stops while wrk's clock keeps running to the end: the
    # rate would be the reception's count over the duration, not the moves'.
    # A quarter of the duration leaves room for moves up to four times as
    # fast as reception; a run that still ran out is flagged.
    move_duration = max(args.duration / 4, 3)
    for name, username, action, position in moves:
        session = login(port, username, DEMO_PASSWORD)
        path, count = ids_at(folder, name, "tiepnhan.longan", since, position)
        results[name] = wrk(
            port,
            "move.lua",
            "/",
            duration=move_duration,
            args=[session.cookie, session.csrf, action, str(path), str(args.threads)],
            **common,
        )
        results[name]["dossiers_available"] = count
        results[name]["ran_out"] = results[name]["requests"] + args.connections >= count
    return results


def checked_get(port: int, path: str, cookie: str = "") -> None:
    """One GET before a scenario: a page that does not answer 200 is no benchmark."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    if response.status != 200:
        raise SystemExit(f"GET {path}: HTTP {response.status}")


def statistics_paths() -> dict[str, str]:
    """The dashboard of the province for the last 12 months, the public statistics,
    the first page of the officer's "mine" tab."""
    from django.utils import timezone
    from report import last_twelve_months

    from egov.platform.organisation.models import Unit, UnitKind

    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code=PROVINCE)
    first, last = last_twelve_months(timezone.localdate())
    return {
        "dashboard": f"/thong-ke/?don_vi={province.pk}&tu={first.isoformat()}"
        f"&den={last.isoformat()}",
        "public_statistics": "/thong-ke/cong-khai/",
        "inbox_mine": "/api/v1/dossiers/?tab=mine",
    }


def run_statistics(args: argparse.Namespace) -> dict[str, Any]:
    """The statistics pages and the inbox API under `--stats-connections` clients."""
    from egov.tools.demo.data import DEMO_PASSWORD

    port = args.port
    common = {"connections": args.stats_connections, "threads": min(args.threads, 2)}
    leader = login(port, LEADER, DEMO_PASSWORD).cookie
    officer = login(port, OFFICER, DEMO_PASSWORD).cookie
    paths = statistics_paths()
    cookies = {"dashboard": leader, "public_statistics": "", "inbox_mine": officer}
    results: dict[str, Any] = {}
    for name, path in paths.items():
        started = time.monotonic()
        checked_get(port, path, cookies[name])  # also the cold request
        cold = round(time.monotonic() - started, 3)
        results[name] = wrk(
            port, "page.lua", path, duration=args.duration, args=[cookies[name]], **common
        )
        results[name] |= {"path": path, "first_request_s": cold}
    return results


def judge_statistics(
    statistics: dict[str, Any], maintenance: dict[str, Any], yearly: dict[str, Any]
) -> dict[str, Any]:
    def fast(figures: dict[str, Any]) -> bool:
        # A scenario whose every request failed (wrk's time-out) has no
        # latency at all: p95 0 must not pass (the 1M run of 2026-12-08).
        answered = figures["errors"] == 0 and figures["requests"] > 0
        return answered and figures["p95_ms"] < GOALS["statistics_p95_ms"]

    return {
        "zero_errors": all(r["errors"] == 0 for r in statistics.values()),
        "dashboard_p95_under_300_ms": fast(statistics["dashboard"]),
        "public_statistics_p95_under_300_ms": fast(statistics["public_statistics"]),
        "yearly_report_under_100_ms": yearly["rollups_s"] < GOALS["yearly_report_rollups_s"],
        "maintenance_at_most_10_percent_of_a_reception": maintenance["reception"]["share"]
        <= GOALS["maintenance_share_of_reception"],
    }


def judge(results: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    floor = results["floor"]["requests_per_s"] or 1.0
    for figures in results.values():
        figures["ratio_to_floor"] = round(figures["requests_per_s"] / floor, 3)
    lookup, reception = results["lookup"], results["reception"]
    return {
        "zero_errors": all(r["errors"] == 0 for r in results.values()),
        "lookup_share_of_floor": lookup["ratio_to_floor"] >= GOALS["lookup_share_of_floor"],
        "lookup_p99_under_25_ms": lookup["p99_ms"] < GOALS["lookup_p99_ms"],
        "reception_share_of_floor": reception["ratio_to_floor"]
        >= GOALS["reception_share_of_floor"],
        "report_within_1_s": report["statistics_s"] <= GOALS["report_seconds"],
        "report_within_1_5x_sql": report["ratio_statistics_to_sql"] <= GOALS["report_ratio_to_sql"],
    }


def main() -> None:
    args = arguments()
    env = environment()
    os.environ.update(env)
    postgres = bool(env.get("DATABASE_URL"))
    if postgres:
        ensure_database(env["DATABASE_URL"])
    else:
        Path(env["EGOV_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    wanted = args.dossiers or (1_000_000 if postgres else 50_000)
    subprocess.run([str(BIN / "egov"), "migrate", "--noinput", "-v0"], check=True, env=env)
    import django

    django.setup()
    from report import last_twelve_months, measure

    loaded = load(args, wanted)
    if env.get("EGOV_CACHE_URL") == BENCH_CACHE:
        # Every run starts cold: no lookup budget and no tracking answer
        # left from an earlier run.
        import redis

        redis.Redis.from_url(BENCH_CACHE).flushdb()
    info = machine()
    server = start_server(args, env)
    try:
        with tempfile.TemporaryDirectory(prefix="egov-bench-") as folder:
            results = run_scenarios(args, Path(folder))
        stats_results = run_statistics(args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    from maintenance import measure as measure_maintenance

    maintenance = measure_maintenance(COMMUNE, PROCEDURE, args.maintenance_calls)
    from django.utils import timezone

    today = timezone.localdate()
    first, last = last_twelve_months(today)
    report = measure(PROVINCE, first, last)
    calendar_year = measure(PROVINCE, date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    output = {
        "date": today.isoformat(),
        "machine": {**info, "load_average_after": Path("/proc/loadavg").read_text().split()[:3]},
        "setup": {
            "server": f"gunicorn egov.wsgi -w {args.workers} (sync workers), DEBUG off"
            + f", cache {env.get('EGOV_CACHE_URL') or 'in-process memory'}",
            "wrk": f"-t{args.threads} -c{args.connections} -d{int(args.duration)}s"
            + f" (moves -d{int(max(args.duration / 4, 3))}s;"
            + f" statistics -c{args.stats_connections})",
            "data": loaded,
        },
        "scenarios": results,
        "statistics": stats_results,
        "maintenance": maintenance,
        "report_last_12_months": report,
        "report_last_calendar_year": calendar_year,
    }
    output["goals_met"] = judge(results, report)
    output["statistics_goals_met"] = judge_statistics(stats_results, maintenance, calendar_year)
    text = json.dumps(output, indent=2, ensure_ascii=False, default=str)
    print(text)
    out = ROOT / "var" / "bench" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n")
    if not args.no_docs:
        from results_doc import write_results

        write_results(ROOT / "docs" / "performance.md", output)


if __name__ == "__main__":
    main()

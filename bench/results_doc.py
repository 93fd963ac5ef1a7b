"""Write a bench run's figures into docs/performance.md, between two markers.

Everything outside the markers is written by people and kept as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"
NAMES = {
    "floor": "Floor: GET /api/v1/health",
    "lookup": "Public tracking lookup (20,000 random dossiers, cache empty at start)",
    "lookup_repeat": "Tracking lookup, repeated (1,000 dossiers, answers cached)",
    "reception": "Reception: POST /api/v1/dossiers/ (accept)",
    "forward_reception": "Forward at reception (move)",
    "forward_specialist": "Forward by the specialist (move)",
    "approve_leader": "Approve by the leader (move)",
    "dashboard": "Leader's dashboard /thong-ke/ (province, last 12 months)",
    "public_statistics": "Public statistics /thong-ke/cong-khai/",
    "inbox_mine": "Inbox API, tab mine, first page",
}


def _yes(value: bool) -> str:
    return "met" if value else "**missed**"


def render(output: dict[str, Any]) -> str:
    m, setup = output["machine"], output["setup"]
    data = setup["data"]
    lines = [
        START,
        f"### Run of {output['date']}",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['database']};"
        f" Python {m['python']}; {m['wrk']}.",
        f"- Load average before/after (other work on the machine): "
        f"{' '.join(m['load_average'])} / {' '.join(m['load_average_after'])}.",
        f"- Server: {setup['server']}; load generator: wrk {setup['wrk']} on the same machine.",
        f"- Data: {data['dossiers']:,} synthetic dossiers"
        + (
            " (reused from an earlier run)."
            if data.get("reused")
            else f", generated in {data['seconds']} s ({data['dossiers_per_s']:,} dossiers/s)."
        ),
        "",
        "| scenario | req/s | × floor | p50 ms | p95 ms | p99 ms | errors | requests |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, r in output["scenarios"].items():
        lines.append(
            f"| {NAMES.get(key, key)} | {'≥ ' if r.get('ran_out') else ''}"
            f"{r['requests_per_s']:,.1f} | {r['ratio_to_floor']:.2f} "
            f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} "
            f"| {r['requests']:,} |"
        )
    lines += [
        "",
        "| yearly on-time report, province | period | dossiers received | "
        "report (s) | counts only, ORM (s) | plain SQL (s) | report ÷ SQL |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for key, label in (
        ("report_last_12_months", "last 12 months"),
        ("report_last_calendar_year", "last calendar year"),
    ):
        r = output[key]
        lines.append(
            f"| {label} | {r['period'][0]} – {r['period'][1]} "
            f"| {r['dossiers_received_in_period']:,} | {r['statistics_s']:.3f} "
            f"| {r['orm_counts_s']:.3f} | {r['plain_sql_s']:.3f} "
            f"| {r['ratio_statistics_to_sql']:.2f} |"
        )
    lines += _statistics(output)
    goals = output["goals_met"]
    lines += [
        "",
        "Goals: zero errors "
        + _yes(goals["zero_errors"])
        + "; lookups ≥ 70% of the floor "
        + _yes(goals["lookup_share_of_floor"])
        + ", p99 < 25 ms "
        + _yes(goals["lookup_p99_under_25_ms"])
        + "; reception ≥ 30% of the floor "
        + _yes(goals["reception_share_of_floor"])
        + "; report ≤ 1 s "
        + _yes(goals["report_within_1_s"])
        + ", ≤ 1.5× plain SQL "
        + _yes(goals["report_within_1_5x_sql"])
        + ".",
        END,
    ]
    return "\n".join(lines)


def _statistics(output: dict[str, Any]) -> list[str]:
    """Issue 20's figures: the statistics under load, the rollup maintenance,
    the yearly report from the rollups."""
    if "statistics" not in output:
        return []
    lines = [
        "",
        "| statistics (issue 20) | req/s | p50 ms | p95 ms | p99 ms | first request s "
        "| errors | requests |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, r in output["statistics"].items():
        lines.append(
            f"| {NAMES.get(key, key)} (-c{r['connections']}) | {r['requests_per_s']:,.1f} "
            f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {r['first_request_s']:.2f} | {r['errors']} | {r['requests']:,} |"
        )
    lines += [
        "",
        "| rollup maintenance, in process | calls | call median ms "
        "| maintenance median ms | statements | share of the call |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, m in output["maintenance"].items():
        lines.append(
            f"| {key} | {m['calls']} | {m['call_median_ms']:.2f} "
            f"| {m['maintenance_median_ms']:.2f} | {m['maintenance_statements_median']} "
            f"| {m['share']:.1%} |"
        )
    lines += ["", "| yearly report, province | recomputed (s) | rollups (s) | indicator set (s) |"]
    lines.append("|---|---:|---:|---:|")
    for key, label in (
        ("report_last_12_months", "last 12 months"),
        ("report_last_calendar_year", "last calendar year"),
    ):
        r = output[key]
        lines.append(
            f"| {label} | {r['statistics_s']:.3f} | {r['rollups_s']:.3f} "
            f"| {r['indicator_set_s']:.3f} |"
        )
    goals = output["statistics_goals_met"]
    lines += [
        "",
        "Issue 20's goals at this size: zero errors "
        + _yes(goals["zero_errors"])
        + "; dashboard p95 < 300 ms "
        + _yes(goals["dashboard_p95_under_300_ms"])
        + "; public statistics p95 < 300 ms "
        + _yes(goals["public_statistics_p95_under_300_ms"])
        + "; yearly report < 100 ms "
        + _yes(goals["yearly_report_under_100_ms"])
        + "; maintenance ≤ 10% of a reception "
        + _yes(goals["maintenance_at_most_10_percent_of_a_reception"])
        + ".",
    ]
    return lines


def write_results(path: Path, output: dict[str, Any]) -> None:
    text = path.read_text() if path.exists() else "# Performance\n\n## Results\n\n"
    section = render(output)
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)

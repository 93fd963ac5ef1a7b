"""The document office at scale: its inbox, a register page and search at N documents.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_office \\
        .venv/bin/python bench/office.py --documents 1000000 [--requests 60]

Issue 11, item 10: at 1 million and at 5 million incoming documents of the
demo province's People's Committee, the p95 of each page should stay flat
as the data grows. The data is added once (`egov generate --documents`,
then `office_search_reindex --missing`): a later run with a larger number
only adds the difference, so 1M then 5M measures the same pages on growing
data. Requests go through Django's test client in this process (the view,
its queries and the template, without HTTP): what grows with the data is
the database work, which this isolates. Prints JSON and writes
var/bench/office-<N>.json; docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (not test): the goal is on PostgreSQL.")
    os.environ.setdefault("EGOV_SECRET_KEY", secrets.token_urlsafe(40))
    # Staff would be sent to set up two-factor login first (on outside DEBUG);
    # the bench measures the pages behind it.
    os.environ.setdefault("EGOV_REQUIRE_2FA", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egov.settings")
    import django

    django.setup()


def _fill(target: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection

    from egov.office.documents.models import IncomingDocument

    timings: dict[str, float] = {}
    have = IncomingDocument.objects.count()
    if have < target:
        started = time.monotonic()
        call_command("generate", dossiers=10, years=4, documents=target - have, batch=20000)
        timings["generate_seconds"] = round(time.monotonic() - started, 1)
    started = time.monotonic()
    call_command("office_search_reindex", missing=True, batch=5000)
    timings["index_seconds"] = round(time.monotonic() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return timings


def _people() -> dict[str, Any]:
    from django.db.models import Count

    from egov.office.documents.models import Holder, HolderStatus
    from egov.platform.accounts.models import Membership, Role, User
    from egov.platform.organisation.models import Unit, UnitKind

    body = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
    clerk = User.objects.filter(memberships__unit=body, memberships__role=Role.CLERK).first()
    leader = User.objects.filter(memberships__unit=body, memberships__role=Role.LEADER).first()
    # The department with staff holding the most open documents (synthetic
    # holdings are a unit's, which every member of it sees in their inbox) and
    # one of its staff. Larger runs also hold documents in units without staff.
    staffed = Membership.objects.values("unit")
    busiest = (
        Holder.objects.filter(status=HolderStatus.OPEN, unit__in=staffed)
        .values("unit")
        .annotate(open=Count("pk"))
        .order_by("-open")
        .first()
    )
    member = (
        None
        if busiest is None
        else User.objects.filter(memberships__unit_id=busiest["unit"]).order_by("pk").first()
    )
    if clerk is None or leader is None or busiest is None or member is None:
        sys.exit(
            "The bench database has no clerk, leader or open holding: run egov generate first."
        )
    return {
        "clerk": clerk,
        "leader": leader,
        "specialist": member,
        "specialist_open": busiest["open"],
    }


def _measure(client: Any, path: str, requests: int) -> dict[str, float]:
    for _warm in range(3):
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    times = []
    for _run in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "max_ms": round(times[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, required=True)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument(
        "--pages", default="", help="comma-separated page names to measure (default: all)"
    )
    options = parser.parse_args()
    _setup()
    from django.test import Client

    from egov.office.documents.models import IncomingDocument
    from egov.office.search.models import SearchEntry

    timings = _fill(options.documents)
    people = _people()
    pages = {
        # The specialist holding the most open documents: their inbox, first page.
        "inbox_specialist": ("specialist", "/van-ban/den/xu-ly/"),
        "inbox_leader": ("leader", "/van-ban/den/xu-ly/"),
        # The clerk's incoming register list, first page and a page deep in it.
        "register_first_page": ("clerk", "/van-ban/den/"),
        "register_page_200": ("clerk", "/van-ban/den/?page=200"),
        # Search: words of one synthetic summary in twelve (matched by about 8% of
        # the documents), for the clerk and for the specialist, who sees only their
        # department's part; and a number and symbol, matched by a few documents.
        "search_common_words": ("clerk", "/van-ban/tim-kiem/?q=dich+vu+cong+truc+tuyen"),
        "search_rare_word": ("clerk", "/van-ban/tim-kiem/?q=quy+che+lam+viec"),
        "search_specialist": ("specialist", "/van-ban/tim-kiem/?q=quy+che+lam+viec"),
        "search_notation": ("clerk", "/van-ban/tim-kiem/?q=1234%2FBTP"),
    }
    results: dict[str, Any] = {
        "documents": IncomingDocument.objects.count(),
        "search_entries": SearchEntry.objects.count(),
        "specialist_open_documents": people["specialist_open"],
        **timings,
    }
    clients: dict[str, Client] = {}
    for role in ("clerk", "leader", "specialist"):
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        clients[role].force_login(people[role])
    chosen = set(filter(None, options.pages.split(","))) or set(pages)
    for name, (role, path) in pages.items():
        if name in chosen:
            results[name] = _measure(clients[role], path, options.requests)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    out = ROOT / "var" / "bench" / f"office-{options.documents}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

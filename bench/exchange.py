"""The exchange hub on loopback: messages per second with 1 MB attachments, send to 01.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_exchange \\
        .venv/bin/python bench/exchange.py [--messages 50]

Serves this deployment's hub (egov/office/exchange/hub) with a threaded WSGI
server on 127.0.0.1 and runs two agencies of the same database against it
over HTTP with the real client (EXCHANGE_ROUTING=hub), as the tests do:

1. `messages` issued documents, each with a 1 MB PDF attachment, are queued
   and sent to the hub (the sender's drain: build, submit): messages/s in;
2. the receiving agency fetches, accepts (parse, store, queue 01) and
   acknowledges them: messages/s out;
3. the receiver sends its 01 statuses and the sender fetches them; then
   `latency` more documents one at a time, each timed from its send to its 01
   in the sender's timeline (p50, p95), the worker's rounds back to back.

The database is migrated and the bench's own units are added once (a unit
per agency, codes 000.00.91.H99 and 000.00.92.H99). Prints JSON and writes
var/bench/exchange-<N>.json; docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENDER, RECEIVER = "000.00.91.H99", "000.00.92.H99"
TOKEN = secrets.token_urlsafe(16)


def _setup() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (not test).")
    os.environ.setdefault("EGOV_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egov.settings")
    os.environ["EGOV_EXCHANGE_ROUTING"] = "hub"
    os.environ["EGOV_EXCHANGE_HUB_CLIENTS"] = f"{TOKEN}=*"
    os.environ["EGOV_EXCHANGE_HUB_TOKEN"] = TOKEN
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The bench's PDFs and messages (1 MB each) go to a throwaway folder.
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="egov-bench-exchange-")

    call_command("migrate", verbosity=0)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _Threaded(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _serve() -> str:
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=_Threaded, handler_class=_Quiet
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/api/v1/exchange/hub"
    settings.EXCHANGE_HUB_URL = url
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    return url


def _agencies() -> tuple[Any, Any, Any]:
    from egov.office.documents.models import DocumentType
    from egov.platform.accounts.models import User
    from egov.platform.accounts.services import create_account
    from egov.platform.organisation.models import Unit
    from egov.platform.organisation.services import create_unit

    units = []
    for code, name in ((SENDER, "Cơ quan gửi (bench)"), (RECEIVER, "Cơ quan nhận (bench)")):
        unit = Unit.objects.filter(agency_code=code).first()
        units.append(
            unit or create_unit(actor=None, name=name, kind="department", agency_code=code)
        )
    user = User.objects.filter(username="bench.exchange").first() or create_account(
        actor=None, username="bench.exchange", password=secrets.token_urlsafe(16), full_name="Bench"
    )
    return units[0], units[1], (user, DocumentType.objects.order_by("pk").first())


def _queue(count: int, sender: Any, people: tuple[Any, Any]) -> list[Any]:
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    from egov.office.documents.models import (
        OutgoingDocument,
        OutgoingRecipient,
        OutgoingStatus,
        OutgoingVersion,
        RecipientKind,
    )
    from egov.office.exchange.outbox import queue_documents

    user, document_type = people
    attachment = b"%PDF-1.7\n" + os.urandom(1024 * 1024 - 9)
    run = secrets.token_hex(3)
    documents = []
    for n in range(1, count + 1):
        with transaction.atomic():
            document = OutgoingDocument.objects.create(
                body=sender,
                drafting_unit=sender,
                document_type=document_type,
                summary=f"Văn bản thử {n} của lượt {run}",
                drafter=user,
                signer=user,
                status=OutgoingStatus.ISSUED,
                number=n,
                notation=f"{n}/{run}-BENCH",
                issued_on=timezone.localdate(),
                issued_at=timezone.now(),
                issued_by=user,
            )
            version = OutgoingVersion(document=document, number=1, created_by=user)
            version.file.save(f"{run}-{n}.pdf", ContentFile(attachment), save=False)
            version.save()
            OutgoingRecipient.objects.create(
                document=document, kind=RecipientKind.EXCHANGE, organ_id=RECEIVER, name="Nhận"
            )
            queue_documents(document)
        documents.append(document)
    return documents


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=50)
    parser.add_argument("--latency", type=int, default=20)
    args = parser.parse_args()
    _setup()
    from egov.office.exchange.fetch import fetch_pending
    from egov.office.exchange.models import StatusEntry
    from egov.office.exchange.outbox import send_pending

    _serve()
    sender, receiver, people = _agencies()
    documents = _queue(args.messages, sender, people)
    started = time.monotonic()
    sent = send_pending(limit=args.messages).sent
    submitted = time.monotonic()
    taken = 0
    while taken < args.messages:
        report = fetch_pending(limit=50, organs=[RECEIVER])
        if report.accepted == 0:
            break
        taken += report.accepted
    fetched = time.monotonic()
    send_pending(limit=args.messages)
    fetch_pending(limit=200, organs=[SENDER])
    arrived = StatusEntry.objects.filter(recipient__document__in=documents, code="01").count()
    # One document at a time, as a quiet day sends them: its send to its 01 back.
    waits = []
    for document in _queue(args.latency, sender, people):
        begun = time.monotonic()
        send_pending(limit=5)
        fetch_pending(limit=5, organs=[RECEIVER])
        send_pending(limit=5)
        fetch_pending(limit=5, organs=[SENDER])
        if StatusEntry.objects.filter(recipient__document=document, code="01").exists():
            waits.append(time.monotonic() - begun)
    waits.sort()
    result = {
        "messages": args.messages,
        "attachment_bytes": 1024 * 1024,
        "sent": sent,
        "accepted": taken,
        "statuses_01": arrived,
        "submit_per_second": round(sent / (submitted - started), 2),
        "fetch_accept_per_second": round(taken / (fetched - submitted), 2),
        "latency_documents": len(waits),
        "send_to_01_p50_seconds": round(statistics.median(waits), 2) if waits else None,
        "send_to_01_p95_seconds": round(waits[int(len(waits) * 0.95) - 1], 2) if waits else None,
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "var" / "bench" / f"exchange-{args.messages}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    from django.conf import settings

    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The second deployment of test_two_deployments.py: `python -m ... setup` or `... work`.

`setup` migrates its own database and makes its one agency (Tỉnh Lâm Đồng) with
a clerk and a leader; `work` is its worker: the exchange's send and fetch in a
loop, as the platform's worker runs them every few seconds (with
EXCHANGE_TEST_TIME_PASSES=1, the back-off's delays made due each round).
`answer N` is B's clerk once N documents have arrived: registers every tenth
(status 03) and refuses the others (02), in the order they arrived, and prints
`{notation: code}` as JSON. `report` prints what B holds as JSON: the received
documents (notation, sender, state) in arrival order, its outbox's rows per
delivery status and the number of messages it refused on arrival.
"""

from __future__ import annotations

import json
import os
import sys
import time

import django

LAM_DONG = "000.00.00.H36"
CLERK = "vanthu.lamdong"
PASSWORD = "correct-horse-42"  # noqa: S105 - a test account of a throw-away database


def setup() -> None:
    from django.core.management import call_command  # noqa: PLC0415 - after django.setup

    from egov.platform.accounts.models import Role  # noqa: PLC0415
    from egov.platform.accounts.services import create_account, grant_role  # noqa: PLC0415
    from egov.platform.organisation.models import UnitKind  # noqa: PLC0415
    from egov.platform.organisation.services import create_unit  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    body = create_unit(
        actor=None,
        name="Tỉnh Lâm Đồng",
        kind=UnitKind.PROVINCE,
        stat_code="68",
        agency_code=LAM_DONG,
    )
    for username, name, role in [
        (CLERK, "Phan Thị Ngọc", Role.CLERK),
        ("lanhdao.lamdong", "Đỗ Văn Khánh", Role.LEADER),
    ]:
        user = create_account(actor=None, username=username, password=PASSWORD, full_name=name)
        grant_role(actor=None, user=user, unit=body, role=role)


def work() -> None:
    from datetime import timedelta  # noqa: PLC0415

    from django.utils import timezone  # noqa: PLC0415

    from egov.office.exchange.fetch import fetch_pending  # noqa: PLC0415 - after django.setup
    from egov.office.exchange.models import OutboundMessage  # noqa: PLC0415
    from egov.office.exchange.outbox import send_pending  # noqa: PLC0415
    from egov.platform.outbox.contract import DeliveryStatus  # noqa: PLC0415

    time_passes = os.environ.get("EXCHANGE_TEST_TIME_PASSES") == "1"
    while True:
        if time_passes:
            OutboundMessage.objects.filter(status=DeliveryStatus.PENDING).update(
                next_attempt_at=timezone.now() - timedelta(seconds=1)
            )
        sending = send_pending(limit=50)
        fetching = fetch_pending(limit=50)
        # Through a failing hub a round moves about one message before a
        # failure ends it: the next round follows at once while there is work
        # (1,000 documents are some 2,000 rounds), and the idle worker waits.
        busy = sending.sent + sending.retried + fetching.accepted + fetching.failed
        time.sleep(0.01 if busy else 0.2)


def answer(count: int) -> None:
    from egov.office.exchange import intake  # noqa: PLC0415 - after django.setup
    from egov.office.exchange.models import ReceivedDocument  # noqa: PLC0415
    from egov.platform.accounts.models import User  # noqa: PLC0415

    while ReceivedDocument.objects.count() < count:
        time.sleep(0.5)
    clerk = User.objects.get(username=CLERK)
    codes: dict[str, str] = {}
    for index, item in enumerate(ReceivedDocument.objects.order_by("pk")):
        if index % 10 == 0:
            intake.register_received(actor=clerk, received=item)
            codes[item.notation] = "03"
        else:
            intake.refuse_received(actor=clerk, received=item, reason="Không thuộc thẩm quyền")
            codes[item.notation] = "02"
    print(json.dumps(codes))


def report() -> None:
    from django.db.models import Count  # noqa: PLC0415 - after django.setup

    from egov.office.exchange.models import (  # noqa: PLC0415
        InboundFault,
        OutboundMessage,
        ReceivedDocument,
    )

    received = ReceivedDocument.objects.order_by("pk").values_list(
        "notation", "sender_organ", "state"
    )
    outbox = OutboundMessage.objects.values_list("status").annotate(n=Count("pk"))
    faults = InboundFault.objects.count()
    print(json.dumps({"received": list(received), "outbox": dict(outbox), "faults": faults}))


if __name__ == "__main__":
    django.setup()
    if sys.argv[1] == "answer":
        answer(int(sys.argv[2]))
    else:
        {"setup": setup, "work": work, "report": report}[sys.argv[1]]()

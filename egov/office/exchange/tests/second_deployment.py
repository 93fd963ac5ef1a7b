"""The second deployment of test_two_deployments.py: `python -m ... setup` or `... work`.

`setup` migrates its own database and makes its one agency (Tỉnh Lâm Đồng) with
a clerk and a leader; `work` is its worker: the exchange's send and fetch in a
loop, as the platform's worker runs them every few seconds.
"""

from __future__ import annotations

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
    from egov.office.exchange.fetch import fetch_pending  # noqa: PLC0415 - after django.setup
    from egov.office.exchange.outbox import send_pending  # noqa: PLC0415

    while True:
        send_pending(limit=50)
        fetch_pending(limit=50)
        time.sleep(0.2)


if __name__ == "__main__":
    django.setup()
    {"setup": setup, "work": work}[sys.argv[1]]()

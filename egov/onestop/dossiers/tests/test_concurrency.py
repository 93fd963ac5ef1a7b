"""Many desks receiving at the same moment never share a dossier code."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import close_old_connections, connection

from egov.conftest import Cast, Province, make_staff
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.services import accept_dossier
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.accounts.models import Role

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DESKS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_reception_gives_unique_sequential_codes(
    desk: Desk, cast: Cast, province: Province
) -> None:
    officers = [
        make_staff(f"tiepnhan{i}", f"Cán bộ {i}", (province.long_an_centre, Role.RECEPTION))
        for i in range(DESKS)
    ]
    barrier = threading.Barrier(DESKS)
    codes: list[str] = []
    errors: list[BaseException] = []

    def desk_worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            dossier = receive(desk, cast, province, actor=officers[index])
            codes.append(str(dossier.code))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=desk_worker, args=(i,)) for i in range(DESKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    today = datetime.now(VN).strftime("%y%m%d")
    assert sorted(codes) == [f"001.01.30.H53-{today}-{n:04d}" for n in range(1, DESKS + 1)]
    assert Dossier.objects.count() == DESKS


@pytest.mark.django_db(transaction=True)
def test_double_click_on_accept_accepts_once(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province, outcome="supplement", items=["Giấy chứng sinh"])
    Dossier.objects.filter(pk=dossier.pk).update(status=1)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def click() -> None:
        try:
            barrier.wait(timeout=10)
            accept_dossier(actor=cast.reception, dossier=dossier)
            outcomes.append("accepted")
        except Exception as exc:  # noqa: BLE001 - the second click's refusal is the point
            outcomes.append(getattr(exc, "code", repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # The second click waits for the first one's lock, then finds it accepted.
    assert sorted(outcomes) == ["accepted", "transition_not_allowed"]
    assert Dossier.objects.filter(code__isnull=False).count() == 1

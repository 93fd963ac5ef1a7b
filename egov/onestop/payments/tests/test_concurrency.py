"""Two deliveries of the same IPN at the same moment apply it once.

Gateways retry, and a retry can overtake a slow first delivery. The payment
row lock makes the second wait and then find it settled ("02"). Run on
SQLite (IMMEDIATE transactions queue writers) and on PostgreSQL (row lock).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.payments.conftest import bank_params, pause_for_payment
from egov.onestop.payments.models import CallbackLog, Payment, PaymentStatus
from egov.onestop.payments.services import handle_ipn, start_payment
from egov.platform.audit.models import AuditEvent

DELIVERIES = 2


@pytest.mark.django_db(transaction=True)
def test_two_ipns_at_once_apply_once(desk: Desk, cast: Cast, province: Province) -> None:
    # Given a dossier waiting for 50.000 đồng and a payment of it at the bank
    dossier = pause_for_payment(desk, cast, province)
    payment, _url = start_payment(actor=cast.citizen, dossier=dossier, purpose="obligation")
    params = bank_params(payment)
    barrier = threading.Barrier(DELIVERIES)
    answers: list[str] = []
    errors: list[BaseException] = []

    def deliver() -> None:
        try:
            barrier.wait(timeout=10)
            answers.append(handle_ipn(params, "127.0.0.1")["RspCode"])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    # When the same signed confirmation arrives twice at the same moment
    threads = [threading.Thread(target=deliver) for _ in range(DELIVERIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Then one applies it and the other finds it already confirmed
    assert errors == []
    assert sorted(answers) == ["00", "02"]
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PAID
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.PROCESSING
    assert AuditEvent.objects.filter(event_type="dossiers.payment_confirmed").count() == 1
    assert AuditEvent.objects.filter(event_type="payments.paid").count() == 1
    assert sorted(CallbackLog.objects.values_list("reason", flat=True)) == [
        "already_confirmed",
        "paid",
    ]

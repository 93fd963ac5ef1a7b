"""Whether a dossier's fees were paid online, for the dossier desk.

Apart from selectors.py and services.py, which read the dossiers app: the
desk (its action panel and `request_payment`) asks this without importing
what imports it back.
"""

from __future__ import annotations

from egov.onestop.payments.models import Payment, PaymentStatus


def paid_payment(dossier_id: int) -> Payment | None:
    """The latest payment the gateway confirmed for the dossier, if any."""
    return (
        Payment.objects.filter(dossier_id=dossier_id, status=PaymentStatus.PAID)
        .order_by("-paid_at", "-pk")
        .first()
    )


def dossier_paid(dossier_id: int) -> bool:
    """The gateway confirmed a payment of the dossier's fees or obligations."""
    return Payment.objects.filter(dossier_id=dossier_id, status=PaymentStatus.PAID).exists()

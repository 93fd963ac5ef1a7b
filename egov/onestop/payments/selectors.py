"""Reads of payments: what a dossier's page shows about paying."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus
from egov.onestop.dossiers.permissions import visible_dossiers
from egov.onestop.payments.errors import PaymentError
from egov.onestop.payments.gateways.base import ATTEMPT_LIFETIME
from egov.onestop.payments.models import Payment, PaymentPurpose, PaymentStatus, Reconciliation
from egov.onestop.procedures.fees import FeeQuote, fee_quote
from egov.platform.accounts.access import root_paths
from egov.platform.accounts.models import User
from egov.platform.core.errors import NotFound

_CLOSED = frozenset({DossierStatus.NOT_ACCEPTED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED})


# A pending attempt the citizen left: another one of the same purpose
# followed it or went through, or the gateway no longer takes it.
ABANDONED = "abandoned"
ABANDONED_LABEL = _lazy("Không hoàn tất")
# How each gateway is named to staff (the channel a fee was paid through).
GATEWAY_LABELS = {
    "vnpay": _lazy("Trực tuyến qua VNPAY"),
    "sandbox": _lazy("Trực tuyến qua cổng thanh toán thử nghiệm"),
}


@dataclass(frozen=True)
class PaymentLine:
    txn_ref: str
    purpose: str
    purpose_label: str
    amount_vnd: int
    status: str
    status_label: str
    created_at: datetime
    paid_at: datetime | None
    bank_txn_no: str
    gateway: str

    @property
    def channel_label(self) -> str:
        return str(GATEWAY_LABELS.get(self.gateway, _("Trực tuyến qua %s") % self.gateway))


@dataclass(frozen=True)
class PaymentSummary:
    dossier_id: int
    # The account allowed to pay (the online applicant), if any.
    applicant_user_id: int | None
    # The procedure's fees and charges, and whether a payment of them went through.
    fee_vnd: int
    # False while the provincial council's amount is not entered (fee_vnd is 0 then).
    fee_set: bool
    fee_paid: bool
    fee_payable: bool
    # Fees or taxes asked for while the dossier waits in status 6 (0 otherwise).
    obligation_vnd: int
    payments: list[PaymentLine]

    @property
    def has_anything(self) -> bool:
        return bool(self.fee_vnd or not self.fee_set or self.obligation_vnd or self.payments)


def dossier_fee(dossier: Dossier) -> FeeQuote:
    """The fees of the dossier as submitted: its procedure, channel and agency."""
    procedure = dossier.procedure
    # The agency is only read (a query unless selected) when the council sets the fee.
    agency = dossier.agency if procedure.fee_set_by_council else None
    return fee_quote(procedure, online=dossier.channel == Channel.ONLINE, agency=agency)


def payment_summary(dossier: Dossier) -> PaymentSummary:
    """The payment status of a dossier, for the citizen's and the officer's pages.

    One query for the payments (the dossier's procedure is read from the
    dossier; select it with the dossier to keep it at one).
    """
    rows = list(Payment.objects.filter(dossier=dossier).order_by("-created_at", "-pk"))
    quote = dossier_fee(dossier)
    fee_vnd = quote.total_vnd or 0
    fee_paid = any(p.purpose == PaymentPurpose.FEE and p.status == PaymentStatus.PAID for p in rows)
    waiting = dossier.status == DossierStatus.FINANCIAL
    return PaymentSummary(
        dossier_id=dossier.pk,
        applicant_user_id=dossier.applicant_user_id,
        fee_vnd=fee_vnd,
        fee_set=quote.is_set,
        fee_paid=fee_paid,
        fee_payable=fee_vnd > 0 and not fee_paid and dossier.status not in _CLOSED,
        obligation_vnd=int(dossier.payment_due_vnd) if waiting else 0,
        payments=[_line(p, rows) for p in rows],
    )


def _shown_status(payment: Payment, rows: list[Payment]) -> str:
    """The status shown for one attempt among the dossier's `rows` (newest first)."""
    if payment.status != PaymentStatus.PENDING:
        return payment.status
    same = [p for p in rows if p.purpose == payment.purpose and p.pk != payment.pk]
    followed = any(
        p.status == PaymentStatus.PAID or (p.created_at, p.pk) > (payment.created_at, payment.pk)
        for p in same
    )
    if followed or payment.created_at + ATTEMPT_LIFETIME < timezone.now():
        return ABANDONED
    return payment.status


def _line(payment: Payment, rows: list[Payment]) -> PaymentLine:
    status = _shown_status(payment, rows)
    label = ABANDONED_LABEL if status == ABANDONED else PaymentStatus(status).label
    return PaymentLine(
        txn_ref=payment.txn_ref,
        purpose=payment.purpose,
        purpose_label=str(PaymentPurpose(payment.purpose).label),
        amount_vnd=payment.amount_vnd,
        status=status,
        status_label=str(label),
        created_at=payment.created_at,
        paid_at=payment.paid_at,
        bank_txn_no=payment.bank_txn_no,
        gateway=payment.gateway,
    )


def paid_lines(dossier: Dossier) -> list[PaymentLine]:
    """The dossier's payments the gateway confirmed, newest first, for the staff page."""
    rows = list(
        Payment.objects.filter(dossier=dossier, status=PaymentStatus.PAID).order_by(
            "-paid_at", "-pk"
        )
    )
    return [_line(p, rows) for p in rows]


def dossier_for_applicant(user: User | AnonymousUser, pk: int) -> Dossier:
    """The dossier if `user` applied for it online; NotFound otherwise."""
    found = (
        Dossier.objects.select_related("procedure")
        .filter(pk=pk, applicant_user__isnull=False)
        .first()
    )
    if found is None or not user.is_authenticated or found.applicant_user_id != user.pk:
        raise NotFound(PaymentError.DOSSIER_NOT_FOUND, _("Không tìm thấy hồ sơ."))
    return found


def payment_by_ref(txn_ref: str) -> Payment | None:
    return Payment.objects.select_related("dossier").filter(txn_ref=txn_ref).first()


def reconciliations_for_staff(user: User) -> QuerySet[Reconciliation]:
    """Flagged callbacks of dossiers the staff member's units see; NotFound for others.

    Citizens and staff without a unit are refused as an unknown page is, so
    the list's existence tells them nothing.
    """
    if not user.is_superuser and not root_paths(user):
        raise NotFound(PaymentError.RECONCILIATION_NOT_ALLOWED, _("Không tìm thấy trang."))
    return (
        Reconciliation.objects.filter(payment__dossier__in=visible_dossiers(user))
        .select_related("payment", "payment__dossier", "callback")
        .order_by("-created_at", "-pk")
    )

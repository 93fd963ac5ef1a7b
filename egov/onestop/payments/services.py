"""Paying a dossier's fees and financial obligations online.

`start_payment` is the citizen's move: it records a pending payment and gives
the gateway URL to send the browser to. `handle_ipn` is the gateway's: only a
signed server-to-server callback changes a payment, and only once. The
browser's return to our site changes nothing (see gateways/vnpay/views.py).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.services import confirm_payment
from egov.onestop.events import DossierFiguresChanged
from egov.onestop.payments.errors import PaymentError
from egov.onestop.payments.gateways import get_gateway
from egov.onestop.payments.gateways.base import (
    Callback,
    Gateway,
    Outcome,
    PaymentRequest,
    Refusal,
    Result,
    public_url,
)
from egov.onestop.payments.models import (
    CallbackLog,
    Payment,
    PaymentPurpose,
    PaymentStatus,
    Reconciliation,
    ReconciliationReason,
)
from egov.onestop.payments.selectors import dossier_fee
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.core.events import publish

logger = logging.getLogger(__name__)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# A dossier that ended this way takes no more money.
_CLOSED = frozenset({DossierStatus.NOT_ACCEPTED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED})
_RESULT_STATUS = {
    Result.SUCCESS: PaymentStatus.PAID,
    Result.FAILED: PaymentStatus.FAILED,
    Result.CANCELLED: PaymentStatus.CANCELLED,
}
# A success reported for these is money we did not expect: reconcile it.
_UNPAID = frozenset({PaymentStatus.CANCELLED, PaymentStatus.FAILED})
# Parameter names that could carry a secret are never written to the log.
# VNPAY's callbacks carry none (the hash secret itself is never sent).
_SECRET_WORDS = ("secret", "password", "token", "card_number")
_LOG_MAX_PARAMS = 60
_LOG_MAX_VALUE = 500


def fee_amount(dossier: Dossier) -> int:
    """What the bank is asked for; refused while a council-set amount is missing."""
    amount = dossier_fee(dossier).total_vnd
    if amount is None:
        raise Conflict(
            PaymentError.FEE_NOT_SET,
            _(
                "Mức phí, lệ phí của thủ tục này do Hội đồng nhân dân tỉnh quyết định "
                "và chưa được cập nhật trên hệ thống nên chưa thể thanh toán trực tuyến. "
                "Vui lòng liên hệ Bộ phận Một cửa hoặc nộp phí khi nhận kết quả."
            ),
        )
    return amount


def fee_paid(dossier: Dossier) -> bool:
    return Payment.objects.filter(
        dossier=dossier, purpose=PaymentPurpose.FEE, status=PaymentStatus.PAID
    ).exists()


def _amount_due(dossier: Dossier, purpose: PaymentPurpose) -> int:
    if purpose == PaymentPurpose.FEE:
        if dossier.status in _CLOSED:
            raise Conflict(
                PaymentError.DOSSIER_CLOSED, _("Hồ sơ đã kết thúc nên không thể thanh toán.")
            )
        amount = fee_amount(dossier)
        if amount <= 0:
            raise Conflict(PaymentError.NOTHING_TO_PAY, _("Thủ tục này không thu phí, lệ phí."))
        if fee_paid(dossier):
            raise Conflict(
                PaymentError.ALREADY_PAID, _("Phí, lệ phí của hồ sơ này đã được thanh toán.")
            )
        return amount
    if dossier.status != DossierStatus.FINANCIAL:
        raise Conflict(
            PaymentError.NOT_WAITING_FOR_PAYMENT, _("Hồ sơ không ở trạng thái chờ nộp phí, thuế.")
        )
    if dossier.payment_due_vnd <= 0:
        raise Conflict(
            PaymentError.NOTHING_TO_PAY,
            _("Hồ sơ không có khoản nghĩa vụ tài chính nào phải nộp trực tuyến."),
        )
    return int(dossier.payment_due_vnd)


def _order_info(dossier: Dossier, purpose: PaymentPurpose) -> str:
    code = dossier.code or f"#{dossier.pk}"
    if purpose == PaymentPurpose.FEE:
        return f"Thanh toán phí, lệ phí hồ sơ {code}"
    return f"Nộp nghĩa vụ tài chính hồ sơ {code}"


def new_txn_ref() -> str:
    """Unique and alphanumeric, as VNPAY wants: local time plus 8 random hex digits."""
    return f"{timezone.now().astimezone(VN):%y%m%d%H%M%S}{secrets.token_hex(4).upper()}"


@transaction.atomic
def start_payment(
    *, actor: User, dossier: Dossier, purpose: str, client_ip: str = "127.0.0.1"
) -> tuple[Payment, str]:
    """Record a pending payment and return it with the gateway URL to redirect to.

    Only the account that applied online pays, for its own dossier.
    """
    try:
        chosen = PaymentPurpose(purpose)
    except ValueError:
        raise InvalidInput(
            PaymentError.INVALID_PAYMENT_PURPOSE, _("Khoản thanh toán không hợp lệ.")
        ) from None
    dossier = Dossier.objects.select_related("procedure", "receiving_unit").get(pk=dossier.pk)
    if not actor.is_active or dossier.applicant_user_id != actor.pk:
        raise PermissionDenied(
            PaymentError.PAYMENT_NOT_ALLOWED,
            _("Chỉ người nộp hồ sơ mới được thanh toán cho hồ sơ này."),
        )
    amount = _amount_due(dossier, chosen)
    gateway = get_gateway()
    payment = Payment.objects.create(
        dossier=dossier,
        purpose=chosen,
        amount_vnd=amount,
        gateway=gateway.name,
        txn_ref=new_txn_ref(),
        payer=actor,
    )
    url = gateway.payment_url(
        PaymentRequest(
            txn_ref=payment.txn_ref,
            amount_vnd=amount,
            order_info=_order_info(dossier, chosen),
            return_url=public_url(reverse("payments:result")),
            client_ip=client_ip,
            created_at=payment.created_at,
        )
    )
    _audit(payment, actor, "started")
    return payment, url


def _audit(payment: Payment, actor: User | None, event: str, **details: Any) -> None:
    dossier = payment.dossier
    record_event(
        event_type=f"payments.{event}",
        actor=actor,
        target=payment,
        unit=dossier.current_unit or dossier.receiving_unit,
        details={
            "dossier": dossier.code or dossier.pk,
            "purpose": payment.purpose,
            "amount_vnd": payment.amount_vnd,
            "txn_ref": payment.txn_ref,
            "gateway": payment.gateway,
            "status": payment.status,
            **details,
        },
    )


def loggable(params: Mapping[str, str]) -> dict[str, str]:
    """The callback's parameters as received, bounded, minus anything secret."""
    kept: dict[str, str] = {}
    for name, value in list(params.items())[:_LOG_MAX_PARAMS]:
        if any(word in name.lower() for word in _SECRET_WORDS):
            continue
        kept[str(name)[:64]] = str(value)[:_LOG_MAX_VALUE]
    return kept


def _log(
    gateway: Gateway,
    params: Mapping[str, str],
    remote_addr: str | None,
    *,
    txn_ref: str,
    outcome: Outcome,
    reason: str,
    payment: Payment | None = None,
) -> CallbackLog:
    return CallbackLog.objects.create(
        gateway=gateway.name,
        txn_ref=txn_ref[:100],
        payment=payment,
        accepted=outcome == Outcome.CONFIRMED,
        reason=reason,
        answer_code=gateway.answer_code(outcome),
        params=loggable(params),
        remote_addr=remote_addr or None,
    )


def handle_ipn(params: Mapping[str, str], remote_addr: str | None) -> dict[str, str]:
    """Apply a gateway's server-to-server callback; returns the gateway's answer.

    The signature is checked before anything is looked up. The payment row is
    locked, so two deliveries of the same callback (gateways retry) queue and
    the second one finds it settled: "already confirmed", nothing changes.
    Every callback is logged, in the transaction that decides it.
    """
    gateway = get_gateway()
    verified = gateway.verify(params)
    if isinstance(verified, Refusal):
        with transaction.atomic(durable=True):
            _log(
                gateway,
                params,
                remote_addr,
                txn_ref=verified.txn_ref,
                outcome=verified.outcome,
                reason=verified.reason,
            )
        return gateway.answer(verified.outcome)
    try:
        outcome = _apply(gateway, verified, params, remote_addr)
    except Exception:
        # Whatever broke rolled back; the gateway hears 99 and will retry.
        logger.exception("payment callback for %s failed", verified.txn_ref)
        with transaction.atomic(durable=True):
            _log(
                gateway,
                params,
                remote_addr,
                txn_ref=verified.txn_ref,
                outcome=Outcome.UNKNOWN_ERROR,
                reason="unknown_error",
            )
        return gateway.answer(Outcome.UNKNOWN_ERROR)
    return gateway.answer(outcome)


def _apply(
    gateway: Gateway, callback: Callback, params: Mapping[str, str], remote_addr: str | None
) -> Outcome:
    with transaction.atomic(durable=True):
        payment = (
            Payment.objects.select_for_update(of=("self",))
            .select_related("dossier")
            # Gateway and reference together: another gateway's callback that
            # happens to carry our reference must not touch this payment.
            .filter(gateway=gateway.name, txn_ref=callback.txn_ref)
            .first()
        )

        def refuse(outcome: Outcome) -> Outcome:
            _log(
                gateway,
                params,
                remote_addr,
                txn_ref=callback.txn_ref,
                outcome=outcome,
                reason=outcome.value,
                payment=payment,
            )
            return outcome

        if payment is None:
            return refuse(Outcome.ORDER_NOT_FOUND)
        # Exactly the amount we asked for: a gateway paying less must not count.
        if callback.amount_vnd != payment.amount_vnd:
            return refuse(Outcome.INVALID_AMOUNT)
        if payment.status != PaymentStatus.PENDING:
            if not _unexpected_success(payment, callback):
                return refuse(Outcome.ALREADY_CONFIRMED)
            _flag_for_reconciliation(gateway, callback, params, remote_addr, payment)
            return Outcome.CONFIRMED
        payment.status = _RESULT_STATUS[callback.result]
        payment.response_code = callback.response_code
        payment.gateway_txn_no = callback.gateway_txn_no
        payment.bank_txn_no = callback.bank_txn_no
        if payment.status == PaymentStatus.PAID:
            payment.paid_at = callback.paid_at or timezone.now()
        payment.save()
        _audit(payment, None, str(payment.status), response_code=callback.response_code)
        if payment.status == PaymentStatus.PAID:
            # The indicator set counts the dossiers paid online (rollups).
            publish(DossierFiguresChanged(dossier_id=payment.dossier_id, cause="payment_paid"))
            _settle(payment)
        _log(
            gateway,
            params,
            remote_addr,
            txn_ref=callback.txn_ref,
            outcome=Outcome.CONFIRMED,
            reason=str(payment.status),
            payment=payment,
        )
        return Outcome.CONFIRMED


def _unexpected_success(payment: Payment, callback: Callback) -> bool:
    """A success for a payment reported cancelled or failed, not flagged yet.

    A retry of a flagged callback (same gateway transaction) is a duplicate.
    """
    return (
        callback.result == Result.SUCCESS
        and payment.status in _UNPAID
        and not payment.reconciliations.filter(gateway_txn_no=callback.gateway_txn_no).exists()
    )


def _flag_for_reconciliation(
    gateway: Gateway,
    callback: Callback,
    params: Mapping[str, str],
    remote_addr: str | None,
    payment: Payment,
) -> None:
    """Money taken for a payment the gateway had reported cancelled or failed.

    Nothing is applied automatically (the citizen may have paid again since):
    the callback is kept, flagged for staff to reconcile with the bank, and
    the gateway hears "confirmed" so it stops retrying.
    """
    log = _log(
        gateway,
        params,
        remote_addr,
        txn_ref=callback.txn_ref,
        outcome=Outcome.CONFIRMED,
        reason=ReconciliationReason.PAID_AFTER_CANCEL.value,
        payment=payment,
    )
    Reconciliation.objects.create(
        payment=payment,
        callback=log,
        reason=ReconciliationReason.PAID_AFTER_CANCEL,
        status_before=payment.status,
        amount_vnd=callback.amount_vnd,
        gateway_txn_no=callback.gateway_txn_no,
        bank_txn_no=callback.bank_txn_no,
    )
    _audit(
        payment,
        None,
        "reconciliation_flagged",
        reason=ReconciliationReason.PAID_AFTER_CANCEL.value,
        response_code=callback.response_code,
        gateway_txn_no=callback.gateway_txn_no,
    )


def _settle(payment: Payment) -> None:
    """What a paid payment does to its dossier.

    Fees: nothing (the dossier was registered on submission). An obligation:
    the dossier leaves status 6 and its clock restarts.
    """
    if payment.purpose == PaymentPurpose.FEE:
        others = Payment.objects.filter(
            dossier=payment.dossier, purpose=PaymentPurpose.FEE, status=PaymentStatus.PAID
        ).exclude(pk=payment.pk)
        if others.exists():
            # Paid from two tabs: recorded, and flagged for a refund.
            _audit(payment, None, "paid_not_applied", reason="already_paid")
        return
    try:
        confirm_payment(
            actor=None,
            dossier=payment.dossier,
            note=_("Đã thanh toán trực tuyến, mã giao dịch %(ref)s.") % {"ref": payment.txn_ref},
        )
    except Conflict as exc:
        # Paid twice (two tabs) or after an officer resumed or ended the
        # dossier: the money is recorded and flagged for reconciliation.
        _audit(payment, None, "paid_not_applied", reason=exc.code)

"""Error codes of online payments.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class PaymentError(StrEnum):
    # The dossier's fees were paid already.
    ALREADY_PAID = "already_paid"
    # The dossier has ended: nothing can be paid.
    DOSSIER_CLOSED = "dossier_closed"
    # The provincial council sets the fee and its amount is not entered yet.
    FEE_NOT_SET = "fee_not_set"
    # No such dossier, or one the user may not pay for.
    DOSSIER_NOT_FOUND = "dossier_not_found"
    # The payment's purpose is not one we know.
    INVALID_PAYMENT_PURPOSE = "invalid_payment_purpose"
    # The dossier is not waiting for fees or taxes.
    NOT_WAITING_FOR_PAYMENT = "not_waiting_for_payment"
    # The dossier has no amount to pay online.
    NOTHING_TO_PAY = "nothing_to_pay"
    # PAYMENT_GATEWAY names no gateway, or its settings are missing.
    PAYMENT_GATEWAY_NOT_CONFIGURED = "payment_gateway_not_configured"
    # Only staff of a unit (or administrators) see the reconciliation list.
    RECONCILIATION_NOT_ALLOWED = "reconciliation_not_allowed"
    # Only the dossier's applicant may pay for it.
    PAYMENT_NOT_ALLOWED = "payment_not_allowed"

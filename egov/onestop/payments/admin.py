"""Payments in the admin: read-only, since only the gateway's callback changes them."""

from __future__ import annotations

from django.contrib import admin

from egov.onestop.payments.models import CallbackLog, Payment
from egov.platform.audit.admin_support import ReadOnly


@admin.register(Payment)
class PaymentAdmin(ReadOnly, admin.ModelAdmin[Payment]):
    list_display = ("txn_ref", "dossier", "purpose", "amount_vnd", "status", "gateway", "paid_at")
    list_filter = ("status", "purpose", "gateway")
    search_fields = ("txn_ref", "dossier__code", "bank_txn_no")


@admin.register(CallbackLog)
class CallbackLogAdmin(ReadOnly, admin.ModelAdmin[CallbackLog]):
    list_display = ("received_at", "gateway", "txn_ref", "accepted", "reason", "answer_code")
    list_filter = ("accepted", "reason", "gateway")
    search_fields = ("txn_ref",)

"""Payments in the admin: read-only, since only the gateway's callback changes them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from egov.payments.models import CallbackLog, Payment


class ReadOnly:
    """Nothing is added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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

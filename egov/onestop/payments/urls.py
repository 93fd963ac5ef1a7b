from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.onestop.payments import views
from egov.onestop.payments.gateways.sandbox import views as sandbox
from egov.onestop.payments.gateways.vnpay import views as vnpay

app_name = "payments"

urlpatterns: list[URLPattern | URLResolver] = [
    path("ho-so/<int:pk>/", views.start, name="start"),
    path("doi-soat/", views.reconciliation_list, name="reconciliation"),
    path("ipn/", vnpay.ipn, name="ipn"),
    path("ket-qua/", vnpay.result, name="result"),
    path("sandbox-bank/", sandbox.bank, name="sandbox_bank"),
    path("sandbox-bank/xac-nhan/", sandbox.confirm, name="sandbox_confirm"),
]

"""Payment gateways; `PAYMENT_GATEWAY` chooses the one in use.

- "vnpay": VNPAY's payment gateway (egov/onestop/payments/gateways/vnpay), configured
  with VNPAY_TMN_CODE, VNPAY_HASH_SECRET and VNPAY_PAY_URL;
- "sandbox": the same protocol with a bank played by this server on loopback
  (egov/onestop/payments/gateways/sandbox), for the demo and the tests. Never in
  production: anyone can "pay" there.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from egov.onestop.payments.errors import PaymentError
from egov.onestop.payments.gateways.base import Gateway
from egov.platform.core.errors import Conflict


def gateway_name() -> str:
    default = "sandbox" if settings.DEBUG else "vnpay"
    return str(getattr(settings, "PAYMENT_GATEWAY", default) or default)


def get_gateway() -> Gateway:
    name = gateway_name()
    if name == "sandbox":
        from egov.onestop.payments.gateways.sandbox.transport import sandbox_gateway

        return sandbox_gateway()
    if name == "vnpay":
        from egov.onestop.payments.gateways.vnpay.transport import configured_gateway

        return configured_gateway()
    raise Conflict(
        PaymentError.PAYMENT_GATEWAY_NOT_CONFIGURED,
        _("Cổng thanh toán chưa được cấu hình. Vui lòng liên hệ cơ quan giải quyết."),
    )

"""Online payments of a dossier's fees and financial obligations.

A `Payment` is one attempt to pay through a gateway, identified towards the
gateway by `txn_ref`. Only the gateway's signed server-to-server callback
(the IPN) changes its status; every callback, accepted or refused, leaves a
`CallbackLog` row. `SandboxBankTransaction` is the sandbox bank's own ledger
(egov/onestop/payments/gateways/sandbox), kept apart from ours as a real bank's is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentPurpose(models.TextChoices):
    # The procedure's fees and charges (phí, lệ phí), paid on submitting online.
    FEE = "fee", _("Phí, lệ phí thủ tục")
    # Fees or taxes an officer asked for while the dossier is paused (status 6).
    OBLIGATION = "obligation", _("Nghĩa vụ tài chính")


class PaymentStatus(models.TextChoices):
    # Sent to the gateway; no verified callback yet.
    PENDING = "pending", _("Đang chờ thanh toán")
    # The gateway confirmed the money was taken (a signed callback, amount checked).
    PAID = "paid", _("Đã thanh toán")
    # The gateway reported a failure (card refused, timeout...).
    FAILED = "failed", _("Thanh toán không thành công")
    # The citizen cancelled at the gateway.
    CANCELLED = "cancelled", _("Đã hủy")


class Payment(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    purpose = models.CharField(_("khoản thanh toán"), max_length=12, choices=PaymentPurpose.choices)
    amount_vnd = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    gateway = models.CharField(_("cổng thanh toán"), max_length=20)
    # Our reference, sent to the gateway and echoed in its callbacks.
    txn_ref = models.CharField(_("mã giao dịch"), max_length=40, unique=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
        db_index=True,
    )
    # The gateway's transaction number and the bank's (vnp_TransactionNo, vnp_BankTranNo).
    gateway_txn_no = models.CharField(_("mã giao dịch tại cổng"), max_length=40, blank=True)
    bank_txn_no = models.CharField(_("mã giao dịch tại ngân hàng"), max_length=255, blank=True)
    response_code = models.CharField(_("mã phản hồi của cổng"), max_length=4, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thanh toán"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("giao dịch thanh toán")
        verbose_name_plural = _("giao dịch thanh toán")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["dossier", "purpose", "status"])]

    def __str__(self) -> str:
        return self.txn_ref


class CallbackLog(models.Model):
    """One callback from a gateway, kept whether it was accepted or refused."""

    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True, db_index=True)
    gateway = models.CharField(_("cổng thanh toán"), max_length=20)
    # As the callback gave it: it may name no payment of ours (forged, unknown).
    txn_ref = models.CharField(_("mã giao dịch"), max_length=100, blank=True, db_index=True)
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("giao dịch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callbacks",
    )
    accepted = models.BooleanField(_("được chấp nhận"))
    # Our stable reason code: confirmed, invalid_signature, order_not_found, ...
    reason = models.CharField(_("lý do"), max_length=40)
    # What we answered the gateway (VNPAY's RspCode).
    answer_code = models.CharField(_("mã trả lời"), max_length=4)
    params = models.JSONField(_("tham số"), default=dict)
    remote_addr = models.GenericIPAddressField(_("địa chỉ gửi"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký phản hồi cổng thanh toán")
        verbose_name_plural = _("nhật ký phản hồi cổng thanh toán")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M:%S} {self.txn_ref} {self.reason}"


class SandboxStatus(models.TextChoices):
    PAID = "paid", _("Đã thanh toán")
    CANCELLED = "cancelled", _("Đã hủy")


class SandboxBankTransaction(models.Model):
    """The sandbox bank's ledger: what the bank itself decided for an order."""

    tmn_code = models.CharField(_("mã website"), max_length=20)
    txn_ref = models.CharField(_("mã giao dịch của đơn vị"), max_length=100)
    amount = models.PositiveBigIntegerField(_("số tiền (x100)"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=SandboxStatus.choices)
    decided_at = models.DateTimeField(_("xử lý lúc"), auto_now_add=True)
    # The merchant's answer to the IPN call, once it came ("" when it failed).
    ipn_answer = models.CharField(_("trả lời IPN"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("giao dịch ngân hàng thử nghiệm")
        verbose_name_plural = _("giao dịch ngân hàng thử nghiệm")
        constraints = [
            models.UniqueConstraint(fields=["tmn_code", "txn_ref"], name="sandbox_txn_unique")
        ]

    def __str__(self) -> str:
        return f"{self.tmn_code}/{self.txn_ref}"

    @property
    def transaction_no(self) -> str:
        return f"{14000000 + self.pk}"

    @property
    def bank_tran_no(self) -> str:
        return f"SBX{self.pk:08d}"


class ReconciliationReason(models.TextChoices):
    # The gateway confirmed money taken for a payment it had reported cancelled
    # or failed: the money is real, our record says otherwise.
    PAID_AFTER_CANCEL = "paid_after_cancel", _("Báo thanh toán thành công sau khi đã hủy")


class Reconciliation(models.Model):
    """A callback we could not apply but must not drop: a person checks it with the bank."""

    payment = models.ForeignKey(
        Payment,
        verbose_name=_("giao dịch"),
        on_delete=models.PROTECT,
        related_name="reconciliations",
    )
    callback = models.OneToOneField(
        CallbackLog,
        verbose_name=_("phản hồi của cổng"),
        on_delete=models.PROTECT,
        related_name="reconciliation",
    )
    reason = models.CharField(_("lý do"), max_length=40, choices=ReconciliationReason.choices)
    # What the payment's status was when the callback came.
    status_before = models.CharField(
        _("trạng thái trước"), max_length=10, choices=PaymentStatus.choices
    )
    amount_vnd = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    gateway_txn_no = models.CharField(_("mã giao dịch tại cổng"), max_length=40, blank=True)
    bank_txn_no = models.CharField(_("mã giao dịch tại ngân hàng"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("giao dịch cần đối soát")
        verbose_name_plural = _("giao dịch cần đối soát")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.payment.txn_ref} {self.reason}"

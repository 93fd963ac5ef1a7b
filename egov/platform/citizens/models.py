"""Citizens' and businesses' own data: the profile and the SMS codes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitizenProfile(models.Model):
    """What a citizen or business keeps about itself beyond the account.

    The account (`accounts.User`) holds the name, e-mail, phone and ID number;
    the profile holds the address and which contact addresses were confirmed.
    An account created by an administrator has no profile: its contacts are
    trusted as entered.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="citizen_profile",
    )
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    address = models.TextField(_("địa chỉ"), blank=True)
    address_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("xã/phường/đặc khu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    email_confirmed_at = models.DateTimeField(_("xác nhận e-mail lúc"), null=True, blank=True)
    phone_confirmed_at = models.DateTimeField(
        _("xác nhận số điện thoại lúc"), null=True, blank=True
    )
    # Set when the national identity provider (VNeID) vouched for the ID
    # number; a number typed at registration is only what the person claims.
    id_verified_at = models.DateTimeField(_("xác thực định danh lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ cá nhân")
        verbose_name_plural = _("hồ sơ cá nhân")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None or self.phone_confirmed_at is not None


class CodePurpose(models.TextChoices):
    # Confirms that the account holder receives SMS at this number.
    CONFIRM_PHONE = "confirm_phone", _("Xác nhận số điện thoại")
    # Lets the holder of a confirmed number set a new password.
    RESET_PASSWORD = "reset_password", _("Đặt lại mật khẩu")


class PhoneCode(models.Model):
    """A 6-digit code sent by SMS. Only a keyed hash of the code is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    purpose = models.CharField(_("mục đích"), max_length=20, choices=CodePurpose.choices)
    # The number the code went to: confirming it makes it the account's number.
    phone = models.CharField(_("số điện thoại"), max_length=16)
    code_hash = models.CharField(_("mã băm"), max_length=128)
    created_at = models.DateTimeField(_("gửi lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    attempts = models.PositiveSmallIntegerField(_("số lần nhập sai"), default=0)
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác nhận SMS")
        verbose_name_plural = _("mã xác nhận SMS")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.phone}"

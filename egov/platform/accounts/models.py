from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    # A civil servant working in one or more units (logs in with a password).
    STAFF = "staff", _("Cán bộ, công chức")
    # A citizen applying for procedures on their own behalf.
    CITIZEN = "citizen", _("Công dân")
    # A business or organisation applying through its representative.
    BUSINESS = "business", _("Doanh nghiệp, tổ chức")


class Role(models.TextChoices):
    # Cán bộ tiếp nhận một cửa: receives dossiers at a service centre.
    RECEPTION = "reception", _("Cán bộ tiếp nhận một cửa")
    # Chuyên viên: examines dossiers and drafts results.
    SPECIALIST = "specialist", _("Chuyên viên")
    # Lãnh đạo phòng: head of a department or office; assigns and reviews.
    HEAD = "head", _("Lãnh đạo phòng")
    # Lãnh đạo UBND/sở: leader of a people's committee or department; signs.
    LEADER = "leader", _("Lãnh đạo UBND/sở")
    # Văn thư: registers incoming and outgoing official documents.
    CLERK = "clerk", _("Văn thư")
    # Quản trị: manages the units, staff and settings of their subtree.
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("Số định danh cá nhân (CCCD) gồm đúng 12 chữ số."), code="invalid_id_number"
)
phone_validator = RegexValidator(
    r"^(\+84|0)\d{9,10}$", _("Số điện thoại không đúng (ví dụ 0912345678)."), code="invalid_phone"
)


class User(AbstractUser):
    """Every person who logs in: staff, citizens and business representatives."""

    kind = models.CharField(
        _("loại tài khoản"), max_length=10, choices=AccountKind.choices, default=AccountKind.STAFF
    )
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(
        _("điện thoại"), max_length=16, blank=True, validators=[phone_validator]
    )
    # Personal data (Decree 13/2023/NĐ-CP): shown only to staff handling the
    # person's dossiers, masked in public views.
    id_number = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[citizen_id_validator],
    )
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Membership(models.Model):
    """A role a person holds in a unit. One person may hold many."""

    user = models.ForeignKey(
        User, verbose_name=_("người"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    title = models.CharField(_("chức danh"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò tại đơn vị")
        verbose_name_plural = _("vai trò tại đơn vị")
        ordering = ["unit__path", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"

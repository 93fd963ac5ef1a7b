from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Agency identifier (mã định danh), QCVN 102:2016 and Decision 20/2020/QĐ-TTg:
# dot-separated numeric groups ending in a letter and two digits, e.g.
# `000.00.00.H41` (a province's people's committee) or `28.22.H17`.
AGENCY_CODE_RE = r"^\d{2,3}(\.\d{2,3}){0,3}\.[A-Z]\d{2}$"
agency_code_validator = RegexValidator(
    AGENCY_CODE_RE,
    _("Mã định danh không đúng dạng (ví dụ: 000.00.00.H41 hoặc 28.22.H17)."),
    code="invalid_agency_code",
)
stat_code_validator = RegexValidator(
    r"^\d{2,5}$", _("Mã thống kê gồm 2 đến 5 chữ số."), code="invalid_stat_code"
)


class UnitKind(models.TextChoices):
    # A province or centrally-run city (tỉnh/thành phố), 915/CTK-CSCL codes.
    PROVINCE = "province", _("Tỉnh/thành phố")
    # A commune, ward or special zone (xã/phường/đặc khu), 1027/CTK-CSCL codes.
    COMMUNE = "commune", _("Xã/phường/đặc khu")
    # A department or office inside a province or commune (sở, phòng, ban).
    DEPARTMENT = "department", _("Sở/phòng/ban")
    # A Public Administration Service Centre: where dossiers are received.
    SERVICE_CENTRE = "service_centre", _("Trung tâm Phục vụ hành chính công")


class Unit(models.Model):
    """A node of the organisation tree, of any depth.

    `path` is the materialised chain of primary keys from the root ("/1/7/42/"),
    kept by the service functions, so a subtree is one indexed prefix query on
    SQLite and PostgreSQL alike.
    """

    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # NULL, not "", for "no code": the uniqueness rules must ignore missing codes.
    stat_code = models.CharField(  # noqa: DJ001
        _("mã thống kê"),
        max_length=5,
        null=True,
        blank=True,
        validators=[stat_code_validator],
        help_text=_("Mã tỉnh theo 915/CTK-CSCL hoặc mã xã theo 1027/CTK-CSCL."),
    )
    agency_code = models.CharField(  # noqa: DJ001
        _("mã định danh"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        validators=[agency_code_validator],
        error_messages={"unique": _("Mã định danh này đã được dùng cho đơn vị khác.")},
        help_text=_("Mã định danh điện tử của cơ quan (QCVN 102:2016), ví dụ 000.00.00.H41."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    path = models.CharField(_("đường dẫn cây"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("cấp trong cây"), default=0, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "stat_code"],
                condition=models.Q(stat_code__isnull=False),
                name="unit_unique_stat_code_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_within(self, other: Unit) -> bool:
        """True when this unit is `other` or one of its descendants."""
        return self.path.startswith(other.path)

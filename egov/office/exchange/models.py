"""The directory of agencies outside the deployment that documents can be sent to.

The deployment's own units carry their identifier (mã định danh) on the
organisation tree (`Unit.agency_code`); agencies outside it (ministries,
other provinces) come from a list the administrator imports
(`egov import_agencies FILE`, directory.py).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.platform.organisation.models import agency_code_validator


class OutsideAgency(models.Model):
    organ_id = models.CharField(
        _("mã định danh"), max_length=32, unique=True, validators=[agency_code_validator]
    )
    name = models.CharField(_("tên cơ quan"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.CharField(_("thư điện tử"), max_length=254, blank=True)
    telephone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cơ quan ngoài hệ thống")
        verbose_name_plural = _("cơ quan ngoài hệ thống")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organ_id})"

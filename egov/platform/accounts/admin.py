from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from egov.platform.accounts.admin_permissions import (
    SuperuserOnlyMixin,
    VietnamesePermissionsMixin,
)
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.accounts.services import grant_role, revoke_role
from egov.platform.audit.admin_support import AuditedAdmin


class MembershipInline(SuperuserOnlyMixin, admin.TabularInline[Membership, User]):
    model = Membership
    extra = 1
    fields = ["unit", "role", "title"]
    autocomplete_fields = ["unit"]


@admin.register(User)
class EgovUserAdmin(SuperuserOnlyMixin, VietnamesePermissionsMixin, AuditedAdmin, UserAdmin[User]):
    audit_prefix = "accounts.account"
    list_display = ["username", "full_name", "kind", "email", "is_active", "is_superuser"]
    list_filter = ["kind", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email", "phone"]
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (
            _("Thông tin nền tảng"),
            {"fields": ("kind", "full_name", "phone", "id_number", "tax_code")},
        ),
    )
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SuperuserOnlyMixin, admin.ModelAdmin[Membership]):
    """Roles change only through grant_role / revoke_role, which audit them."""

    list_display = ["user", "unit", "role", "title"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]

    def save_model(
        self, request: HttpRequest, obj: Membership, form: ModelForm[Membership], change: bool
    ) -> None:
        actor = request.user if isinstance(request.user, User) else None
        if change:
            super().save_model(request, obj, form, change)
            return
        granted = grant_role(
            actor=actor, user=obj.user, unit=obj.unit, role=Role(obj.role), title=obj.title
        )
        obj.pk = granted.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        actor = request.user if isinstance(request.user, User) else None
        revoke_role(actor=actor, membership=obj)


# django-otp's own admin pages are in English and would let an administrator
# edit a device's secret; devices are enrolled and reset only through the
# two-factor pages (egov/platform/accounts/twofactor.py), which audit it.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)

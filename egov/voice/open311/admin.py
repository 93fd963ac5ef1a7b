from __future__ import annotations

from django.contrib import admin

from egov.voice.open311.models import ApiClient


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin[ApiClient]):
    """Read-only: keys are issued by `egov open311_key` (shown once) and revoked there."""

    list_display = ["name", "unit", "key_prefix", "is_active", "created_at"]
    list_filter = ["is_active"]
    readonly_fields = ["name", "unit", "key_prefix", "is_active", "created_at"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

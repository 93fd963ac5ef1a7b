"""The admin shows the register read-only and never a denouncer.

A superuser is no handler: the petitioner's fields are not in any form,
list or search here; the list shows `identity.shown_name` (masked for a
denunciation). Changes go through the services, never the admin.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from egov.voice.complaints import identity
from egov.voice.complaints.models import Petition

IDENTITY_FIELDS = {
    "petitioner_name",
    "petitioner_id_number",
    "petitioner_address",
    "petitioner_contact",
    "account",
}


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin[Petition]):
    list_display = ["code", "kind", "petitioner", "addressed_to", "status", "received_at"]
    list_filter = ["kind", "status"]
    search_fields = ["code"]
    readonly_fields = [
        "code",
        "kind",
        "petitioner",
        "channel",
        "addressed_to",
        "received_at",
        "respondent",
        "summary",
        "status",
        "accept_due",
        "settle_due",
        "decision_number",
    ]
    fields = tuple(readonly_fields)

    @admin.display(description=_("người gửi đơn"))
    def petitioner(self, obj: Petition) -> str:
        return identity.shown_name(obj)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

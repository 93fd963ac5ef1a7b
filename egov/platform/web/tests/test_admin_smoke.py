"""Every admin page a platform operator can open renders (no 500)."""

from __future__ import annotations

from django.contrib import admin
from django.test import Client
from django.urls import reverse

from egov.conftest import Province, login
from egov.platform.accounts.models import User


def test_every_admin_changelist_and_add_page_renders(
    client: Client, superuser: User, province: Province
) -> None:
    login(client, superuser)
    statuses = {}
    for model in admin.site._registry:
        meta = model._meta
        for view in ("changelist", "add"):
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}")
            statuses[url] = client.get(url).status_code

    broken = {url: code for url, code in statuses.items() if code not in (200, 403)}
    assert broken == {}
    assert statuses["/admin/organisation/unit/"] == 200
    assert statuses["/admin/audit/auditevent/add/"] == 403

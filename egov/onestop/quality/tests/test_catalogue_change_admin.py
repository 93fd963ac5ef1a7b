"""The catalogue's Django admin (superusers) proposes the next edition too (issue 19 item 1).

`ProcedureAdmin.save_related` publishes `ProcedureChanged` once the entry and
its inlines are saved; these tests post the admin's change form as a
superuser does.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from egov.conftest import Province, login
from egov.onestop.procedures.models import Procedure
from egov.onestop.quality.models import Edition, EditionStatus
from egov.onestop.quality.services import approve_edition
from egov.platform.accounts.models import User

pytestmark = pytest.mark.django_db


def change_form(birth: Procedure, **changes: str) -> dict[str, Any]:
    """The change form of Đăng ký khai sinh as the admin renders it, with `changes`."""
    document = birth.documents.get()
    data = {
        "code": birth.code,
        "name": birth.name,
        "field": str(birth.field_id),
        "level": birth.level,
        "implementing_agency": birth.implementing_agency,
        "is_active": "on",
        "channel_direct": "on",
        "online_class": birth.online_class,
        "processing_days": "3",
        "processing_hours": "",
        "fee_vnd": "0",
        "charge_vnd": "0",
        "fee_note": "",
        "result_type": birth.result_type,
        "conditions": "",
        "legal_basis": birth.legal_basis,
        "unverified": "",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "1",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-id": str(document.pk),
        "documents-0-procedure": str(birth.pk),
        "documents-0-position": "1",
        "documents-0-name": document.name,
        "documents-0-originals": str(document.originals),
        "documents-0-copies": str(document.copies),
        "documents-0-required": "on",
        "documents-0-form_template": document.form_template,
        "council_fees-TOTAL_FORMS": "0",
        "council_fees-INITIAL_FORMS": "0",
        "council_fees-MIN_NUM_FORMS": "0",
        "council_fees-MAX_NUM_FORMS": "1000",
        "_save": "Lưu",
    }
    data.update(changes)
    return data


def test_a_fee_changed_in_the_admin_proposes_the_next_edition(
    client: Client, birth: Procedure, province: Province, edition: Edition, superuser: User
) -> None:
    approve_edition(actor=superuser, edition=edition)
    login(client, superuser)

    response = client.post(
        f"/admin/procedures/procedure/{birth.pk}/change/", change_form(birth, fee_vnd="8000")
    )

    assert response.status_code == 302
    birth.refresh_from_db()
    assert birth.fee_vnd == 8000
    edition.refresh_from_db()
    draft = Edition.objects.get(number=2)
    assert (edition.status, draft.status, draft.content["procedure"]["fee"]) == (
        EditionStatus.APPROVED,
        EditionStatus.DRAFT,
        "8.000 đồng",
    )


def test_an_unchanged_admin_save_proposes_nothing(
    client: Client, birth: Procedure, province: Province, edition: Edition, superuser: User
) -> None:
    approve_edition(actor=superuser, edition=edition)
    login(client, superuser)
    before = list(Edition.objects.order_by("pk").values())

    response = client.post(f"/admin/procedures/procedure/{birth.pk}/change/", change_form(birth))

    assert response.status_code == 302
    assert list(Edition.objects.order_by("pk").values()) == before

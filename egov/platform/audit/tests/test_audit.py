from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent, AuditEventImmutable
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.services import create_unit


def test_event_records_type_actor_unit_target_details(cast: Cast, province: Province) -> None:
    office = create_unit(
        actor=cast.admin, name="Phòng Kinh tế", kind=UnitKind.DEPARTMENT, parent=province.long_an
    )

    event = AuditEvent.objects.get(target_id=str(office.pk), event_type="organisation.unit_created")
    assert event.actor == cast.admin
    assert event.unit == office
    assert (event.target_type.app_label, event.target_type.model) == ("organisation", "unit")
    assert event.created_at.tzinfo is not None


def test_event_rolls_back_with_a_failed_change(province: Province, superuser: User) -> None:
    events = AuditEvent.objects.count()

    with pytest.raises(InvalidInput):
        create_unit(
            actor=superuser,
            name="",
            kind=UnitKind.DEPARTMENT,
            parent=province.province,
        )

    assert AuditEvent.objects.count() == events
    assert Unit.objects.filter(name="").count() == 0


def test_record_event_outside_a_transaction_is_refused(province: Province) -> None:
    connection = transaction.get_connection()
    # pytest-django wraps each test in a transaction; step outside it.
    was_atomic = connection.in_atomic_block
    connection.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError, match="inside the changing transaction"):
            record_event(event_type="x", actor=None, target=province.province)
    finally:
        connection.in_atomic_block = was_atomic


def test_events_cannot_be_edited_or_deleted(province: Province) -> None:
    event = AuditEvent.objects.first()
    assert event is not None

    event.event_type = "forged"
    with pytest.raises(AuditEventImmutable):
        event.save()
    with pytest.raises(AuditEventImmutable):
        event.delete()

    assert AuditEvent.objects.filter(event_type="forged").count() == 0


def test_admin_shows_events_read_only(client: Client, superuser: User, province: Province) -> None:
    login(client, superuser)
    event = AuditEvent.objects.first()
    assert event is not None
    count = AuditEvent.objects.count()

    listing = client.get("/admin/audit/auditevent/")
    add = client.get("/admin/audit/auditevent/add/")
    delete = client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    change = client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"event_type": "forged"})

    assert listing.status_code == 200
    assert add.status_code == 403
    assert delete.status_code == 403
    assert change.status_code == 403
    assert AuditEvent.objects.count() == count
    assert not AuditEvent.objects.filter(event_type="forged").exists()


def test_admin_change_to_a_user_is_audited(client: Client, superuser: User, cast: Cast) -> None:
    login(client, superuser)

    client.post(
        f"/admin/accounts/user/{cast.citizen.pk}/change/",
        {
            "username": "congdan",
            "full_name": "Trần Văn An",
            "kind": "citizen",
            "phone": "0912000111",
            "id_number": "072090001234",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )

    event = AuditEvent.objects.get(event_type="accounts.account_updated")
    assert event.actor == superuser
    assert event.target_id == str(cast.citizen.pk)
    assert event.details == {"via": "admin", "fields": ["date_joined", "phone"]}

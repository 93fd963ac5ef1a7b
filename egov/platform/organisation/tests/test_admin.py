from __future__ import annotations

from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.organisation.models import Unit


def _form(province: Province, **overrides: str) -> dict[str, str]:
    data = {
        "name": "Phòng Văn hóa - Xã hội",
        "kind": "department",
        "parent": str(province.long_an.pk),
        "stat_code": "",
        "agency_code": "002.01.30.H53",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_unit_added_in_admin_goes_through_the_service(
    client: Client, superuser: User, province: Province
) -> None:
    login(client, superuser)

    response = client.post("/admin/organisation/unit/add/", _form(province))

    assert response.status_code == 302
    unit = Unit.objects.get(name="Phòng Văn hóa - Xã hội")
    assert unit.path == f"{province.long_an.path}{unit.pk}/"
    assert unit.depth == 2
    event = AuditEvent.objects.get(event_type="organisation.unit_created", target_id=str(unit.pk))
    assert event.actor == superuser


def test_unit_renamed_in_admin_is_audited(
    client: Client, superuser: User, province: Province
) -> None:
    login(client, superuser)

    response = client.post(
        f"/admin/organisation/unit/{province.tan_ninh.pk}/change/",
        _form(
            province,
            name="Phường Tân Ninh (mới)",
            kind="commune",
            parent=str(province.province.pk),
            stat_code="25459",
            agency_code="000.02.30.H53",
        ),
    )

    assert response.status_code == 302
    assert Unit.objects.get(pk=province.tan_ninh.pk).name == "Phường Tân Ninh (mới)"
    event = AuditEvent.objects.get(event_type="organisation.unit_updated")
    assert event.details == {
        "changes": {"name": {"from": "Phường Tân Ninh", "to": "Phường Tân Ninh (mới)"}}
    }


def test_admin_refuses_a_cycle_with_a_message(
    client: Client, superuser: User, province: Province
) -> None:
    login(client, superuser)
    before = list(Unit.objects.order_by("pk").values_list("path", flat=True))

    response = client.post(
        f"/admin/organisation/unit/{province.long_an.pk}/change/",
        _form(
            province,
            name="Phường Long An",
            kind="commune",
            parent=str(province.long_an_centre.pk),
            stat_code="27694",
            agency_code="000.01.30.H53",
        ),
    )

    assert response.status_code == 200
    assert "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó." in (
        response.content.decode()
    )
    assert list(Unit.objects.order_by("pk").values_list("path", flat=True)) == before


def test_staff_without_admin_site_access_cannot_add_units(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.admin)
    count, events = Unit.objects.count(), AuditEvent.objects.count()

    response = client.post("/admin/organisation/unit/add/", _form(province))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert (Unit.objects.count(), AuditEvent.objects.count()) == (count, events)


def test_units_cannot_be_deleted_in_admin(
    client: Client, superuser: User, province: Province
) -> None:
    login(client, superuser)

    response = client.post(
        f"/admin/organisation/unit/{province.tan_ninh.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert Unit.objects.filter(pk=province.tan_ninh.pk).exists()

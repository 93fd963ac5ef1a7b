from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from egov.conftest import Cast, Province
from egov.platform.accounts.access import can_see_unit, has_role_over, visible_units
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.accounts.services import grant_role, revoke_role
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied


def _names(user: User | AnonymousUser) -> list[str]:
    return list(visible_units(user).order_by("path").values_list("name", flat=True))


def test_commune_specialist_sees_only_their_commune(cast: Cast, province: Province) -> None:
    assert _names(cast.specialist) == [
        "Phường Long An",
        "Trung tâm Phục vụ hành chính công phường Long An",
    ]
    assert not can_see_unit(cast.specialist, province.tan_ninh)
    assert not can_see_unit(cast.outsider, province.long_an)
    assert not can_see_unit(cast.outsider, province.long_an_centre)


def test_department_head_sees_only_the_department(cast: Cast, province: Province) -> None:
    assert _names(cast.head) == ["Sở Tư pháp"]


def test_provincial_leader_sees_the_whole_province(cast: Cast, province: Province) -> None:
    assert len(_names(cast.leader)) == 6


def test_citizens_and_anonymous_see_no_units(cast: Cast, province: Province) -> None:
    assert _names(cast.citizen) == []
    assert _names(AnonymousUser()) == []


def test_inactive_staff_see_nothing(cast: Cast, province: Province) -> None:
    User.objects.filter(pk=cast.specialist.pk).update(is_active=False)
    cast.specialist.refresh_from_db()

    assert _names(cast.specialist) == []


def test_several_roles_in_several_units(cast: Cast, province: Province) -> None:
    grant_role(actor=None, user=cast.outsider, unit=province.justice, role=Role.HEAD)

    assert _names(cast.outsider) == ["Sở Tư pháp", "Phường Tân Ninh"]
    assert has_role_over(cast.outsider, province.justice, [Role.HEAD])
    assert not has_role_over(cast.outsider, province.justice, [Role.SPECIALIST])
    assert has_role_over(cast.outsider, province.tan_ninh, [Role.SPECIALIST])


def test_roles_reach_down_the_subtree(cast: Cast, province: Province) -> None:
    assert has_role_over(cast.admin, province.long_an_centre, [Role.ADMINISTRATOR])
    assert not has_role_over(cast.admin, province.province, [Role.ADMINISTRATOR])


def test_administrator_grants_and_revokes_a_role(cast: Cast, province: Province) -> None:
    membership = grant_role(
        actor=cast.admin, user=cast.outsider, unit=province.long_an_centre, role=Role.RECEPTION
    )
    granted = AuditEvent.objects.get(event_type="accounts.role_granted", actor=cast.admin)

    revoke_role(actor=cast.admin, membership=membership)

    revoked = AuditEvent.objects.get(event_type="accounts.role_revoked")
    assert granted.details == {
        "role": "reception",
        "unit": province.long_an_centre.pk,
        "title": "",
    }
    assert revoked.details == {"role": "reception", "unit": province.long_an_centre.pk}
    assert revoked.target_id == str(cast.outsider.pk)
    assert not Membership.objects.filter(user=cast.outsider, unit=province.long_an_centre).exists()


def test_granting_twice_keeps_one_membership(cast: Cast, province: Province) -> None:
    grant_role(actor=None, user=cast.specialist, unit=province.long_an, role=Role.SPECIALIST)

    assert Membership.objects.filter(user=cast.specialist).count() == 1


@pytest.mark.parametrize("member", ["outsider", "specialist", "leader"])
def test_non_administrators_cannot_grant(cast: Cast, province: Province, member: str) -> None:
    memberships, events = Membership.objects.count(), AuditEvent.objects.count()

    with pytest.raises(PermissionDenied) as error:
        grant_role(
            actor=getattr(cast, member),
            user=cast.citizen,
            unit=province.long_an,
            role=Role.LEADER,
        )

    assert error.value.code == "permission_denied"
    assert (Membership.objects.count(), AuditEvent.objects.count()) == (memberships, events)


def test_administrator_cannot_revoke_in_another_commune(cast: Cast, province: Province) -> None:
    membership = Membership.objects.get(user=cast.outsider)

    with pytest.raises(PermissionDenied):
        revoke_role(actor=cast.admin, membership=membership)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_citizens_hold_no_staff_roles(cast: Cast, province: Province) -> None:
    with pytest.raises(InvalidInput) as error:
        grant_role(actor=None, user=cast.citizen, unit=province.long_an, role=Role.CLERK)

    assert error.value.message == "Chỉ tài khoản cán bộ mới được giao vai trò tại đơn vị."
    assert not Membership.objects.filter(user=cast.citizen).exists()

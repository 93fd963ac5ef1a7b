"""Delegated administration: a unit's administrator inside their subtree only (issue 19).

The cast's administrator (quantri) administers Phường Long An, which holds
the commune's service centre; the outsider works in Phường Tân Ninh; the
head, leader and clerk in the province. Every refusal leaves accounts, roles
and the audit trail exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from egov.conftest import Cast, Province, make_staff
from egov.platform.accounts.administration import (
    administered_accounts,
    administered_roots,
    administered_units,
)
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.accounts.services import (
    create_staff_account,
    deactivate_account,
    grant_role,
    reactivate_account,
    revoke_role,
)
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, DomainError, InvalidInput, PermissionDenied

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-ban-dau-2026"


def _state() -> tuple[list[Any], list[Any], int]:
    users = list(User.objects.order_by("pk").values("pk", "username", "is_active", "is_superuser"))
    roles = list(Membership.objects.order_by("pk").values("pk", "user", "unit", "role", "title"))
    return users, roles, AuditEvent.objects.count()


@pytest.fixture
def it_centre(province: Province) -> User:
    """The province's IT centre: an administrator at the root of the tree."""
    return make_staff("sotttt", "Hồ Văn Tín", (province.province, Role.ADMINISTRATOR))


# -- what an administrator sees ----------------------------------------------


def test_commune_administrator_administers_the_commune_subtree(
    cast: Cast, province: Province
) -> None:
    assert administered_roots(cast.admin) == [province.long_an]
    assert list(administered_units(cast.admin)) == [province.long_an, province.long_an_centre]
    # Their own account is not theirs to manage; the outsider is not in their subtree.
    assert list(administered_accounts(cast.admin)) == [cast.specialist, cast.reception]


def test_province_administrator_administers_everyone_but_themselves(
    cast: Cast, province: Province, it_centre: User
) -> None:
    assert administered_roots(it_centre) == [province.province]
    assert administered_units(it_centre).count() == 6
    assert [u.username for u in administered_accounts(it_centre)] == [
        "chuyenvien",
        "lanhdao",
        "ngoai",
        "quantri",
        "tiepnhan",
        "truongphong",
        "vanthu",
    ]


def test_an_account_with_a_role_elsewhere_is_not_the_communes(
    cast: Cast, province: Province
) -> None:
    grant_role(actor=None, user=cast.specialist, unit=province.tan_ninh, role=Role.SPECIALIST)

    assert list(administered_accounts(cast.admin)) == [cast.reception]


def test_non_administrators_administer_nothing(cast: Cast) -> None:
    for member in (cast.specialist, cast.leader, cast.outsider, cast.citizen):
        assert administered_roots(member) == []
        assert list(administered_accounts(member)) == []


# -- allowed ------------------------------------------------------------------


def test_commune_administrator_creates_a_specialist(cast: Cast, province: Province) -> None:
    account = create_staff_account(
        actor=cast.admin,
        username="chuyenvien2",
        password=NEW_PASSWORD,
        full_name="Trần Thị Bích",
        unit=province.long_an_centre,
        role=Role.SPECIALIST,
        title="Chuyên viên tư pháp",
    )

    assert (account.kind, account.is_active, account.is_superuser, account.is_staff) == (
        "staff",
        True,
        False,
        False,
    )
    assert account.check_password(NEW_PASSWORD)
    assert list(Membership.objects.filter(user=account).values_list("unit", "role", "title")) == [
        (province.long_an_centre.pk, "specialist", "Chuyên viên tư pháp")
    ]
    events = AuditEvent.objects.filter(target_id=str(account.pk)).order_by("pk")
    assert [(e.event_type, e.actor_id) for e in events] == [
        ("accounts.account_created", cast.admin.pk),
        ("accounts.role_granted", cast.admin.pk),
    ]
    assert account in administered_accounts(cast.admin)


def test_commune_administrator_grants_revokes_deactivates_and_reactivates(
    cast: Cast, province: Province
) -> None:
    membership = grant_role(
        actor=cast.admin, user=cast.specialist, unit=province.long_an_centre, role=Role.RECEPTION
    )
    revoke_role(actor=cast.admin, membership=membership)
    deactivate_account(actor=cast.admin, account=cast.specialist)
    cast.specialist.refresh_from_db()
    assert cast.specialist.is_active is False
    reactivate_account(actor=cast.admin, account=cast.specialist)
    cast.specialist.refresh_from_db()

    assert cast.specialist.is_active is True
    events = AuditEvent.objects.filter(target_id=str(cast.specialist.pk), actor=cast.admin)
    assert [e.event_type for e in events.order_by("pk")] == [
        "accounts.role_granted",
        "accounts.role_revoked",
        "accounts.account_deactivated",
        "accounts.account_reactivated",
    ]


def test_province_administrator_manages_a_commune_administrator(
    cast: Cast, province: Province, it_centre: User
) -> None:
    deactivate_account(actor=it_centre, account=cast.admin)

    cast.admin.refresh_from_db()
    assert cast.admin.is_active is False


# -- denied: every action, outside the subtree, above it, and on oneself -----

Action = Callable[[Cast, Province], object]


def _create_in_another_commune(cast: Cast, province: Province) -> object:
    return create_staff_account(
        actor=cast.admin,
        username="moi",
        password=NEW_PASSWORD,
        full_name="Người Mới",
        unit=province.tan_ninh,
        role=Role.SPECIALIST,
    )


def _create_above(cast: Cast, province: Province) -> object:
    return create_staff_account(
        actor=cast.admin,
        username="moi",
        password=NEW_PASSWORD,
        full_name="Người Mới",
        unit=province.province,
        role=Role.ADMINISTRATOR,
    )


def _grant_in_another_commune(cast: Cast, province: Province) -> object:
    return grant_role(
        actor=cast.admin, user=cast.specialist, unit=province.tan_ninh, role=Role.SPECIALIST
    )


def _grant_administrator_above(cast: Cast, province: Province) -> object:
    return grant_role(
        actor=cast.admin, user=cast.specialist, unit=province.province, role=Role.ADMINISTRATOR
    )


def _grant_oneself_a_leader(cast: Cast, province: Province) -> object:
    return grant_role(actor=cast.admin, user=cast.admin, unit=province.long_an, role=Role.LEADER)


def _grant_oneself_above(cast: Cast, province: Province) -> object:
    return grant_role(
        actor=cast.admin, user=cast.admin, unit=province.province, role=Role.ADMINISTRATOR
    )


def _revoke_in_another_commune(cast: Cast, province: Province) -> object:
    return revoke_role(actor=cast.admin, membership=Membership.objects.get(user=cast.outsider))


def _revoke_above(cast: Cast, province: Province) -> object:
    return revoke_role(actor=cast.admin, membership=Membership.objects.get(user=cast.leader))


def _revoke_own_role(cast: Cast, province: Province) -> object:
    return revoke_role(actor=cast.admin, membership=Membership.objects.get(user=cast.admin))


def _deactivate_another_commune(cast: Cast, province: Province) -> object:
    return deactivate_account(actor=cast.admin, account=cast.outsider)


def _deactivate_above(cast: Cast, province: Province) -> object:
    return deactivate_account(actor=cast.admin, account=cast.leader)


def _deactivate_oneself(cast: Cast, province: Province) -> object:
    return deactivate_account(actor=cast.admin, account=cast.admin)


def _reactivate_another_commune(cast: Cast, province: Province) -> object:
    # The outsider was locked by the test, before its snapshot.
    cast.outsider.refresh_from_db()
    return reactivate_account(actor=cast.admin, account=cast.outsider)


DENIED: dict[str, tuple[Action, str]] = {
    "create in another commune": (_create_in_another_commune, "permission_denied"),
    "create above own unit": (_create_above, "permission_denied"),
    "grant in another commune": (_grant_in_another_commune, "permission_denied"),
    "grant administrator above own unit": (_grant_administrator_above, "permission_denied"),
    "grant oneself a role": (_grant_oneself_a_leader, "self_administration"),
    "grant oneself a role above": (_grant_oneself_above, "permission_denied"),
    "revoke in another commune": (_revoke_in_another_commune, "permission_denied"),
    "revoke above own unit": (_revoke_above, "permission_denied"),
    "revoke own role": (_revoke_own_role, "self_administration"),
    "deactivate in another commune": (_deactivate_another_commune, "permission_denied"),
    "deactivate above own unit": (_deactivate_above, "permission_denied"),
    "deactivate oneself": (_deactivate_oneself, "self_administration"),
    "reactivate in another commune": (_reactivate_another_commune, "permission_denied"),
}


@pytest.mark.parametrize("name", list(DENIED))
def test_commune_administrator_is_denied(cast: Cast, province: Province, name: str) -> None:
    action, code = DENIED[name]
    if name == "reactivate in another commune":
        User.objects.filter(pk=cast.outsider.pk).update(is_active=False)
    before = _state()

    with pytest.raises(PermissionDenied) as error:
        action(cast, province)

    assert error.value.code == code
    assert _state() == before


def test_an_account_with_a_role_elsewhere_cannot_be_deactivated(
    cast: Cast, province: Province
) -> None:
    # given the commune's specialist also works for Phường Tân Ninh
    grant_role(actor=None, user=cast.specialist, unit=province.tan_ninh, role=Role.SPECIALIST)
    before = _state()

    with pytest.raises(PermissionDenied) as error:
        deactivate_account(actor=cast.admin, account=cast.specialist)

    assert error.value.code == "permission_denied"
    assert _state() == before


def test_a_platform_operator_is_not_a_units_to_manage(
    cast: Cast, province: Province, superuser: User
) -> None:
    grant_role(actor=None, user=superuser, unit=province.long_an, role=Role.SPECIALIST)
    before = _state()

    for action in (
        lambda: deactivate_account(actor=cast.admin, account=superuser),
        lambda: grant_role(
            actor=cast.admin, user=superuser, unit=province.long_an, role=Role.LEADER
        ),
        lambda: revoke_role(actor=cast.admin, membership=Membership.objects.get(user=superuser)),
    ):
        with pytest.raises(PermissionDenied):
            action()

    assert _state() == before


def test_the_last_role_is_not_revoked_but_the_account_locked(cast: Cast) -> None:
    before = _state()

    with pytest.raises(Conflict) as error:
        revoke_role(actor=cast.admin, membership=Membership.objects.get(user=cast.specialist))

    assert error.value.code == "last_role"
    assert _state() == before


def test_deactivating_twice_is_a_conflict(cast: Cast) -> None:
    deactivate_account(actor=cast.admin, account=cast.specialist)
    before = _state()

    with pytest.raises(Conflict) as error:
        deactivate_account(actor=cast.admin, account=cast.specialist)

    assert error.value.code == "account_state"
    assert _state() == before


@pytest.mark.parametrize(
    ("username", "password", "code", "field"),
    [
        ("chuyenvien", NEW_PASSWORD, "invalid_account", "username"),
        ("moi", "123", "invalid_account", "password"),
        ("", NEW_PASSWORD, "invalid_account", "username"),
    ],
)
def test_bad_account_input_is_refused_whole(
    cast: Cast, province: Province, username: str, password: str, code: str, field: str | None
) -> None:
    before = _state()

    with pytest.raises(DomainError) as error:
        create_staff_account(
            actor=cast.admin,
            username=username,
            password=password,
            full_name="Người Mới",
            unit=province.long_an,
            role=Role.SPECIALIST,
        )

    assert error.value.code == code
    if field is not None:
        assert isinstance(error.value, InvalidInput)
        assert field in error.value.details["fields"]
    assert _state() == before

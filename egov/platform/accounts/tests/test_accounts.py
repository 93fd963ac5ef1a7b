from __future__ import annotations

import pytest

from egov.conftest import Cast
from egov.platform.accounts.models import AccountKind, User
from egov.platform.accounts.services import create_account, make_platform_operator
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied


def test_account_is_created_with_an_event(db: None) -> None:
    user = create_account(
        actor=None,
        username="congdan9",
        password="mat-khau-dai-9",
        full_name="Lê Thị Chín",
        kind=AccountKind.CITIZEN,
        id_number="079300000009",
        phone="0909000009",
    )

    assert user.check_password("mat-khau-dai-9")
    event = AuditEvent.objects.get(event_type="accounts.account_created")
    assert event.details == {"username": "congdan9", "kind": "citizen"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "12345", "Số định danh cá nhân (CCCD) gồm đúng 12 chữ số."),
        ("phone", "12ab", "Số điện thoại không đúng (ví dụ 0912345678)."),
    ],
)
def test_bad_personal_data_is_refused(db: None, field: str, value: str, message: str) -> None:
    kwargs: dict[str, str] = {field: value}

    with pytest.raises(InvalidInput) as error:
        create_account(actor=None, username="x", password="p-long-123", full_name="X", **kwargs)  # type: ignore[arg-type]

    assert error.value.message == message
    assert not User.objects.exists()
    assert not AuditEvent.objects.exists()


def test_duplicate_username_is_refused(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as error:
        create_account(actor=None, username="chuyenvien", password="p-long-123", full_name="Y")

    assert error.value.message == "Tên đăng nhập đã được sử dụng"
    assert User.objects.filter(username="chuyenvien").count() == 1


def test_only_superusers_create_accounts(cast: Cast) -> None:
    count = User.objects.count()

    with pytest.raises(PermissionDenied):
        create_account(actor=cast.admin, username="moi", password="p-long-123", full_name="Mới")

    assert User.objects.count() == count


def test_platform_operator_granted_by_a_superuser_only(cast: Cast, superuser: User) -> None:
    with pytest.raises(PermissionDenied):
        make_platform_operator(actor=cast.admin, user=cast.specialist)
    assert User.objects.get(pk=cast.specialist.pk).is_superuser is False
    with pytest.raises(InvalidInput):
        make_platform_operator(actor=superuser, user=cast.citizen)

    granted = make_platform_operator(actor=superuser, user=cast.specialist)

    assert (granted.is_staff, granted.is_superuser) == (True, True)
    event = AuditEvent.objects.get(event_type="accounts.platform_operator_granted")
    assert (event.actor, event.target_id) == (superuser, str(cast.specialist.pk))

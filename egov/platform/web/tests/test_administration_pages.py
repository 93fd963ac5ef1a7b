"""The delegated administration pages at /quan-tri-don-vi/ (issue 19).

The rules themselves are tested in egov/platform/accounts/tests/
test_administration.py; here: the pages show the administrator's own
subtree, every action works through them, and every action on another
commune's account or role answers 404 with nothing changed.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.accounts.models import Membership, User
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-ban-dau-2026"


def _state() -> tuple[list[Any], list[Any], int]:
    users = list(User.objects.order_by("pk").values("pk", "username", "is_active"))
    roles = list(Membership.objects.order_by("pk").values("pk", "user", "unit", "role"))
    return users, roles, AuditEvent.objects.count()


def test_overview_lists_the_commune_only(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.admin)

    response = client.get("/quan-tri-don-vi/")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/quan-tri-don-vi/">Quản trị đơn vị</a>' in body
    assert 'Bạn quản trị: <span class="tag">Phường Long An</span>' in body
    assert f'<a href="/quan-tri-don-vi/tai-khoan/{cast.specialist.pk}/">Lý Văn Tài</a>' in body
    assert f'<a href="/quan-tri-don-vi/tai-khoan/{cast.reception.pk}/">' in body
    assert "Tài khoản cán bộ (2)" in body
    assert "Đơn vị (2)" in body
    for elsewhere in ("Bùi Thị Hồng", "Phạm Văn Hùng", "Phường Tân Ninh", "Sở Tư pháp"):
        assert elsewhere not in body


def test_overview_of_someone_who_administers_nothing(client: Client, cast: Cast) -> None:
    login(client, cast.outsider)

    response = client.get("/quan-tri-don-vi/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Bạn không quản trị đơn vị nào." in body
    assert "Lý Văn Tài" not in body
    assert 'href="/quan-tri-don-vi/"' not in body  # no menu entry either


def test_administrator_creates_a_specialist_and_gives_her_a_role(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.admin)

    response = client.post(
        "/quan-tri-don-vi/tai-khoan/moi/",
        {
            "username": "bich.tt",
            "full_name": "Trần Thị Bích",
            "email": "bich@longan.example.vn",
            "phone": "0912345678",
            "password": NEW_PASSWORD,
            "unit": province.long_an.pk,
            "role": "specialist",
            "title": "Công chức tư pháp - hộ tịch",
        },
    )

    account = User.objects.get(username="bich.tt")
    assert response.status_code == 302
    assert response["Location"] == f"/quan-tri-don-vi/tai-khoan/{account.pk}/"
    assert list(account.memberships.values_list("unit", "role")) == [
        (province.long_an.pk, "specialist")
    ]

    # and a second role, through htmx, at the commune's service centre
    response = client.post(
        f"/quan-tri-don-vi/tai-khoan/{account.pk}/giao-vai-tro/",
        {"unit": province.long_an_centre.pk, "role": "reception", "title": ""},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section class="card" id="roles">')
    assert "Trung tâm Phục vụ hành chính công phường Long An" in body
    assert sorted(account.memberships.values_list("role", flat=True)) == [
        "reception",
        "specialist",
    ]
    assert list(
        AuditEvent.objects.filter(target_id=str(account.pk))
        .order_by("pk")
        .values_list("event_type", "actor")
    ) == [
        ("accounts.account_created", cast.admin.pk),
        ("accounts.role_granted", cast.admin.pk),
        ("accounts.role_granted", cast.admin.pk),
    ]


def test_the_unit_list_offers_only_the_subtree(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.admin)

    body = client.get("/quan-tri-don-vi/tai-khoan/moi/").content.decode()

    assert f'<option value="{province.long_an.pk}">Phường Long An</option>' in body
    assert f'<option value="{province.long_an_centre.pk}">' in body
    assert f'<option value="{province.tan_ninh.pk}">' not in body
    assert f'<option value="{province.province.pk}">' not in body


def test_creating_in_another_commune_is_refused_with_a_message(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.admin)
    before = _state()

    response = client.post(
        "/quan-tri-don-vi/tai-khoan/moi/",
        {
            "username": "moi",
            "full_name": "Người Mới",
            "password": NEW_PASSWORD,
            "unit": province.tan_ninh.pk,
            "role": "administrator",
        },
    )

    assert response.status_code == 400
    assert (
        '<a href="#id_unit">Đơn vị: Đơn vị này không thuộc phạm vi bạn quản trị.</a>'
        in response.content.decode()
    )
    assert _state() == before


def test_a_weak_password_is_refused_on_its_field(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.admin)
    before = _state()

    response = client.post(
        "/quan-tri-don-vi/tai-khoan/moi/",
        {
            "username": "moi",
            "full_name": "Người Mới",
            "password": "12345678",
            "unit": province.long_an.pk,
            "role": "specialist",
        },
    )

    assert response.status_code == 400
    assert '<a href="#id_password">Mật khẩu ban đầu:' in response.content.decode()
    assert _state() == before


def test_administrator_revokes_and_locks(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.admin)
    extra = Membership.objects.create(
        user=cast.specialist, unit=province.long_an_centre, role="reception"
    )

    revoked = client.post(
        f"/quan-tri-don-vi/vai-tro/{extra.pk}/thu-hoi/", headers={"HX-Request": "true"}
    )
    locked = client.post(f"/quan-tri-don-vi/tai-khoan/{cast.specialist.pk}/khoa/")

    cast.specialist.refresh_from_db()
    assert (revoked.status_code, locked.status_code) == (200, 302)
    assert not Membership.objects.filter(pk=extra.pk).exists()
    assert cast.specialist.is_active is False
    page = client.get(f"/quan-tri-don-vi/tai-khoan/{cast.specialist.pk}/").content.decode()
    assert "<strong>Đã khóa</strong>" in page
    assert "Mở khóa tài khoản" in page


def test_the_last_role_is_kept_with_a_message(client: Client, cast: Cast) -> None:
    login(client, cast.admin)
    only = Membership.objects.get(user=cast.specialist)
    before = _state()

    response = client.post(f"/quan-tri-don-vi/vai-tro/{only.pk}/thu-hoi/", follow=True)

    assert "Đây là vai trò cuối cùng của tài khoản; hãy khóa tài khoản thay vì thu hồi." in (
        response.content.decode()
    )
    assert _state() == before


def _denied_calls(cast: Cast, province: Province) -> list[tuple[str, str, dict[str, Any]]]:
    outsider_role = Membership.objects.get(user=cast.outsider)
    leader_role = Membership.objects.get(user=cast.leader)
    own_role = Membership.objects.get(user=cast.admin)
    grant = {"unit": province.long_an.pk, "role": "leader"}
    return [
        # another commune's account and role
        ("get", f"/quan-tri-don-vi/tai-khoan/{cast.outsider.pk}/", {}),
        ("post", f"/quan-tri-don-vi/tai-khoan/{cast.outsider.pk}/giao-vai-tro/", grant),
        ("post", f"/quan-tri-don-vi/tai-khoan/{cast.outsider.pk}/khoa/", {}),
        ("post", f"/quan-tri-don-vi/tai-khoan/{cast.outsider.pk}/mo-khoa/", {}),
        ("post", f"/quan-tri-don-vi/vai-tro/{outsider_role.pk}/thu-hoi/", {}),
        # above the commune
        ("get", f"/quan-tri-don-vi/tai-khoan/{cast.leader.pk}/", {}),
        ("post", f"/quan-tri-don-vi/tai-khoan/{cast.leader.pk}/khoa/", {}),
        ("post", f"/quan-tri-don-vi/vai-tro/{leader_role.pk}/thu-hoi/", {}),
        # oneself
        ("get", f"/quan-tri-don-vi/tai-khoan/{cast.admin.pk}/", {}),
        ("post", f"/quan-tri-don-vi/tai-khoan/{cast.admin.pk}/giao-vai-tro/", grant),
        ("post", f"/quan-tri-don-vi/tai-khoan/{cast.admin.pk}/khoa/", {}),
        ("post", f"/quan-tri-don-vi/vai-tro/{own_role.pk}/thu-hoi/", {}),
    ]


def test_commune_administrator_gets_404_outside_the_subtree(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.admin)
    User.objects.filter(pk=cast.outsider.pk).update(is_active=False)
    calls = _denied_calls(cast, province)
    before = _state()

    statuses = [getattr(client, method)(url, data).status_code for method, url, data in calls]

    assert statuses == [404] * 12
    assert _state() == before


def test_a_specialist_gets_404_everywhere(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.reception)
    calls = [
        *_denied_calls(cast, province),
        ("get", f"/quan-tri-don-vi/tai-khoan/{cast.specialist.pk}/", {}),
        ("get", "/quan-tri-don-vi/tai-khoan/moi/", {}),
        (
            "post",
            "/quan-tri-don-vi/tai-khoan/moi/",
            {
                "username": "moi",
                "full_name": "Người Mới",
                "password": NEW_PASSWORD,
                "unit": province.long_an.pk,
                "role": "specialist",
            },
        ),
    ]
    before = _state()

    statuses = [getattr(client, method)(url, data).status_code for method, url, data in calls]

    assert statuses == [404] * 15
    assert _state() == before


def test_province_administrator_reaches_a_commune_account(
    client: Client, cast: Cast, province: Province
) -> None:
    it_centre = User.objects.create_user(username="sotttt", full_name="Hồ Văn Tín")
    Membership.objects.create(user=it_centre, unit=province.province, role="administrator")
    login(client, it_centre)

    response = client.get(f"/quan-tri-don-vi/tai-khoan/{cast.outsider.pk}/")

    assert response.status_code == 200
    assert "Bùi Thị Hồng" in response.content.decode()


def test_django_admin_accounts_are_for_superusers_only(
    client: Client, cast: Cast, superuser: User
) -> None:
    # given a staff member given every account permission in the Django admin
    User.objects.filter(pk=cast.admin.pk).update(is_staff=True)
    cast.admin.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["accounts", "auth"],
            codename__regex=r"^(view|add|change|delete)_(user|membership|group)$",
        )
    )
    login(client, cast.admin)
    before = _state()

    statuses = [
        client.get("/admin/accounts/user/").status_code,
        client.get(f"/admin/accounts/user/{cast.outsider.pk}/change/").status_code,
        client.post(
            f"/admin/accounts/user/{cast.outsider.pk}/change/", {"is_active": ""}
        ).status_code,
        client.get("/admin/accounts/membership/").status_code,
        client.get("/admin/auth/group/").status_code,
    ]

    # The whole Django admin is closed to all but superusers: its login page.
    assert statuses == [302, 302, 302, 302, 302]
    assert _state() == before
    login(client, superuser)
    assert client.get("/admin/accounts/user/").status_code == 200


def test_htmx_refusals_answer_422_with_the_message_in_place(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.admin)
    only = Membership.objects.get(user=cast.specialist)
    before = _state()

    revoked = client.post(
        f"/quan-tri-don-vi/vai-tro/{only.pk}/thu-hoi/", headers={"HX-Request": "true"}
    )
    granted = client.post(
        f"/quan-tri-don-vi/tai-khoan/{cast.specialist.pk}/giao-vai-tro/",
        {"unit": province.tan_ninh.pk, "role": "leader"},
        headers={"HX-Request": "true"},
    )

    assert (revoked.status_code, granted.status_code) == (422, 422)
    assert (
        '<p class="error" role="alert">Đây là vai trò cuối cùng của tài khoản; '
        "hãy khóa tài khoản thay vì thu hồi.</p>"
    ) in revoked.content.decode()
    assert "Đơn vị này không thuộc phạm vi bạn quản trị." in granted.content.decode()
    assert _state() == before

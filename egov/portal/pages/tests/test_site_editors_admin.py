"""A unit's administrator names the editors and approvers of its site (issue 19, item 5)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import PermissionDenied
from egov.portal.pages.editors import approvers_group_name, editors_group_name
from egov.portal.pages.models import SiteCapacity, SiteEditor, UnitHomePage
from egov.portal.pages.site_editors import name_site_editor
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db

URL = "/quan-tri-don-vi/cong-thong-tin/"


def _members(name: str) -> list[str]:
    return sorted(Group.objects.get(name=name).user_set.values_list("username", flat=True))


def _state() -> tuple[object, ...]:
    """Every naming, every group membership and every audit event, as they stand."""
    namings = list(SiteEditor.objects.order_by("pk").values())
    memberships = sorted(
        (group.name, username)
        for group in Group.objects.all()
        for username in group.user_set.values_list("username", flat=True)
    )
    events = list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True))
    return namings, memberships, events


@pytest.fixture
def writer(province: Province) -> User:
    """A clerk of Long An: no editor by role."""
    return make_staff("bientap", "Mai Thị Thu", (province.long_an, Role.CLERK))


def test_administrator_names_an_approver_and_removes_the_naming(
    client: Client, cast: Cast, province: Province, portal: Portal, writer: User
) -> None:
    login(client, cast.admin)

    named = client.post(
        URL, {"unit": province.long_an.pk, "account": writer.pk, "capacity": "approver"}
    )
    approvers_named = _members(approvers_group_name(portal.long_an))
    naming = SiteEditor.objects.get()
    removed = client.post(f"{URL}chi-dinh/{naming.pk}/bo/")

    assert (named.status_code, named["Location"]) == (302, URL)
    assert (naming.unit, naming.user, naming.capacity, naming.added_by) == (
        province.long_an,
        writer,
        "approver",
        cast.admin,
    )
    assert approvers_named == ["bientap", "lanhdaolongan"]
    assert (removed.status_code, removed["Location"]) == (302, URL)
    assert SiteEditor.objects.count() == 0
    assert _members(approvers_group_name(portal.long_an)) == ["lanhdaolongan"]
    events = AuditEvent.objects.filter(event_type__startswith="portal.site_editor_").order_by("pk")
    assert list(events.values_list("event_type", "actor", "unit", "details")) == [
        (
            "portal.site_editor_named",
            cast.admin.pk,
            province.long_an.pk,
            {"user": "bientap", "capacity": "approver"},
        ),
        (
            "portal.site_editor_removed",
            cast.admin.pk,
            province.long_an.pk,
            {"user": "bientap", "capacity": "approver"},
        ),
    ]


def test_page_lists_the_subtrees_sites_with_editors_by_role_and_by_naming(
    client: Client, cast: Cast, province: Province, portal: Portal, writer: User
) -> None:
    name_site_editor(
        actor=cast.admin, unit=province.long_an, account=writer, capacity=SiteCapacity.EDITOR
    )
    login(client, cast.admin)

    response = client.get(URL)

    assert response.status_code == 200
    sites = response.context["sites"]
    assert [site.home.pk for site in sites] == [portal.long_an.pk]
    assert [u.username for u in sites[0].editors_by_role] == ["chuyenvien"]
    assert [u.username for u in sites[0].approvers_by_role] == ["lanhdaolongan"]
    assert [(n.user.username, n.capacity) for n in sites[0].named] == [("bientap", "editor")]
    assert _members(editors_group_name(portal.long_an)) == ["bientap", "chuyenvien"]
    form = response.context["form"]
    assert [u.name for u in form.fields["unit"].queryset] == ["Phường Long An"]
    # The accounts Long An's administrator administers, never their own.
    assert [u.username for u in form.fields["account"].queryset] == [
        "bientap",
        "chuyenvien",
        "lanhdaolongan",
        "tiepnhan",
    ]
    page = response.content.decode()
    assert "Bỏ chỉ định" in page
    assert "Phường Tân Ninh" not in page


def test_naming_twice_is_refused_with_a_message_and_nothing_changes(
    client: Client, cast: Cast, province: Province, portal: Portal, writer: User
) -> None:
    name_site_editor(
        actor=cast.admin, unit=province.long_an, account=writer, capacity=SiteCapacity.EDITOR
    )
    before = _state()
    login(client, cast.admin)

    response = client.post(
        URL, {"unit": province.long_an.pk, "account": writer.pk, "capacity": "editor"}
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Tài khoản này đã được chỉ định với vai trò đó trên trang của đơn vị."
    ]
    assert _state() == before


def test_another_communes_administrator_can_neither_name_nor_remove(
    client: Client, cast: Cast, province: Province, portal: Portal, writer: User
) -> None:
    naming = name_site_editor(
        actor=cast.admin, unit=province.long_an, account=writer, capacity=SiteCapacity.EDITOR
    )
    other = make_staff("quantri_tn", "Trần Văn Bình", (province.tan_ninh, Role.ADMINISTRATOR))
    before = _state()
    login(client, other)

    named = client.post(
        URL, {"unit": province.long_an.pk, "account": writer.pk, "capacity": "approver"}
    )
    removed = client.post(f"{URL}chi-dinh/{naming.pk}/bo/")
    listed = client.get(URL)

    assert (named.status_code, removed.status_code) == (400, 404)
    assert named.context["form"].errors == {
        "unit": ["Lựa chọn không có trong danh sách."],
        "account": ["Lựa chọn không có trong danh sách."],
    }
    assert [site.home.pk for site in listed.context["sites"]] == [portal.tan_ninh.pk]
    with pytest.raises(PermissionDenied) as refused:
        name_site_editor(
            actor=other, unit=province.long_an, account=writer, capacity=SiteCapacity.APPROVER
        )
    assert refused.value.code == "permission_denied"
    assert _state() == before


def test_an_administrator_cannot_name_themself_nor_another_communes_officer(
    client: Client, cast: Cast, province: Province, portal: Portal
) -> None:
    before = _state()
    login(client, cast.admin)

    own = client.post(
        URL, {"unit": province.long_an.pk, "account": cast.admin.pk, "capacity": "approver"}
    )
    outsider = client.post(
        URL, {"unit": province.long_an.pk, "account": cast.outsider.pk, "capacity": "editor"}
    )

    assert (own.status_code, outsider.status_code) == (400, 400)
    with pytest.raises(PermissionDenied) as self_naming:
        name_site_editor(
            actor=cast.admin,
            unit=province.long_an,
            account=cast.admin,
            capacity=SiteCapacity.APPROVER,
        )
    with pytest.raises(PermissionDenied) as outside:
        name_site_editor(
            actor=cast.admin,
            unit=province.long_an,
            account=cast.outsider,
            capacity=SiteCapacity.EDITOR,
        )
    assert (self_naming.value.code, outside.value.code) == (
        "self_administration",
        "permission_denied",
    )
    assert _state() == before


def test_a_non_administrator_and_an_anonymous_visitor_are_kept_out(
    client: Client, cast: Cast, province: Province, portal: Portal, writer: User
) -> None:
    naming = name_site_editor(
        actor=cast.admin, unit=province.long_an, account=writer, capacity=SiteCapacity.EDITOR
    )
    before = _state()
    data = {"unit": province.long_an.pk, "account": writer.pk, "capacity": "approver"}

    anonymous = [Client().get(URL), Client().post(URL, data)]
    login(client, cast.specialist)
    specialist = [
        client.get(URL),
        client.post(URL, data),
        client.post(f"{URL}chi-dinh/{naming.pk}/bo/"),
    ]

    assert [r.status_code for r in anonymous] == [302, 302]
    assert all(r["Location"].startswith("/dang-nhap/?next=") for r in anonymous)
    assert [r.status_code for r in specialist] == [404, 404, 404]
    assert _state() == before


def test_a_unit_without_a_site_is_refused(cast: Cast, province: Province, portal: Portal) -> None:
    writer = make_staff("bientap", "Mai Thị Thu", (province.long_an_centre, Role.CLERK))
    assert not UnitHomePage.objects.filter(unit=province.long_an_centre).exists()
    before = _state()

    with pytest.raises(Exception) as refused:
        name_site_editor(
            actor=cast.admin,
            unit=province.long_an_centre,
            account=writer,
            capacity=SiteCapacity.EDITOR,
        )

    assert refused.value.code == "portal_site_not_found"  # type: ignore[attr-defined]
    assert _state() == before

"""A unit administrator manages their site's editors through roles (issue 19 item 5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group

from egov.conftest import Cast, Province, make_staff
from egov.platform.accounts.models import Membership, Role
from egov.platform.accounts.services import grant_role, revoke_role
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import PermissionDenied
from egov.portal.pages.editors import editors_group_name
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db


def editors(portal_home: Any) -> list[str]:
    group = Group.objects.get(name=editors_group_name(portal_home))
    return sorted(group.user_set.values_list("username", flat=True))


def test_a_role_granted_or_revoked_reaches_the_site_editors_at_once(
    cast: Cast,
    province: Province,
    portal: Portal,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # A clerk of the commune, administered by its administrator.
    writer = make_staff("bientap", "Mai Thị Thu", (province.long_an, Role.CLERK))
    assert editors(portal.long_an) == ["chuyenvien"]

    with django_capture_on_commit_callbacks(execute=True):
        membership = grant_role(
            actor=cast.admin, user=writer, unit=province.long_an, role=Role.SPECIALIST
        )
    granted = editors(portal.long_an)
    with django_capture_on_commit_callbacks(execute=True):
        revoke_role(actor=cast.admin, membership=membership)

    assert granted == ["bientap", "chuyenvien"]
    assert editors(portal.long_an) == ["chuyenvien"]
    assert list(
        AuditEvent.objects.filter(target_id=str(writer.pk))
        .order_by("pk")
        .values_list("event_type", "details")
    )[-2:] == [
        ("accounts.role_granted", {"role": "specialist", "unit": province.long_an.pk, "title": ""}),
        ("accounts.role_revoked", {"role": "specialist", "unit": province.long_an.pk}),
    ]


def test_another_communes_administrator_cannot_make_an_editor(
    cast: Cast,
    province: Province,
    portal: Portal,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    other_admin = make_staff("quantri2", "Đỗ Văn Nam", (province.tan_ninh, Role.ADMINISTRATOR))
    writer = make_staff("bientap", "Mai Thị Thu", (province.long_an, Role.CLERK))
    specialist_role = Membership.objects.get(user=cast.specialist, unit=province.long_an)
    before = (
        list(Membership.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
        editors(portal.long_an),
        editors(portal.tan_ninh),
    )

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(PermissionDenied) as grant:
            grant_role(actor=other_admin, user=writer, unit=province.long_an, role=Role.SPECIALIST)
        with pytest.raises(PermissionDenied) as revoke:
            revoke_role(actor=other_admin, membership=specialist_role)

    assert (grant.value.message, revoke.value.message) == (
        "Bạn không có quyền quản trị đơn vị này.",
        "Bạn không có quyền quản trị đơn vị này.",
    )
    assert (
        list(Membership.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
        editors(portal.long_an),
        editors(portal.tan_ninh),
    ) == before

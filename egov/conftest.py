"""Shared fixtures: a small province and the standard cast.

Tây Ninh with its provincial service centre and Sở Tư pháp, two communes
(Phường Long An, Phường Tân Ninh); a reception officer, a specialist, a head,
a leader, a clerk, an administrator, an outsider from another commune, and a
citizen. Everything is created through the service functions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client

from egov.platform.accounts.models import AccountKind, Role, User
from egov.platform.accounts.services import create_account, grant_role
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.services import create_unit

PASSWORD = "correct-horse-42"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # The default cache holds lookup budgets and tracking answers keyed by
    # dossier code; codes repeat from test to test (each database starts
    # empty), so no test may see what another one kept.
    cache.clear()
    # Content types are cached per process by id; a transactional test flushes
    # the tables and the next migration-free start numbers them anew, so a
    # cached id can name another model (Wagtail's workflow tasks then resolve
    # to a page type and its admin home fails).
    ContentType.objects.clear_cache()
    yield
    cache.clear()
    ContentType.objects.clear_cache()


@dataclass
class Province:
    province: Unit
    centre: Unit
    justice: Unit
    long_an: Unit
    long_an_centre: Unit
    tan_ninh: Unit


@dataclass
class Cast:
    reception: User
    specialist: User
    head: User
    leader: User
    clerk: User
    admin: User
    outsider: User
    citizen: User


@pytest.fixture
def province(db: None) -> Province:
    tay_ninh = create_unit(
        actor=None,
        name="Tỉnh Tây Ninh",
        kind=UnitKind.PROVINCE,
        stat_code="80",
        agency_code="000.00.00.H53",
    )
    long_an = create_unit(
        actor=None,
        name="Phường Long An",
        kind=UnitKind.COMMUNE,
        parent=tay_ninh,
        stat_code="27694",
        agency_code="000.01.30.H53",
    )
    return Province(
        province=tay_ninh,
        centre=create_unit(
            actor=None,
            name="Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
            kind=UnitKind.SERVICE_CENTRE,
            parent=tay_ninh,
            agency_code="000.00.01.H53",
        ),
        justice=create_unit(
            actor=None,
            name="Sở Tư pháp",
            kind=UnitKind.DEPARTMENT,
            parent=tay_ninh,
            agency_code="000.00.12.H53",
        ),
        long_an=long_an,
        long_an_centre=create_unit(
            actor=None,
            name="Trung tâm Phục vụ hành chính công phường Long An",
            kind=UnitKind.SERVICE_CENTRE,
            parent=long_an,
            agency_code="001.01.30.H53",
        ),
        tan_ninh=create_unit(
            actor=None,
            name="Phường Tân Ninh",
            kind=UnitKind.COMMUNE,
            parent=tay_ninh,
            stat_code="25459",
            agency_code="000.02.30.H53",
        ),
    )


def make_staff(username: str, full_name: str, *roles: tuple[Unit, Role]) -> User:
    user = create_account(actor=None, username=username, password=PASSWORD, full_name=full_name)
    for unit, role in roles:
        grant_role(actor=None, user=user, unit=unit, role=role)
    return user


@pytest.fixture
def cast(province: Province) -> Cast:
    p = province
    return Cast(
        reception=make_staff("tiepnhan", "Nguyễn Thị Thu Hà", (p.long_an_centre, Role.RECEPTION)),
        specialist=make_staff("chuyenvien", "Lý Văn Tài", (p.long_an, Role.SPECIALIST)),
        head=make_staff("truongphong", "Đặng Thị Mai", (p.justice, Role.HEAD)),
        leader=make_staff("lanhdao", "Phạm Văn Hùng", (p.province, Role.LEADER)),
        clerk=make_staff("vanthu", "Võ Thị Lan", (p.province, Role.CLERK)),
        admin=make_staff("quantri", "Lê Minh Quân", (p.long_an, Role.ADMINISTRATOR)),
        outsider=make_staff("ngoai", "Bùi Thị Hồng", (p.tan_ninh, Role.SPECIALIST)),
        citizen=create_account(
            actor=None,
            username="congdan",
            password=PASSWORD,
            full_name="Trần Văn An",
            kind=AccountKind.CITIZEN,
            id_number="072090001234",
        ),
    )


@pytest.fixture
def superuser(db: None) -> User:
    user = create_account(actor=None, username="root", password=PASSWORD, full_name="Quản trị")
    User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    user.refresh_from_db()
    return user


def login(client: Client, user: User) -> Client:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client

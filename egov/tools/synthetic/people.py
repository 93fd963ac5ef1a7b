"""Synthetic people: officers for every unit and role the processes need,
and a pool of citizen accounts for online applications and ratings.

Accounts are created in bulk with unusable passwords: nobody logs in as a
synthetic person. Usernames are deterministic (`sx.<unit agency code or
stat code>.<role>.<n>`, `sx.citizen.<n>`), so a second run reuses them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from egov.platform.accounts.models import AccountKind, Membership, Role, User
from egov.platform.organisation.models import Unit

FAMILY = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Huỳnh", 5),
    ("Hoàng", 3),
    ("Võ", 4),
    ("Phan", 4),
    ("Trương", 2),
    ("Bùi", 2),
    ("Đặng", 2),
    ("Đỗ", 2),
    ("Ngô", 2),
    ("Hồ", 2),
    ("Dương", 1),
    ("Lý", 1),
]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Quốc", "Thu", "Hữu", "Bảo", "Kim"]
GIVEN = [
    "An", "Anh", "Bình", "Châu", "Cường", "Dũng", "Dung", "Giang", "Hà", "Hải", "Hạnh",
    "Hiếu", "Hoa", "Hùng", "Hương", "Khang", "Khoa", "Lan", "Linh", "Long", "Mai", "Minh",
    "My", "Nam", "Nga", "Ngân", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quang", "Sơn",
    "Tâm", "Thảo", "Thành", "Thủy", "Tiến", "Trang", "Trung", "Tuấn", "Uyên", "Vân", "Việt",
    "Vy", "Xuân", "Yến",
]  # fmt: skip
_FAMILY_NAMES = [name for name, _weight in FAMILY]
_FAMILY_CUM = [sum(w for _n, w in FAMILY[: i + 1]) for i in range(len(FAMILY))]

# How many synthetic officers each (unit, role) gets.
OFFICERS_PER_ROLE = {
    Role.RECEPTION: 4,
    Role.SPECIALIST: 5,
    Role.HEAD: 1,
    Role.LEADER: 2,
    Role.CLERK: 1,
}


def person_name(rng: random.Random) -> str:
    family = rng.choices(_FAMILY_NAMES, cum_weights=_FAMILY_CUM)[0]
    return f"{family} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def phone_number(rng: random.Random) -> str:
    return f"0{rng.choice('3579')}{rng.randrange(10**8):08d}"


def id_number(rng: random.Random) -> str:
    # CCCD: province of birth (072 is Tây Ninh), sex/century digit, birth year, serial.
    return f"072{rng.choice('0123')}{rng.randrange(40, 100):02d}{rng.randrange(10**6):06d}"


@dataclass(frozen=True)
class Citizen:
    pk: int
    name: str
    phone: str


def _unit_label(unit: Unit) -> str:
    return unit.agency_code or unit.stat_code or str(unit.pk)


def ensure_officers(
    needs: Iterable[tuple[Unit, Role]], rng: random.Random
) -> tuple[dict[tuple[int, str], list[int]], list[int]]:
    """Officers for each (unit, role); returns their ids and the ids created now."""
    wanted: dict[str, tuple[Unit, Role]] = {}
    for unit, role in needs:
        for n in range(1, OFFICERS_PER_ROLE.get(role, 2) + 1):
            wanted[f"sx.{_unit_label(unit)}.{role}.{n}"] = (unit, role)
    existing = dict(User.objects.filter(username__in=list(wanted)).values_list("username", "pk"))
    unusable = make_password(None)
    new_users = [
        User(
            username=username,
            full_name=person_name(rng),
            kind=AccountKind.STAFF,
            password=unusable,
        )
        for username in sorted(wanted)
        if username not in existing
    ]
    created = User.objects.bulk_create(new_users, batch_size=1000)
    existing.update({u.username: u.pk for u in created})
    memberships = [
        Membership(
            user_id=existing[u.username], unit=wanted[u.username][0], role=wanted[u.username][1]
        )
        for u in created
    ]
    Membership.objects.bulk_create(memberships, batch_size=1000)
    officers: dict[tuple[int, str], list[int]] = {}
    for username in sorted(wanted):
        unit, role = wanted[username]
        officers.setdefault((unit.pk, str(role)), []).append(existing[username])
    return officers, [u.pk for u in created]


def ensure_citizens(count: int, rng: random.Random) -> tuple[list[Citizen], list[int]]:
    """A pool of `count` citizen accounts (sx.citizen.1 ...), created if missing."""
    usernames = [f"sx.citizen.{n}" for n in range(1, count + 1)]
    rows = {
        username: Citizen(pk, full_name, phone)
        for username, pk, full_name, phone in User.objects.filter(
            username__in=usernames
        ).values_list("username", "pk", "full_name", "phone")
    }
    unusable = make_password(None)
    new_users = [
        User(
            username=username,
            full_name=person_name(rng),
            phone=phone_number(rng),
            kind=AccountKind.CITIZEN,
            password=unusable,
        )
        for username in usernames
        if username not in rows
    ]
    created = User.objects.bulk_create(new_users, batch_size=2000)
    rows.update({u.username: Citizen(u.pk, u.full_name, u.phone) for u in created})
    return [rows[username] for username in usernames], [u.pk for u in created]

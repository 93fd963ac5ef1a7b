"""A unit's administrator manages its registers at /quan-tri-don-vi/so-van-ban/ (issue 19)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.office.documents.models import Direction, Register
from egov.office.documents.services.register_admin import (
    close_register,
    create_register,
    reopen_register,
)
from egov.office.documents.services.registers import open_year, register_for
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db

URL = "/quan-tri-don-vi/so-van-ban/"


@pytest.fixture(autouse=True)
def mid_2026() -> Iterator[None]:
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        yield


def _state() -> tuple[object, ...]:
    registers = list(Register.objects.order_by("pk").values())
    events = list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True))
    return registers, events


def _outgoing(province: Province) -> Register:
    """Long An's usual outgoing register of 2026."""
    open_year(province.long_an, 2026)
    return Register.objects.get(
        body=province.long_an, year=2026, direction=Direction.OUTGOING, confidential=False
    )


def _trail(register: Register) -> list[tuple[str, int | None, dict[str, Any]]]:
    events = AuditEvent.objects.filter(
        event_type__startswith="office.register_", target_id=str(register.pk)
    ).order_by("pk")
    return list(events.values_list("event_type", "actor", "details"))


def test_administrator_opens_renames_closes_and_reopens_a_register(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.admin)

    created = client.post(
        URL,
        {
            "body": province.long_an.pk,
            "year": "2026",
            "direction": "outgoing",
            "name": "Sổ  quyết định",
        },
    )
    register = Register.objects.get()
    detail = f"{URL}{register.pk}/"
    renamed = client.post(detail, {"name": "Sổ quyết định, chỉ thị"})
    closed = client.post(f"{detail}khoa/")
    register.refresh_from_db()
    closed_state = (register.closed_at is not None, register.closed_by)
    reopened = client.post(f"{detail}mo-lai/")

    assert [r["Location"] for r in (created, renamed, closed, reopened)] == [detail] * 4
    register.refresh_from_db()
    assert (
        register.body,
        register.year,
        register.direction,
        register.name,
        register.confidential,
        register.closed_at,
    ) == (province.long_an, 2026, "outgoing", "Sổ quyết định, chỉ thị", False, None)
    assert closed_state == (True, cast.admin)
    admin = cast.admin.pk
    assert _trail(register) == [
        (
            "office.register_created",
            admin,
            {"year": 2026, "direction": "outgoing", "name": "Sổ quyết định", "confidential": False},
        ),
        (
            "office.register_renamed",
            admin,
            {"from": "Sổ quyết định", "to": "Sổ quyết định, chỉ thị"},
        ),
        ("office.register_closed", admin, {"year": 2026, "last_number": 0}),
        ("office.register_reopened", admin, {"year": 2026, "last_number": 0}),
    ]


def test_a_closed_register_takes_no_document_and_keeps_its_name(
    client: Client, cast: Cast, province: Province
) -> None:
    register = _outgoing(province)
    close_register(actor=cast.admin, register=register)
    before = _state()
    login(client, cast.admin)

    renamed = client.post(f"{URL}{register.pk}/", {"name": "Tên mới"})

    assert renamed.status_code == 400
    assert renamed.context["form"].non_field_errors() == ["Sổ đã khóa: không đổi tên sổ đã khóa."]
    with pytest.raises(DomainError) as refused:
        register_for(
            body=province.long_an, year=2026, direction=Direction.OUTGOING, confidential=False
        )
    assert refused.value.code == "office_register_not_found"
    assert _state() == before


def test_the_years_rules_past_years_never_reopen_and_only_this_or_next_year_opens(
    client: Client, cast: Cast, province: Province
) -> None:
    open_year(province.long_an, 2025)
    old = Register.objects.get(
        body=province.long_an, year=2025, direction=Direction.OUTGOING, confidential=False
    )
    close_register(actor=cast.admin, register=old)
    before = _state()
    login(client, cast.admin)

    reopened = client.post(f"{URL}{old.pk}/mo-lai/", follow=True)
    past = client.post(
        URL, {"body": province.long_an.pk, "year": "2025", "direction": "outgoing", "name": "Sổ"}
    )

    assert [str(m) for m in reopened.context["messages"]] == [
        "Năm 2025 đã kết thúc: sổ của năm đó không mở lại được."
    ]
    assert past.status_code == 400
    assert past.context["form"].errors == {"year": ["Lựa chọn không có trong danh sách."]}
    with pytest.raises(DomainError) as far:
        create_register(
            actor=cast.admin,
            body=province.long_an,
            year=2028,
            direction=Direction.OUTGOING,
            name="Sổ",
            confidential=False,
        )
    assert far.value.code == "office_register_year_invalid"
    assert _state() == before


def test_a_second_register_of_a_name_or_a_second_incoming_one_is_refused(
    client: Client, cast: Cast, province: Province
) -> None:
    register = _outgoing(province)
    before = _state()
    login(client, cast.admin)

    same_name = client.post(
        URL,
        {
            "body": province.long_an.pk,
            "year": "2026",
            "direction": "outgoing",
            "name": register.name,
        },
    )
    incoming = client.post(
        URL,
        {"body": province.long_an.pk, "year": "2026", "direction": "incoming", "name": "Sổ đến 2"},
    )

    assert (same_name.status_code, incoming.status_code) == (400, 400)
    assert same_name.context["form"].errors == {"name": ["Tên sổ đã được dùng."]}
    assert incoming.context["form"].non_field_errors() == [
        "Mỗi năm cơ quan chỉ có một sổ văn bản đến (và một sổ văn bản đến mật)."
    ]
    assert _state() == before


def test_another_communes_administrator_is_refused_everything(
    client: Client, cast: Cast, province: Province
) -> None:
    register = _outgoing(province)
    other = make_staff("quantri_tn", "Trần Văn Bình", (province.tan_ninh, Role.ADMINISTRATOR))
    open_year(province.tan_ninh, 2026)
    before = _state()
    login(client, other)

    detail = f"{URL}{register.pk}/"
    answers = [
        client.get(detail),
        client.post(detail, {"name": "Đổi tên trái phép"}),
        client.post(f"{detail}khoa/"),
        client.post(f"{detail}mo-lai/"),
    ]
    created = client.post(
        URL, {"body": province.long_an.pk, "year": "2026", "direction": "outgoing", "name": "Sổ"}
    )
    listed = client.get(URL)

    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert created.status_code == 400
    assert created.context["form"].errors == {"body": ["Lựa chọn không có trong danh sách."]}
    assert {r.body for r in listed.context["registers"]} == {province.tan_ninh}
    with pytest.raises(PermissionDenied):
        close_register(actor=other, register=register)
    assert _state() == before


def test_a_specialist_and_an_anonymous_visitor_are_kept_out(
    client: Client, cast: Cast, province: Province
) -> None:
    register = _outgoing(province)
    before = _state()
    detail = f"{URL}{register.pk}/"
    data = {"body": province.long_an.pk, "year": "2026", "direction": "outgoing", "name": "Sổ"}

    anonymous = [Client().get(URL), Client().post(URL, data), Client().post(f"{detail}khoa/")]
    login(client, cast.specialist)
    specialist = [
        client.get(URL),
        client.post(URL, data),
        client.get(detail),
        client.post(detail, {"name": "Sổ"}),
        client.post(f"{detail}khoa/"),
    ]

    assert [a.status_code for a in anonymous] == [302, 302, 302]
    assert all(a["Location"].startswith("/dang-nhap/?next=") for a in anonymous)
    assert [a.status_code for a in specialist] == [404, 404, 404, 404, 404]
    assert _state() == before


def test_the_provinces_administrator_manages_every_units_registers(
    client: Client, province: Province
) -> None:
    it_centre: User = make_staff(
        "quantri_tinh", "Võ Văn Tâm", (province.province, Role.ADMINISTRATOR)
    )
    open_year(province.long_an, 2026)
    open_year(province.tan_ninh, 2026)
    login(client, it_centre)

    listed = client.get(URL)
    target = Register.objects.get(
        body=province.tan_ninh, year=2026, direction=Direction.INCOMING, confidential=True
    )
    closed = client.post(f"{URL}{target.pk}/khoa/")

    assert [(r.body.name, r.name) for r in listed.context["registers"]] == [
        ("Phường Long An", "Sổ văn bản đến"),
        ("Phường Long An", "Sổ văn bản đến mật"),
        ("Phường Long An", "Sổ văn bản đi"),
        ("Phường Long An", "Sổ văn bản đi mật"),
        ("Phường Tân Ninh", "Sổ văn bản đến"),
        ("Phường Tân Ninh", "Sổ văn bản đến mật"),
        ("Phường Tân Ninh", "Sổ văn bản đi"),
        ("Phường Tân Ninh", "Sổ văn bản đi mật"),
    ]
    assert closed.status_code == 302
    target.refresh_from_db()
    assert target.closed_by == it_centre
    with pytest.raises(DomainError) as again:
        reopen_register(actor=it_centre, register=Register.objects.get(pk=target.pk))
        reopen_register(actor=it_centre, register=Register.objects.get(pk=target.pk))
    assert again.value.code == "office_register_open"

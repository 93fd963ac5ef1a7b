"""The inbox: tabs, search, the desk's waiting list, and its query count."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.services import move_on
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.tests.test_views_actions import World, new_online

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=VN)


def codes(client: Client, query: str) -> list[str]:
    page = client.get(f"/ho-so/{query}").content.decode()
    return [part.split("</code>")[0] for part in page.split("<code>")[1:]]


def test_tabs_show_mine_unassigned_near_and_late(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    # Given one dossier at the reception step (held by the officer) and one
    # forwarded to the specialists, nobody claimed yet; 5 working days each
    with time_machine.travel(MONDAY, tick=False):
        held = receive(desk, cast, province)
        sent = move_on(
            actor=cast.reception, dossier=receive(desk, cast, province), action="forward"
        )
    login(client, cast.reception)
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        assert codes(client, "?tab=mine") == [held.code]
        assert codes(client, "?tab=unassigned") == []
        assert codes(client, "?tab=near") == []
        assert codes(client, "?tab=late") == []
    login(client, cast.specialist)
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        assert codes(client, "?tab=mine") == []
        assert codes(client, "?tab=unassigned") == [sent.code]
    # Two days before the appointment it is near; after it, late
    # (a session idles out after 8 hours, so log in again each time)
    with time_machine.travel(datetime(2026, 3, 8, 8, 0, tzinfo=VN), tick=False):
        login(client, cast.specialist)
        sent.refresh_from_db()
        assert sent.appointment_at == datetime(2026, 3, 9, 8, 0, tzinfo=VN)
        assert codes(client, "?tab=near") == [sent.code]
    with time_machine.travel(datetime(2026, 3, 10, 8, 0, tzinfo=VN), tick=False):
        login(client, cast.specialist)
        assert codes(client, "?tab=late") == [sent.code]
        assert codes(client, "?tab=near") == []


def test_search_finds_by_code(desk: Desk, cast: Cast, province: Province, client: Client) -> None:
    first = receive(desk, cast, province)
    receive(desk, cast, province)
    login(client, cast.reception)
    assert codes(client, f"?tab=mine&q={first.code}") == [first.code]
    assert codes(client, "?tab=mine&q=kh%C3%B4ng-c%C3%B3") == []


def test_htmx_search_returns_only_the_list(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    dossier = receive(desk, cast, province)
    login(client, cast.reception)
    response = client.get(
        "/ho-so/?tab=mine", headers={"HX-Request": "true", "HX-Target": "inbox-list"}
    )
    page = response.content.decode()
    assert f"<code>{dossier.code}</code>" in page
    assert "<html" not in page


def test_reception_sees_the_button_and_the_waiting_list(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    new_online(World(desk, cast, province))
    login(client, cast.reception)
    page = client.get("/ho-so/").content.decode()
    assert f'href="/ho-so/tiep-nhan/?don_vi={province.long_an_centre.pk}"' in page
    assert "Đang chờ tiếp nhận tại Trung tâm Phục vụ hành chính công phường Long An (1)" in page
    login(client, cast.specialist)
    page = client.get("/ho-so/").content.decode()
    assert "Tiếp nhận hồ sơ" not in page
    assert "Đang chờ tiếp nhận" not in page


def test_query_count_does_not_grow_with_dossiers(
    desk: Desk,
    cast: Cast,
    province: Province,
    client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    login(client, cast.reception)
    world = World(desk, cast, province)
    receive(desk, cast, province)
    new_online(world)
    client.get("/ho-so/")  # the first request after logging in saves the session
    # session, user, count, centres (memberships, units), waiting list
    # (memberships, dossiers), the page of dossiers, and the session saved
    # on every request (savepoint, update, release), and the menu asking
    # whether the user sees the dashboard
    with django_assert_num_queries(13):
        assert client.get("/ho-so/?tab=mine").status_code == 200
    for _i in range(9):
        receive(desk, cast, province)
        new_online(world)
    with django_assert_num_queries(13):
        page = client.get("/ho-so/?tab=mine").content.decode()
    assert page.count("<code>") == 10

"""The dossier page and the action panel's choice of actions."""

from __future__ import annotations

from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.actions import available_actions
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.tests.test_views_actions import World, at_leader, at_specialist, finished
from egov.platform.audit.models import AuditEvent


def test_outsider_gets_404(desk: Desk, cast: Cast, province: Province, client: Client) -> None:
    dossier = receive(desk, cast, province)
    login(client, cast.outsider)
    assert client.get(f"/ho-so/{dossier.pk}/").status_code == 404
    assert client.get("/ho-so/999999/").status_code == 404


def test_anonymous_is_sent_to_log_in(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    dossier = receive(desk, cast, province)
    response = client.get(f"/ho-so/{dossier.pk}/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/dang-nhap/")


def test_page_shows_the_dossier_history_and_forms(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    dossier = at_specialist(World(desk, cast, province))
    login(client, cast.specialist)
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert f"<code>{dossier.code}</code>" in page
    assert "Đang xử lý" in page
    assert "072090001234" in page
    assert "Giấy chứng sinh" in page
    assert "Thẩm định hồ sơ" in page
    assert "Chuyển xử lý" in page
    assert f'href="/in/ho-so/{dossier.pk}/mau-01.pdf"' in page
    assert f'href="/in/ho-so/{dossier.pk}/mau-06.pdf"' in page
    assert "dossiers.accepted" not in page
    assert "Tiếp nhận hồ sơ" in page
    assert f'action="/ho-so/{dossier.pk}/claim/"' in page
    assert f'action="/ho-so/{dossier.pk}/stop/"' not in page


def test_actions_follow_the_step_and_the_role(desk: Desk, cast: Cast, province: Province) -> None:
    world = World(desk, cast, province)
    dossier = at_specialist(world)
    specialist = available_actions(cast.specialist, dossier)
    assert specialist.names == {
        "claim",
        "forward",
        "return",
        "supplement",
        "refuse",
        "consult",
        "payment",
        "apology",
    }
    assert [(g[0], [o.target_name for o in g[2]]) for g in specialist.move_groups()] == [
        ("forward", ["Lãnh đạo ký duyệt"]),
        ("return", ["Tiếp nhận hồ sơ"]),
    ]
    assert available_actions(cast.reception, dossier).names == {"withdraw"}
    head = available_actions(desk.commune_head, dossier)
    assert {"assign", "stop", "claim"} <= head.names
    assert [u.username for u in head.assignees] == ["chuyenvien"]
    assert available_actions(cast.outsider, dossier).names == set()


def test_leader_step_and_finished_dossier(desk: Desk, cast: Cast, province: Province) -> None:
    world = World(desk, cast, province)
    at_leader_step = at_leader(world)
    assert "approve" in available_actions(desk.commune_leader, at_leader_step)
    # The specialist handed it over: the leader decides now
    assert "forward" not in available_actions(cast.specialist, at_leader_step)
    done = finished(World(desk, cast, province))
    assert available_actions(cast.reception, done).names == {"return-result"}


def test_reading_personal_data_is_logged(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    dossier = receive(desk, cast, province)
    login(client, cast.specialist)

    client.get(f"/ho-so/{dossier.pk}/")
    login(client, cast.outsider)
    client.get(f"/ho-so/{dossier.pk}/")

    reads = AuditEvent.objects.filter(event_type="dossiers.personal_data_read")
    assert list(reads.values_list("actor__username", "target_id", "details__where")) == [
        ("chuyenvien", str(dossier.pk), "dossier_page")
    ]

"""Every dossier someone must act on is in their inbox: the pages, the API, the search.

Over generated data (`egov generate` on the demo province, with its demo
people and synthetic officers for every unit and role), plus the dossiers
the generator leaves out, made through the desk's services: a new online
dossier, one waiting for a supplement at the desk, one waiting for fees,
one claimed by a specialist, and one waiting for the head of Sở Tư pháp
(issue 17, item 2). Who may act is `may_act`, the permission function the
action panel uses; the inbox must agree with it for every user.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime

import pytest
import time_machine
from django.test import Client

from egov.onestop.dossiers.actions import available_actions
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus
from egov.onestop.dossiers.permissions import STAGES, may_act
from egov.onestop.dossiers.services import (
    Applicant,
    claim,
    move_on,
    receive_dossier,
    register_dossier,
    request_payment,
    request_supplement_at_reception,
)
from egov.onestop.procedures.models import Process
from egov.platform.accounts.access import remember_memberships
from egov.platform.accounts.models import AccountKind, User
from egov.platform.organisation.models import Unit
from egov.platform.workcalendar.deadlines import VN_TZ
from egov.tools.synthetic.generator import Options, generate

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 16, 10, 0, tzinfo=VN_TZ)
APPLICANT = Applicant(name="Nguyễn Văn Bình", id_number="072090009876", phone="0912000111")
# Actions that are the work of the dossier's present stage (permissions.STAGES).
STAGE_WORK = frozenset(
    {"accept", "receive-supplement", "confirm-payment", "return-result", "claim", "assign"}
    | {"forward", "approve", "return"}
)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _desk_made() -> dict[str, Dossier]:
    """The dossiers the generator does not make, each through the services."""
    stp = Unit.objects.get(name="Sở Tư pháp")
    centre = Unit.objects.get(name="Trung tâm Phục vụ hành chính công tỉnh Tây Ninh")
    process = Process.objects.filter(agency=stp, is_active=True).order_by("pk").first()
    assert process is not None  # noqa: S101
    procedure = process.procedure
    required = [d.pk for d in procedure.documents.filter(required=True)]
    reception, specialist = _user("tiepnhan"), _user("chuyenvien")

    def at_desk() -> Dossier:
        return receive_dossier(
            actor=reception,
            receiving_unit=centre,
            procedure=procedure,
            agency=stp,
            applicant=APPLICANT,
            outcome="accept",
            received_document_ids=required,
        )

    def online() -> Dossier:
        return register_dossier(
            actor=None,
            receiving_unit=centre,
            procedure=procedure,
            agency=stp,
            channel=Channel.ONLINE,
            applicant=APPLICANT,
            applicant_user=_user("congdan1"),
            received_document_ids=required,
        )

    made = {"online": online()}
    made["supplement"] = request_supplement_at_reception(
        actor=reception, dossier=online(), items=["Bản sao giấy khai sinh"]
    )
    claimed = move_on(actor=reception, dossier=at_desk(), action="forward")
    made["claimed"] = claim(actor=specialist, dossier=claimed)
    fees = claim(
        actor=specialist, dossier=move_on(actor=reception, dossier=at_desk(), action="forward")
    )
    made["fees"] = request_payment(
        actor=specialist, dossier=fees, note="Phí cấp phiếu lý lịch tư pháp"
    )
    waiting = claim(
        actor=specialist, dossier=move_on(actor=reception, dossier=at_desk(), action="forward")
    )
    made["approval"] = move_on(actor=specialist, dossier=waiting, action="forward")
    return made


@pytest.fixture
def world() -> Iterator[dict[str, Dossier]]:
    with time_machine.travel(NOW, tick=False):
        generate(Options(dossiers=2000, years=1, seed=11, batch=2000))
        yield _desk_made()


def _listed(client: Client, query: str) -> list[int]:
    """The dossiers (ids) the inbox page lists, every page of it."""
    found: list[int] = []
    number = 1
    while True:
        page = client.get(f"/ho-so/?{query}&page={number}").content.decode()
        listed = page.split('<div id="inbox-list">')[1].split('<p class="muted')[0]
        found += [int(pk) for pk in re.findall(r'href="/ho-so/(\d+)/"', listed)]
        if f"Trang {number}/" not in page or f"Trang {number}/{number}<" in page:
            return found
        number += 1


def test_every_dossier_to_act_on_is_in_the_inbox_of_each_person_who_may_act(
    world: dict[str, Dossier], client: Client
) -> None:
    # Given the dossiers someone must act on, and every staff account
    acting = list(
        Dossier.objects.filter(status__in=list(STAGES))
        .select_related("current_step", "receiving_unit", "current_unit")
        .select_related("current_step__unit", "current_step__external_agency")
        .order_by("pk")
    )
    staff = list(User.objects.filter(kind=AccountKind.STAFF, is_active=True).order_by("username"))
    for user in staff:
        remember_memberships(user)
    actors = {d.pk: [u for u in staff if may_act(u, d)] for d in acting}

    # 2,000 dossiers over a year (seed 11) leave 31 to act on; the desk made 5
    assert len(acting) == 36
    assert dict(Counter(d.status for d in acting)) == {
        DossierStatus.NEW: 1,
        DossierStatus.PROCESSING: 7,
        DossierStatus.SUPPLEMENT: 5,
        DossierStatus.FINANCIAL: 1,
        DossierStatus.FINISHED: 22,
    }
    # 93 staff accounts (demo and synthetic; the demo's two commune
    # administrators act on no dossier), 65 of them with something to act
    # on; 217 pairs of a dossier and a person who may act on it
    assert (len(staff), sum(1 for u in staff if any(u in a for a in actors.values()))) == (93, 65)
    assert sum(len(a) for a in actors.values()) == 217
    # Every dossier has someone, and the head of Sở Tư pháp has her dossier
    assert all(actors[d.pk] for d in acting)
    head = _user("truongphong")
    assert [
        u.username
        for u in actors[world["approval"].pk]
        if u.username in ("truongphong", "chuyenvien")
    ] == ["truongphong"]
    assert head in actors[world["claimed"].pk]

    # may_act is what the action panel offers as the stage's work
    with time_machine.travel(NOW, tick=False):
        for dossier in acting:
            for user in staff:
                offered = available_actions(user, dossier).names & STAGE_WORK
                assert bool(offered) == (user in actors[dossier.pk]), (dossier.code, user.username)

        # When each staff member opens the inbox (default tab: Cần xử lý) and the API
        for user in staff:
            client.force_login(user)
            expected = sorted(d.pk for d in acting if user in actors[d.pk])
            # Then exactly the dossiers they may act on are listed, on the page
            assert sorted(_listed(client, "")) == expected, user.username
            # and in the API's inbox
            answer = client.get("/api/v1/dossiers/")
            assert answer.status_code == 200
            assert sorted(d["id"] for d in json.loads(answer.content)) == expected
            # and a search by the exact code finds each (a new online
            # dossier has none until reception accepts it)
            for dossier in acting:
                if user not in actors[dossier.pk] or dossier.code is None:
                    continue
                assert _listed(client, f"q={dossier.code}") == [dossier.pk]
                found = client.get("/api/v1/dossiers/", {"q": dossier.code.lower()})
                assert [d["id"] for d in json.loads(found.content)] == [dossier.pk]

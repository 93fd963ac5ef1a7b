"""The steps of a petition, their deadlines and who may take them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.test import override_settings

from egov.conftest import Cast, Province
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.voice.complaints import deadlines, services
from egov.voice.complaints.models import Channel, Handler, Kind, Petition, PetitionStep, Status
from egov.voice.complaints.tests.conftest import Office, letter
from egov.voice.feedback.tests.conftest import VN

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[object, ...]:
    return (
        list(Petition.objects.order_by("pk").values()),
        list(Handler.objects.order_by("pk").values()),
        PetitionStep.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_complaint_is_accepted_within_10_days_and_settled_within_30(
    province: Province, office: Office
) -> None:
    received = datetime(2026, 4, 24, 9, 0, tzinfo=VN)  # a Friday before 30/4 and 1/5
    petition = services.record_petition(
        actor=office.reception,
        letter=letter(Kind.COMPLAINT),
        addressed_to=province.long_an,
        channel=Channel.DESK,
        received_at=received,
    )
    # Calendar days (Law on Complaints 2011 art. 27): holidays do not stop the clock.
    assert petition.accept_due == datetime(2026, 5, 4, 9, 0, tzinfo=VN)
    services.classify(
        actor=office.investigator,
        petition=petition,
        kind=Kind.COMPLAINT,
        within_competence=True,
        qualifying=True,
    )
    accepted = datetime(2026, 4, 28, 10, 0, tzinfo=VN)
    petition = services.accept(actor=office.head, petition=petition, at=accepted)
    assert petition.status == Status.ACCEPTED
    assert petition.settle_due == datetime(2026, 5, 28, 10, 0, tzinfo=VN)


@pytest.mark.parametrize(
    ("complicated", "remote", "days"),
    [(False, False, 30), (True, False, 45), (False, True, 45), (True, True, 60)],
)
def test_complaint_settling_time_by_complexity_and_area(
    complicated: bool, remote: bool, days: int
) -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    due = deadlines.settle_due("complaint", start, complicated=complicated, remote_area=remote)
    assert due == start + timedelta(days=days)


def test_a_denunciation_is_accepted_within_7_working_days_across_a_weekend_and_a_holiday(
    province: Province, office: Office
) -> None:
    # Thursday 23/4/2026: skipped are the weekend, Monday 27/4 (Hùng Kings' day,
    # Sunday 26/4, observed), 30/4, 1/5 and the 2-3/5 weekend.
    received = datetime(2026, 4, 23, 9, 0, tzinfo=VN)
    petition = services.record_petition(
        actor=office.clerk,
        letter=letter(),
        addressed_to=province.long_an,
        channel=Channel.POST,
        received_at=received,
    )
    assert petition.accept_due.astimezone(VN).date() == date(2026, 5, 7)


def test_denunciation_extensions_once_or_twice_when_complicated(
    province: Province, office: Office, denunciation: Petition
) -> None:
    services.classify(
        actor=office.head,
        petition=denunciation,
        kind=Kind.DENUNCIATION,
        within_competence=True,
        qualifying=True,
    )
    accepted = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    petition = services.accept(actor=office.head, petition=denunciation, at=accepted)
    assert petition.settle_due == accepted + timedelta(days=30)
    petition = services.extend(actor=office.head, petition=petition, reason="Cần xác minh thêm")
    assert petition.settle_due == accepted + timedelta(days=60)
    before = snapshot()
    with pytest.raises(Conflict):
        services.extend(actor=office.head, petition=petition, reason="Lần hai")
    assert snapshot() == before


def test_complicated_denunciation_may_be_extended_twice(
    province: Province, office: Office, denunciation: Petition
) -> None:
    services.classify(
        actor=office.head,
        petition=denunciation,
        kind=Kind.DENUNCIATION,
        within_competence=True,
        qualifying=True,
        complicated=True,
    )
    accepted = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    petition = services.accept(actor=office.head, petition=denunciation, at=accepted)
    petition = services.extend(actor=office.head, petition=petition, reason="Một")
    petition = services.extend(actor=office.head, petition=petition, reason="Hai")
    assert petition.extensions == 2
    assert petition.settle_due == accepted + timedelta(days=90)
    with pytest.raises(Conflict):
        services.extend(actor=office.head, petition=petition, reason="Ba")


@override_settings(VOICE_COMPLAINT_DEADLINES={"complaint_accept": 5})
def test_the_numbers_are_data(province: Province, office: Office) -> None:
    received = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    assert deadlines.accept_due("complaint", received) == received + timedelta(days=5)
    assert (
        deadlines.RULES[deadlines.Clock.DENUNCIATION_ACCEPT].article == "Luật Tố cáo 2018, Điều 24"
    )


def test_a_denunciation_end_to_end(
    province: Province, office: Office, denunciation: Petition
) -> None:
    p = services.classify(
        actor=office.investigator,
        petition=denunciation,
        kind=Kind.DENUNCIATION,
        within_competence=True,
        qualifying=True,
    )
    p = services.accept(actor=office.head, petition=p)
    p = services.assign(
        actor=office.head, petition=p, users=[office.investigator], lead=office.investigator
    )
    assert p.status == Status.INVESTIGATING
    assert list(p.handlers.values_list("user__username", "lead")) == [("xacminh.la", True)]
    p = services.add_finding(actor=office.investigator, petition=p, text="Có căn cứ một phần.")
    p = services.decide(
        actor=office.head, petition=p, number="12/KL-UBND", text="Tố cáo đúng một phần."
    )
    p = services.close(actor=office.head, petition=p)
    assert p.status == Status.CLOSED
    assert list(p.steps.values_list("kind", flat=True)) == [
        "recorded",
        "classified",
        "accepted",
        "assigned",
        "finding",
        "decided",
        "closed",
    ]
    events = list(
        AuditEvent.objects.filter(event_type__startswith="voice.petition_").values_list(
            "event_type", flat=True
        )
    )
    assert len(events) == 7
    # No audit detail names the denouncer.
    for details in AuditEvent.objects.values_list("details", flat=True):
        assert "Hoàng Văn Tố" not in str(details)


def test_forward_outside_competence_and_file_not_qualifying(
    province: Province, office: Office
) -> None:
    a = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.COMPLAINT),
        addressed_to=province.long_an,
        channel=Channel.POST,
    )
    services.classify(
        actor=office.head, petition=a, kind=Kind.COMPLAINT, within_competence=False, qualifying=True
    )
    with pytest.raises(Conflict):
        services.accept(actor=office.head, petition=a)
    a = services.forward(actor=office.head, petition=a, to="Sở Tài nguyên và Môi trường")
    assert (a.status, a.forwarded_to) == (Status.FORWARDED, "Sở Tài nguyên và Môi trường")
    b = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.RECOMMENDATION),
        addressed_to=province.long_an,
        channel=Channel.POST,
    )
    services.classify(
        actor=office.head,
        petition=b,
        kind=Kind.RECOMMENDATION,
        within_competence=True,
        qualifying=False,
    )
    with pytest.raises(InvalidInput):
        services.file_petition(actor=office.head, petition=b, reason="  ")
    b = services.file_petition(actor=office.head, petition=b, reason="Đơn nặc danh")
    assert b.status == Status.FILED


def test_repeated_petitions_link_to_the_first(
    province: Province, office: Office, denunciation: Petition
) -> None:
    second = services.record_petition(
        actor=office.clerk,
        letter=letter(),
        addressed_to=province.long_an,
        channel=Channel.POST,
        repeat_of=denunciation.code.lower(),
    )
    third = services.record_petition(
        actor=office.clerk,
        letter=letter(),
        addressed_to=province.long_an,
        channel=Channel.POST,
        repeat_of=second.code,
    )
    assert second.repeat_of == denunciation
    assert third.repeat_of == denunciation
    assert sorted(denunciation.repeats.values_list("pk", flat=True)) == [second.pk, third.pk]
    before = snapshot()
    with pytest.raises(InvalidInput):
        services.record_petition(
            actor=office.clerk,
            letter=letter(),
            addressed_to=province.long_an,
            channel=Channel.POST,
            repeat_of="DXXXXXXXXX",
        )
    assert snapshot() == before


def test_bad_input_stores_nothing(province: Province, office: Office) -> None:
    before = snapshot()
    for bad in (
        letter(kind="other"),
        letter(petitioner_name=""),
        letter(petitioner_id_number="12ab"),
        letter(summary="x" * 301),
    ):
        with pytest.raises(InvalidInput):
            services.record_petition(
                actor=office.clerk, letter=bad, addressed_to=province.long_an, channel=Channel.DESK
            )
    assert snapshot() == before


def test_a_citizen_sends_online(province: Province, cast: Cast) -> None:
    p = services.record_petition(
        actor=cast.citizen,
        letter=letter(Kind.COMPLAINT),
        addressed_to=province.long_an,
        channel=Channel.DESK,
    )
    assert (p.channel, p.account) == (Channel.ONLINE, cast.citizen)


ACTIONS = {
    "record": lambda actor, p, province: services.record_petition(
        actor=actor, letter=letter(), addressed_to=province.long_an, channel=Channel.DESK
    ),
    "classify": lambda actor, p, province: services.classify(
        actor=actor, petition=p, kind=Kind.DENUNCIATION, within_competence=True, qualifying=True
    ),
    "forward": lambda actor, p, province: services.forward(
        actor=actor, petition=p, to="Thanh tra tỉnh"
    ),
    "file": lambda actor, p, province: services.file_petition(
        actor=actor, petition=p, reason="Nặc danh"
    ),
    "accept": lambda actor, p, province: services.accept(actor=actor, petition=p),
    "assign": lambda actor, p, province: services.assign(
        actor=actor, petition=p, users=[actor], lead=actor
    ),
    "finding": lambda actor, p, province: services.add_finding(actor=actor, petition=p, text="x"),
    "extend": lambda actor, p, province: services.extend(actor=actor, petition=p, reason="x"),
    "decide": lambda actor, p, province: services.decide(
        actor=actor, petition=p, number="1", text="x"
    ),
    "close": lambda actor, p, province: services.close(actor=actor, petition=p),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize(
    "who",
    [
        "outsider",
        "citizen",
        "head_of_another_department",
        "clerk_of_the_body",
        "specialist_of_the_body",
    ],
)
def test_denied_actions_change_nothing(
    province: Province, cast: Cast, office: Office, denunciation: Petition, action: str, who: str
) -> None:
    actor = {
        "outsider": cast.outsider,
        "citizen": cast.citizen,
        "head_of_another_department": cast.head,
        "clerk_of_the_body": office.clerk,
        "specialist_of_the_body": office.other_specialist,
    }[who]
    allowed = {
        "clerk_of_the_body": {"record"},
        "specialist_of_the_body": {"record", "classify"},
        # A citizen records only online, in their own name.
        "citizen": {"record"},
    }.get(who, set())
    if action in allowed:
        return
    before = snapshot()
    with pytest.raises(PermissionDenied):
        ACTIONS[action](actor, denunciation, province)
    assert snapshot() == before

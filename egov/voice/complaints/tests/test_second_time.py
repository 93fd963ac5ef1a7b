"""Second-time complaints (Law on Complaints 2011 art. 33, 36-37); the longer denunciation check."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.voice.complaints import deadlines, secondtime, services
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.models import Channel, Kind, Petition, PetitionStep, StepKind
from egov.voice.complaints.tests.conftest import Office, letter
from egov.voice.complaints.tests.test_services import snapshot
from egov.voice.feedback.tests.conftest import VN

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 8, 0, tzinfo=VN)


def _decided_first(province: Province, office: Office) -> Petition:
    first = _accepted_first(province, office, at=RECEIVED + timedelta(days=3))
    return services.decide(actor=office.head, petition=first, number="12/QĐ-UBND", text="Bác đơn.")


def _accepted_first(province: Province, office: Office, *, at: datetime = RECEIVED) -> Petition:
    """A first-time complaint received on RECEIVED (2/3), accepted `at`, not decided."""
    undecided = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.COMPLAINT),
        addressed_to=province.long_an,
        channel=Channel.DESK,
        received_at=RECEIVED,
    )
    services.classify(
        actor=office.head,
        petition=undecided,
        kind=Kind.COMPLAINT,
        within_competence=True,
        qualifying=True,
    )
    return services.accept(actor=office.head, petition=undecided, at=at)


def _second(province: Province, cast: Cast, first: Petition, **changes: object) -> Petition:
    values: dict[str, object] = {
        "actor": cast.leader,
        "letter": letter(Kind.COMPLAINT),
        "addressed_to": province.province,
        "channel": Channel.POST,
        "received_at": RECEIVED + timedelta(days=20),
        "first_instance": first.code.lower(),
    }
    values.update(changes)
    return services.record_petition(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("complicated", "remote", "days"),
    [(False, False, 45), (True, False, 60), (False, True, 60), (True, True, 70)],
)
def test_a_second_time_complaint_goes_up_and_runs_its_own_clocks(
    province: Province, cast: Cast, office: Office, complicated: bool, remote: bool, days: int
) -> None:
    first = _decided_first(province, office)

    second = _second(province, cast, first)
    # Art. 36: accept within 10 days of receipt.
    assert (second.first_instance, second.second_time) == (first, True)
    assert second.accept_due == RECEIVED + timedelta(days=30)
    services.classify(
        actor=cast.leader,
        petition=second,
        kind=Kind.COMPLAINT,
        within_competence=True,
        qualifying=True,
        complicated=complicated,
        remote_area=remote,
    )
    accepted = RECEIVED + timedelta(days=25)
    second = services.accept(actor=cast.leader, petition=second, at=accepted)

    # Art. 37: 45 days, 60 if complicated; 60 and 70 in remote areas.
    assert second.accept_due == RECEIVED + timedelta(days=30)
    assert second.settle_due == accepted + timedelta(days=days)


def test_a_second_time_complaint_is_refused_where_the_law_does_not_allow_it(
    province: Province, cast: Cast, office: Office
) -> None:
    undecided = _accepted_first(province, office)
    decided = _decided_first(province, office)
    before = snapshot()
    errors = []
    for values in (
        # not a superior of Phường Long An: the ward itself, and another ward
        {"first": decided, "addressed_to": province.long_an},
        {"first": decided, "addressed_to": province.tan_ninh},
        # a denunciation has no second time
        {"first": decided, "letter": letter(Kind.DENUNCIATION)},
        # no decision, and the 30 days (art. 28) have not run out on day 20
        {"first": undecided},
    ):
        first = values.pop("first")
        assert isinstance(first, Petition)
        with pytest.raises((InvalidInput, Conflict)) as caught:
            _second(province, cast, first, **values)
        errors.append(caught.value.message)

    assert errors == [
        "Khiếu nại lần hai gửi đến cấp trên của cơ quan đã giải quyết lần đầu.",
        "Khiếu nại lần hai gửi đến cấp trên của cơ quan đã giải quyết lần đầu.",
        "Chỉ đơn khiếu nại mới được giải quyết lần hai.",
        "Khiếu nại lần đầu chưa có quyết định và chưa hết thời hạn giải quyết.",
    ]
    assert snapshot() == before
    # Once the first-time settling time has passed without a decision, it may go up.
    late = _second(province, cast, undecided, received_at=RECEIVED + timedelta(days=31))
    assert late.first_instance == undecided


def test_a_second_time_complaint_stays_a_complaint(
    province: Province, cast: Cast, office: Office
) -> None:
    second = _second(province, cast, _decided_first(province, office))
    before = snapshot()
    with pytest.raises(InvalidInput):
        services.classify(
            actor=cast.leader,
            petition=second,
            kind=Kind.RECOMMENDATION,
            within_competence=True,
            qualifying=True,
        )
    assert snapshot() == before


def test_checking_a_denunciation_at_several_places_takes_up_to_10_working_days(
    province: Province, office: Office, denunciation: Petition
) -> None:
    # Thursday 23/4/2026: 7 working days end on 7/5, 10 on 12/5 (after the
    # 27/4, 30/4 and 1/5 holidays and two weekends).
    received = datetime(2026, 4, 23, 9, 0, tzinfo=VN)
    Petition.objects.filter(pk=denunciation.pk).update(
        received_at=received, accept_due=deadlines.accept_due(Kind.DENUNCIATION, received)
    )
    petition = services.extend_check(
        actor=office.head, petition=denunciation, reason="Xác minh tại ba địa điểm"
    )
    assert petition.accept_due == datetime(2026, 5, 12, 9, 0, tzinfo=VN)
    assert petition.check_extended is True
    # Classifying it keeps the longer check.
    petition = services.classify(
        actor=office.head,
        petition=petition,
        kind=Kind.DENUNCIATION,
        within_competence=True,
        qualifying=True,
    )
    assert petition.accept_due == datetime(2026, 5, 12, 9, 0, tzinfo=VN)
    assert PetitionStep.objects.filter(petition=petition, kind=StepKind.CHECK_EXTENDED).count() == 1

    before = snapshot()
    with pytest.raises(Conflict):  # once only
        services.extend_check(actor=office.head, petition=petition, reason="Lần nữa")
    assert snapshot() == before


def test_only_heads_and_leaders_lengthen_the_check_and_only_for_a_denunciation(
    province: Province, office: Office, denunciation: Petition
) -> None:
    complaint = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.COMPLAINT),
        addressed_to=province.long_an,
        channel=Channel.DESK,
    )
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.extend_check(actor=office.investigator, petition=denunciation, reason="Xác minh")
    with pytest.raises(Conflict):
        services.extend_check(actor=office.head, petition=complaint, reason="Xác minh")
    assert snapshot() == before


def test_the_pages_record_a_second_time_complaint_and_lengthen_a_check(
    province: Province, cast: Cast, office: Office, denunciation: Petition
) -> None:
    first = _decided_first(province, office)
    leader = login(Client(), cast.leader)
    form = {
        "kind": Kind.COMPLAINT,
        "petitioner_name": "Lê Thị Khiếu",
        "respondent": "Chủ tịch UBND phường Long An",
        "summary": "Không đồng ý quyết định giải quyết lần đầu",
        "content": "Tôi không đồng ý với quyết định 12/QĐ-UBND.",
        "channel": "desk",
        "addressed_to": str(province.province.pk),
        "first_instance": first.code,
    }
    response = leader.post(reverse("complaints:record"), form)
    second = Petition.objects.get(first_instance=first)
    assert response.status_code == 302
    page = leader.get(reverse("complaints:detail", kwargs={"pk": second.pk})).content.decode()
    assert f'<dd id="first-instance"><a href="/don-thu/{first.pk}/">{first.code}</a>' in page

    head = login(Client(), office.head)
    url = reverse("complaints:extend_check", kwargs={"pk": denunciation.pk})
    assert (
        "Kéo dài kiểm tra"
        in head.get(reverse("complaints:detail", kwargs={"pk": denunciation.pk})).content.decode()
    )
    assert head.post(url, {"reason": "Xác minh tại ba địa điểm"}).status_code == 302
    denunciation.refresh_from_db()
    assert denunciation.check_extended is True
    assert denunciation.accept_due == deadlines.checking_due(denunciation.received_at)


def _decided_on(province: Province, office: Office, day: datetime, *, remote: bool) -> Petition:
    first = _decided_first(province, office)
    Petition.objects.filter(pk=first.pk).update(decided_at=day, remote_area=remote)
    first.refresh_from_db()
    return first


@pytest.mark.parametrize(("remote", "last"), [(False, 9), (True, 24)])
def test_a_second_time_complaint_is_taken_up_to_the_last_day_of_art_33(
    province: Province, cast: Cast, office: Office, remote: bool, last: int
) -> None:
    # Decided on 10/3: 30 days (45 in remote areas) end on 9/4 (24/4), whatever the weekday.
    first = _decided_on(province, office, datetime(2026, 3, 10, 9, 0, tzinfo=VN), remote=remote)

    second = _second(province, cast, first, received_at=datetime(2026, 4, last, 16, 30, tzinfo=VN))

    assert second.first_instance == first
    assert secondtime.last_day(first) == date(2026, 4, last)


@pytest.mark.parametrize(("remote", "day", "shown"), [(False, 10, "09/04"), (True, 25, "24/04")])
def test_a_second_time_complaint_the_day_after_is_refused_with_nothing_stored(
    province: Province, cast: Cast, office: Office, remote: bool, day: int, shown: str
) -> None:
    first = _decided_on(province, office, datetime(2026, 3, 10, 9, 0, tzinfo=VN), remote=remote)
    before = snapshot()

    with pytest.raises(InvalidInput) as caught:
        _second(province, cast, first, received_at=datetime(2026, 4, day, 8, 0, tzinfo=VN))

    assert str(caught.value.code) == "complaints_second_time_too_late"
    assert caught.value.message == (
        f"Đã quá thời hạn khiếu nại lần hai (Điều 33 Luật Khiếu nại 2011): hạn cuối là ngày "
        f"{shown}/2026. Nếu có trở ngại khách quan (ốm đau, thiên tai, đi công tác xa...), "
        "cán bộ tiếp nhận ghi lý do chậm để vào sổ."
    )
    assert snapshot() == before


def test_without_a_decision_the_time_runs_from_the_end_of_the_settling_period(
    province: Province, cast: Cast, office: Office
) -> None:
    undecided = _accepted_first(province, office)
    # Accepted 2/3: settling ends 1/4 (art. 28), the second complaint's time on 1/5.
    assert secondtime.last_day(undecided) == date(2026, 5, 1)

    taken = _second(province, cast, undecided, received_at=datetime(2026, 5, 1, 17, 0, tzinfo=VN))
    with pytest.raises(InvalidInput) as caught:
        _second(province, cast, undecided, received_at=datetime(2026, 5, 2, 7, 0, tzinfo=VN))

    assert taken.first_instance == undecided
    assert caught.value.code == ComplaintError.SECOND_TIME_TOO_LATE


def test_staff_take_a_late_second_complaint_with_the_obstacle_written_in_its_history(
    province: Province, cast: Cast, office: Office
) -> None:
    first = _decided_on(province, office, datetime(2026, 3, 10, 9, 0, tzinfo=VN), remote=False)

    second = _second(
        province,
        cast,
        first,
        received_at=datetime(2026, 5, 4, 8, 0, tzinfo=VN),
        delay_reason="Nằm viện từ 20/3 đến 30/4, có giấy ra viện.",
    )

    step = PetitionStep.objects.get(petition=second, kind=StepKind.RECORDED)
    assert step.note == (
        "Lý do khiếu nại lần hai quá thời hạn: Nằm viện từ 20/3 đến 30/4, có giấy ra viện."
    )
    recorded = AuditEvent.objects.get(
        event_type="voice.petition_recorded", target_id=str(second.pk)
    )
    assert "Nằm viện" not in str(recorded.details)


def test_the_window_is_data(
    province: Province, cast: Cast, office: Office, settings: Settings
) -> None:
    settings.VOICE_COMPLAINT_DEADLINES = {"complaint2_window": 20}
    first = _decided_on(province, office, datetime(2026, 3, 10, 9, 0, tzinfo=VN), remote=False)

    assert secondtime.last_day(first) == date(2026, 3, 30)
    assert deadlines.RULES[deadlines.Clock.SECOND_WINDOW].article == "Luật Khiếu nại 2011, Điều 33"

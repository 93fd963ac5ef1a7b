"""Petitions near or past their legal deadline remind whoever must act next, once."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import override_settings

from egov.conftest import Cast, Province
from egov.platform.notifications.models import Notification, NotificationKind
from egov.voice.complaints import reminders, services
from egov.voice.complaints.models import Channel, Kind, Petition
from egov.voice.complaints.tests.conftest import DENOUNCER, Office, letter
from egov.voice.feedback.tests.conftest import VN

pytestmark = pytest.mark.django_db

# Thursday 23/4/2026: 7 working days (Law on Denunciations 2018 art. 24) skip the
# weekend, Monday 27/4 (observed holiday), 30/4, 1/5 and the 2-3/5 weekend.
RECEIVED = datetime(2026, 4, 23, 9, 0, tzinfo=VN)


def told() -> list[tuple[str, str, str]]:
    return sorted(
        Notification.objects.filter(kind=NotificationKind.VOICE_PETITION).values_list(
            "recipient__username", "title", "body"
        )
    )


def _record(province: Province, office: Office, kind: str = Kind.DENUNCIATION) -> Petition:
    return services.record_petition(
        actor=office.clerk,
        letter=letter(kind),
        addressed_to=province.long_an,
        channel=Channel.POST,
        received_at=RECEIVED,
    )


def test_a_denunciation_near_its_acceptance_deadline_reminds_the_classifiers_once(
    province: Province, cast: Cast, office: Office
) -> None:
    petition = _record(province, office)
    assert petition.accept_due == datetime(2026, 5, 7, 9, 0, tzinfo=VN)

    # Wednesday 29/4: two working days ahead is Tuesday 5/5, before the deadline.
    assert reminders.remind(datetime(2026, 4, 29, 10, 0, tzinfo=VN)) == 0
    # Tuesday 5/5 10:00: the deadline falls within two working days.
    first = reminders.remind(datetime(2026, 5, 5, 10, 0, tzinfo=VN))
    again = reminders.remind(datetime(2026, 5, 6, 10, 0, tzinfo=VN))

    body = f"Đơn {petition.code} (Tố cáo): hạn thụ lý là ngày 07/05/2026."
    title = "Đơn sắp đến hạn thụ lý"
    # The classifiers over Phường Long An: its specialists, its chairman,
    # the province's leader.
    assert (first, again) == (5, 0)
    assert told() == [
        ("chutich.la", title, body),
        ("chuyenvien", title, body),
        ("khac.la", title, body),
        ("lanhdao", title, body),
        ("xacminh.la", title, body),
    ]
    link = Notification.objects.filter(kind=NotificationKind.VOICE_PETITION).first()
    assert link is not None and link.link == f"/don-thu/{petition.pk}/"


def test_a_passed_acceptance_deadline_reminds_every_day_without_the_denouncer(
    province: Province, cast: Cast, office: Office
) -> None:
    petition = _record(province, office)
    services.classify(
        actor=office.investigator,
        petition=petition,
        kind=Kind.DENUNCIATION,
        within_competence=True,
        qualifying=True,
    )
    friday, monday = datetime(2026, 5, 8, 8, 0, tzinfo=VN), datetime(2026, 5, 11, 8, 0, tzinfo=VN)

    # Classified: only the heads and leaders may accept it now.
    counts = [reminders.remind(friday), reminders.remind(friday), reminders.remind(monday)]

    assert counts == [2, 0, 2]
    titles = {(user, title) for user, title, _body in told()}
    assert titles == {("chutich.la", "Đơn quá hạn thụ lý"), ("lanhdao", "Đơn quá hạn thụ lý")}
    everything = " ".join(f"{t} {b}" for _u, t, b in told())
    assert DENOUNCER not in everything
    assert "5 triệu" not in everything  # what the denunciation says


def test_settling_reminds_the_handlers_and_the_heads_and_again_after_an_extension(
    province: Province, cast: Cast, office: Office
) -> None:
    petition = _record(province, office)
    services.classify(
        actor=office.head,
        petition=petition,
        kind=Kind.DENUNCIATION,
        within_competence=True,
        qualifying=True,
    )
    services.accept(actor=office.head, petition=petition, at=datetime(2026, 5, 4, 9, 0, tzinfo=VN))
    services.assign(
        actor=office.head, petition=petition, users=[office.investigator], lead=office.investigator
    )
    # 30 days (art. 30) from Monday 4/5 09:00: Wednesday 3/6 09:00.
    assert reminders.remind(datetime(2026, 6, 1, 10, 0, tzinfo=VN)) == 3
    petition = services.extend(actor=office.head, petition=petition, reason="Cần xác minh thêm")
    assert reminders.remind(datetime(2026, 7, 1, 10, 0, tzinfo=VN)) == 3
    assert reminders.remind(datetime(2026, 7, 4, 10, 0, tzinfo=VN)) == 3

    assert told() == sorted(
        [
            (
                user,
                "Đơn sắp đến hạn giải quyết",
                f"Đơn {petition.code} (Tố cáo): hạn giải quyết là ngày {due}.",
            )
            for user in ("xacminh.la", "chutich.la", "lanhdao")
            for due in ("03/06/2026", "03/07/2026")
        ]
        + [
            (
                user,
                "Đơn quá hạn giải quyết",
                f"Đơn {petition.code} (Tố cáo): hạn giải quyết là ngày 03/07/2026.",
            )
            for user in ("xacminh.la", "chutich.la", "lanhdao")
        ]
    )


def test_closed_forwarded_and_filed_petitions_remind_nobody(
    province: Province, cast: Cast, office: Office
) -> None:
    outside, filed = _record(province, office, Kind.COMPLAINT), _record(province, office)
    services.classify(
        actor=office.head,
        petition=outside,
        kind=Kind.COMPLAINT,
        within_competence=False,
        qualifying=True,
    )
    services.forward(actor=office.head, petition=outside, to="UBND tỉnh Tây Ninh")
    services.classify(
        actor=office.head,
        petition=filed,
        kind=Kind.DENUNCIATION,
        within_competence=True,
        qualifying=False,
    )
    services.file_petition(actor=office.head, petition=filed, reason="Đơn nặc danh")

    assert reminders.remind(datetime(2026, 8, 1, 10, 0, tzinfo=VN)) == 0
    assert told() == []


@override_settings(VOICE_PETITION_REMIND_DAYS=5)
def test_the_warning_window_is_data(province: Province, cast: Cast, office: Office) -> None:
    _record(province, office)
    # Wednesday 29/4: five working days ahead is Friday 8/5, after 7/5.
    assert reminders.remind(datetime(2026, 4, 29, 10, 0, tzinfo=VN)) == 5

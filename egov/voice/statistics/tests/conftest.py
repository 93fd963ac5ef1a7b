"""The figures' fixtures: a month of feedback, petitions and receptions."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.voice.complaints import services as complaints
from egov.voice.complaints.models import Channel as PetitionChannel
from egov.voice.complaints.models import Kind
from egov.voice.complaints.tests.conftest import Office, letter, office
from egov.voice.feedback import services as feedback
from egov.voice.feedback.models import Channel, Topic
from egov.voice.feedback.tests.conftest import VN, anonymous_submission, topics
from egov.voice.reception.models import Handling, Matter, ReceptionKind
from egov.voice.reception.services import Visit, record_reception

__all__ = ["activity", "office", "topics"]

MONDAY = datetime(2026, 5, 4, 9, 0, tzinfo=VN)


@pytest.fixture
def activity(province: Province, cast: Cast, office: Office, topics: dict[str, Topic]) -> None:
    """Three feedback items, two petitions and two receptions in May 2026."""
    with time_machine.travel(MONDAY, tick=False):
        answered = feedback.send_feedback(
            actor=None,
            submission=anonymous_submission(topic=topics["civil"]),
            addressed_to=province.long_an,
            channel=Channel.ONLINE,
            client_address="203.0.113.7",
        )
        feedback.send_feedback(
            actor=office.reception,
            submission=anonymous_submission(topic=topics["land"], sender_email="b@example.vn"),
            addressed_to=province.long_an,
            channel=Channel.DESK,
            client_address="203.0.113.8",
        )
        feedback.send_feedback(
            actor=None,
            submission=anonymous_submission(sender_email="c@example.vn"),
            addressed_to=province.tan_ninh,
            channel=Channel.ONLINE,
            client_address="203.0.113.9",
        )
        feedback.accept_feedback(actor=cast.specialist, feedback=answered, unit=province.long_an)
        feedback.draft_answer(actor=cast.specialist, feedback=answered, answer="Đã trả kết quả.")
        feedback.approve_answer(actor=cast.leader, feedback=answered)
        complaints.record_petition(
            actor=office.clerk,
            letter=letter(),
            addressed_to=province.long_an,
            channel=PetitionChannel.POST,
            received_at=MONDAY,
        )
        complaints.record_petition(
            actor=cast.leader,
            letter=letter(Kind.COMPLAINT, petitioner_name="Lê Thị Khiếu"),
            addressed_to=province.tan_ninh,
            channel=PetitionChannel.DESK,
            received_at=MONDAY,
        )
        for people, kind in ((1, ReceptionKind.REGULAR), (6, ReceptionKind.LEADER_DAY)):
            record_reception(
                actor=office.reception,
                unit=province.long_an,
                visit=Visit(
                    kind=kind,
                    citizen_name="Nguyễn Văn Đến",
                    matter=Matter.COMPLAINT if people == 1 else Matter.RECOMMENDATION,
                    content="Hỏi về bồi thường giải phóng mặt bằng.",
                    handling=Handling.GUIDED,
                    place="Trụ sở UBND phường",
                    people=people,
                ),
            )

"""Feedback from sending to publication: the steps, their deadlines, the refusals and the limits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from egov.conftest import Cast, Province
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError, InvalidInput, PermissionDenied
from egov.platform.notifications.models import Notification, OutboundEmail
from egov.voice.feedback import services
from egov.voice.feedback.models import (
    Channel,
    Feedback,
    FeedbackAttachment,
    FeedbackStep,
    Rating,
    Status,
    Topic,
)
from egov.voice.feedback.privacy import MASK
from egov.voice.feedback.reminders import remind_overdue
from egov.voice.feedback.tests.conftest import anonymous_submission, photo, send

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Wednesday 29 April 2026: Thursday 30/4 and Friday 1/5 are public holidays
# (Labour Code 2019 art. 112), then a weekend.
WEDNESDAY = datetime(2026, 4, 29, 9, 0, tzinfo=VN)


def _answered(feedback: Feedback, cast: Cast, province: Province, **approve: object) -> Feedback:
    feedback = services.accept_feedback(
        actor=cast.specialist, feedback=feedback, unit=province.long_an
    )
    feedback = services.draft_answer(
        actor=cast.specialist,
        feedback=feedback,
        answer="Kính gửi bà Nguyễn Thị Bình: UBND phường đã trả kết quả ngày 10/3.",
    )
    return services.approve_answer(actor=cast.leader, feedback=feedback, **approve)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_each_deadline_counts_working_days_across_the_holidays_and_the_weekend(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        feedback = send(province, topic=topics["civil"])
    # 2 working days: Mon 4/5 and Tue 5/5, past the holidays and the weekend.
    assert feedback.classify_due_at == datetime(2026, 5, 5, 9, 0, tzinfo=VN)
    assert feedback.status == Status.RECEIVED
    with time_machine.travel(datetime(2026, 5, 4, 10, 0, tzinfo=VN), tick=False):
        feedback = services.accept_feedback(
            actor=cast.specialist, feedback=feedback, unit=province.long_an
        )
    # 15 working days from Monday 4/5 10:00.
    assert feedback.answer_due_at == datetime(2026, 5, 25, 10, 0, tzinfo=VN)
    with time_machine.travel(datetime(2026, 5, 8, 14, 0, tzinfo=VN), tick=False):
        feedback = services.draft_answer(
            actor=cast.specialist, feedback=feedback, answer="Đã xử lý."
        )
        feedback = services.approve_answer(actor=cast.leader, feedback=feedback, publish_it=False)
    # 2 working days to publish: Mon 11/5 and Tue 12/5.
    assert feedback.publish_due_at == datetime(2026, 5, 12, 14, 0, tzinfo=VN)
    assert services.is_late(feedback, now=datetime(2026, 5, 12, 13, 0, tzinfo=VN)) is False
    assert services.is_late(feedback, now=datetime(2026, 5, 12, 15, 0, tzinfo=VN)) is True


@pytest.mark.django_db
def test_a_late_classification_counts_the_item_late_and_reminds_the_classifiers_once(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        feedback = send(province, topic=topics["civil"])
    later = datetime(2026, 5, 6, 8, 0, tzinfo=VN)

    told = remind_overdue(later)
    again = remind_overdue(later)

    # The classifiers of Phường Long An: its specialist and the province's leader.
    recipients = set(
        Notification.objects.filter(title="Phản ánh, kiến nghị quá hạn").values_list(
            "recipient__username", flat=True
        )
    )
    assert (told, again) == (2, 0)
    assert recipients == {"chuyenvien", "lanhdao"}
    assert services.is_late(feedback, now=later) is True


@pytest.mark.django_db
def test_the_whole_path_sends_the_answer_and_publishes_it_without_personal_data(
    sent: Feedback, province: Province, cast: Cast
) -> None:
    feedback = _answered(sent, cast, province)

    assert feedback.status == Status.ANSWERED
    assert feedback.approved_by == cast.leader
    assert feedback.published_at is not None
    assert "Nguyễn Thị Bình" not in feedback.public_question
    assert "0912345678" not in feedback.public_question
    assert "Nguyễn Thị Bình" not in feedback.public_answer
    assert feedback.public_question == (
        f"Tôi là {MASK}, số điện thoại {MASK}, nộp hồ sơ khai sinh cho con ngày 02/03 "
        "nhưng đến nay chưa nhận được kết quả."
    )
    assert feedback.public_answer == f"Kính gửi bà {MASK}: UBND phường đã trả kết quả ngày 10/3."
    # Folded for the search: no diacritics.
    assert "cham tra ket qua dang ky khai sinh" in feedback.search_text
    assert list(FeedbackStep.objects.filter(feedback=feedback).values_list("kind", flat=True)) == [
        "received",
        "accepted",
        "drafted",
        "approved",
        "published",
    ]
    assert list(
        AuditEvent.objects.filter(event_type__startswith="voice.")
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == [
        "voice.feedback_received",
        "voice.feedback_accepted",
        "voice.feedback_drafted",
        "voice.feedback_approved",
        "voice.feedback_published",
    ]
    # The anonymous sender is told by e-mail: received, then answered.
    assert OutboundEmail.objects.filter(to_address="binh@example.vn").count() == 2


@pytest.mark.django_db
def test_the_leader_may_return_the_draft_and_approve_an_edited_public_text(
    sent: Feedback, province: Province, cast: Cast
) -> None:
    feedback = services.accept_feedback(actor=cast.leader, feedback=sent, unit=province.long_an)
    feedback = services.draft_answer(actor=cast.specialist, feedback=feedback, answer="Nháp 1")
    feedback = services.return_answer(actor=cast.leader, feedback=feedback, note="Nêu rõ ngày.")
    assert feedback.status == Status.HANDLING
    feedback = services.draft_answer(actor=cast.specialist, feedback=feedback, answer="Nháp 2")

    feedback = services.approve_answer(
        actor=cast.leader,
        feedback=feedback,
        public_question="Hồ sơ khai sinh nộp ngày 02/03, gọi 0987654321, chưa có kết quả?",
    )

    assert feedback.answer == "Nháp 2"
    assert (
        feedback.public_question == f"Hồ sơ khai sinh nộp ngày 02/03, gọi {MASK}, chưa có kết quả?"
    )


@pytest.mark.django_db
def test_refusal_needs_a_reason_and_tells_the_sender(sent: Feedback, cast: Cast) -> None:
    with pytest.raises(InvalidInput) as error:
        services.refuse_feedback(actor=cast.specialist, feedback=sent, reason="  ")
    assert error.value.code == "voice_reason_required"

    feedback = services.refuse_feedback(
        actor=cast.specialist, feedback=sent, reason="Nội dung là khiếu nại, không phải phản ánh."
    )

    assert feedback.status == Status.REFUSED
    assert feedback.refusal_reason == "Nội dung là khiếu nại, không phải phản ánh."
    assert OutboundEmail.objects.filter(to_address="binh@example.vn").count() == 2
    with pytest.raises(InvalidInput) as late:
        services.accept_feedback(
            actor=cast.specialist, feedback=feedback, unit=feedback.addressed_to
        )
    assert late.value.code == "voice_state_not_allowed"


@pytest.mark.django_db
def test_a_transfer_is_logged_and_restarts_the_answer_clock(
    sent: Feedback, province: Province, cast: Cast
) -> None:
    with time_machine.travel(datetime(2026, 5, 4, 10, 0, tzinfo=VN), tick=False):
        feedback = services.accept_feedback(
            actor=cast.specialist, feedback=sent, unit=province.long_an
        )
    with time_machine.travel(datetime(2026, 5, 6, 10, 0, tzinfo=VN), tick=False):
        feedback = services.transfer_feedback(
            actor=cast.specialist,
            feedback=feedback,
            unit=province.long_an_centre,
            note="Thuộc thẩm quyền Trung tâm.",
        )

    assert feedback.unit == province.long_an_centre
    # 15 working days from Wednesday 6/5 10:00.
    assert feedback.answer_due_at == datetime(2026, 5, 27, 10, 0, tzinfo=VN)
    step = FeedbackStep.objects.get(feedback=feedback, kind="transferred")
    assert (step.unit, step.note) == (province.long_an_centre, "Thuộc thẩm quyền Trung tâm.")


@pytest.mark.django_db
def test_an_item_is_routed_only_inside_the_body_it_was_sent_to(
    sent: Feedback, province: Province, cast: Cast
) -> None:
    with pytest.raises(InvalidInput) as error:
        services.accept_feedback(actor=cast.leader, feedback=sent, unit=province.tan_ninh)
    assert error.value.code == "voice_unit_not_allowed"
    sent.refresh_from_db()
    assert sent.status == Status.RECEIVED


@pytest.mark.django_db
def test_the_sender_rates_the_answer_and_nobody_else_may(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    feedback = send(province, actor=cast.citizen, sender_name="", sender_email="", sender_phone="")
    feedback = _answered(feedback, cast, province)
    for stranger in (cast.specialist, cast.leader, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.rate_answer(actor=stranger, feedback=feedback, rating=Rating.SATISFIED)

    feedback = services.rate_answer(
        actor=cast.citizen, feedback=feedback, rating=Rating.UNSATISFIED
    )

    assert feedback.rating == Rating.UNSATISFIED
    # The account is told in its list (and at its e-mail, none here).
    assert list(
        Notification.objects.filter(recipient=cast.citizen)
        .order_by("pk")
        .values_list("title", "link")
    ) == [
        ("Đã nhận phản ánh, kiến nghị", f"/y-kien/theo-doi/{feedback.code}/"),
        ("Đã có trả lời phản ánh, kiến nghị", f"/y-kien/theo-doi/{feedback.code}/"),
    ]
    assert feedback.sender_name == "Trần Văn An"
    # The account's name is removed from the public text too.
    assert "Trần Văn An" not in feedback.public_question


def _state() -> tuple[object, ...]:
    return (
        list(Feedback.objects.order_by("pk").values()),
        FeedbackStep.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
        OutboundEmail.objects.count(),
    )


@pytest.mark.django_db
def test_every_action_is_denied_to_those_without_the_role_and_changes_nothing(
    sent: Feedback, province: Province, cast: Cast
) -> None:
    # Phường Long An's item; the outsider works in Phường Tân Ninh, the head in
    # Sở Tư pháp, the reception officer in the commune's centre.
    strangers = [cast.outsider, cast.head, cast.reception, cast.citizen, cast.clerk]
    actions: dict[str, Callable[[User, Feedback], object]] = {
        "accept": lambda who, fb: services.accept_feedback(
            actor=who, feedback=fb, unit=province.long_an
        ),
        "refuse": lambda who, fb: services.refuse_feedback(actor=who, feedback=fb, reason="Không"),
    }
    for name, action in actions.items():
        for who in strangers:
            before = _state()
            with pytest.raises(PermissionDenied):
                action(who, sent)
            assert _state() == before, (name, who.username)

    feedback = services.accept_feedback(actor=cast.specialist, feedback=sent, unit=province.long_an)
    for who in strangers:
        before = _state()
        with pytest.raises(PermissionDenied):
            services.draft_answer(actor=who, feedback=feedback, answer="Trả lời")
        with pytest.raises(PermissionDenied):
            services.transfer_feedback(
                actor=who, feedback=feedback, unit=province.long_an_centre, note="Chuyển"
            )
        assert _state() == before, who.username

    feedback = services.draft_answer(actor=cast.specialist, feedback=feedback, answer="Trả lời")
    for who in [*strangers, cast.specialist]:
        before = _state()
        with pytest.raises(PermissionDenied):
            services.approve_answer(actor=who, feedback=feedback)
        with pytest.raises(PermissionDenied):
            services.return_answer(actor=who, feedback=feedback, note="Sửa")
        assert _state() == before, who.username

    feedback = services.approve_answer(actor=cast.leader, feedback=feedback)
    for who in [*strangers, cast.specialist]:
        before = _state()
        with pytest.raises(PermissionDenied):
            services.promote_faq(actor=who, feedback=feedback, frequently_asked=True)
        assert _state() == before, who.username


@pytest.mark.django_db
def test_at_the_desk_only_staff_of_the_body_enter_feedback(province: Province, cast: Cast) -> None:
    for who in (cast.outsider, cast.citizen, None):
        with pytest.raises(PermissionDenied):
            send(province, actor=who, channel=Channel.DESK)
    assert Feedback.objects.count() == 0

    feedback = send(province, actor=cast.specialist, channel=Channel.DESK)

    assert (feedback.channel, feedback.received_by, feedback.account) == (
        "desk",
        cast.specialist,
        None,
    )


@pytest.mark.django_db
def test_an_anonymous_sender_must_leave_a_contact(province: Province) -> None:
    with pytest.raises(InvalidInput) as error:
        send(province, sender_phone="", sender_email="")
    assert error.value.code == "voice_contact_required"
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
def test_attachments_are_checked_by_content_and_nothing_is_kept_when_one_is_refused(
    province: Province,
) -> None:
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(InvalidInput) as error:
        services.send_feedback(
            actor=None,
            submission=anonymous_submission(),
            addressed_to=province.long_an,
            channel=Channel.ONLINE,
            attachments=[photo(), fake],
        )
    assert error.value.code == "voice_file_not_allowed"
    assert (Feedback.objects.count(), FeedbackAttachment.objects.count()) == (0, 0)

    feedback = services.send_feedback(
        actor=None,
        submission=anonymous_submission(),
        addressed_to=province.long_an,
        channel=Channel.ONLINE,
        attachments=[photo("ảnh hiện trường.png")],
    )
    attachment = feedback.attachments.get()
    assert attachment.name == "ảnh hiện trường.png"
    assert attachment.file.name.endswith(".png")
    assert "hiện" not in attachment.file.name


@pytest.mark.django_db
def test_a_flood_from_one_address_is_refused_after_five_and_stores_nothing(
    province: Province,
) -> None:
    for i in range(5):
        send(province, sender_email=f"nguoi{i}@example.vn")

    with pytest.raises(DomainError) as error:
        send(province, sender_email="nguoi9@example.vn")

    assert (error.value.status, error.value.code) == (429, "voice_too_many_requests")
    assert Feedback.objects.count() == 5


@pytest.mark.django_db
def test_an_overdue_answer_reminds_the_drafters_and_an_overdue_approval_the_leaders(
    province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=VN), tick=False):
        handling = send(province, sender_email="mot@example.vn")
        waiting = send(province, sender_email="hai@example.vn")
        services.accept_feedback(actor=cast.specialist, feedback=handling, unit=province.long_an)
        services.accept_feedback(actor=cast.specialist, feedback=waiting, unit=province.long_an)
        services.draft_answer(actor=cast.specialist, feedback=waiting, answer="Dự thảo")
    # 15 working days from Monday 4/5 09:00 end on Monday 25/5 09:00.
    before, after = datetime(2026, 5, 25, 8, 0, tzinfo=VN), datetime(2026, 5, 25, 10, 0, tzinfo=VN)

    assert remind_overdue(before) == 0
    assert remind_overdue(after) == 2
    told = sorted(
        Notification.objects.filter(title="Phản ánh, kiến nghị quá hạn").values_list(
            "recipient__username", "link"
        )
    )
    assert told == [
        ("chuyenvien", f"/y-kien/{handling.pk}/"),
        ("lanhdao", f"/y-kien/{waiting.pk}/"),
    ]

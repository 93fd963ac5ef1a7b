"""The feedback pages and the dialogue page, as a citizen, staff and strangers use them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.voice.feedback import services
from egov.voice.feedback.files import MAX_MB
from egov.voice.feedback.models import Feedback, FeedbackStep, Rating, Status, Topic
from egov.voice.feedback.tests.conftest import photo, send

SCRIPT = '<script>alert("x")</script><b>đậm</b>'


def _form(province: Province, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "addressed_to": province.long_an.pk,
        "subject": "procedure",
        "title": "Hỏi về đăng ký khai sinh",
        "content": "Đăng ký khai sinh cho con cần giấy tờ gì?",
        "sender_name": "Lê Thị Cúc",
        "sender_phone": "0903123456",
    }
    data.update(changes)
    return data


def _publish(feedback: Feedback, cast: Cast, province: Province, answer: str) -> Feedback:
    feedback = services.accept_feedback(
        actor=cast.specialist, feedback=feedback, unit=province.long_an
    )
    feedback = services.draft_answer(actor=cast.specialist, feedback=feedback, answer=answer)
    return services.approve_answer(actor=cast.leader, feedback=feedback)


@pytest.mark.django_db
def test_an_anonymous_visitor_sends_feedback_and_follows_it_by_its_code(
    client: Client, province: Province, cast: Cast
) -> None:
    response = client.post(
        "/y-kien/gui/", {**_form(province), "attachments": [photo()]}, REMOTE_ADDR="198.51.100.4"
    )

    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/y-kien/theo-doi/{feedback.code}/"
    assert (feedback.channel, feedback.status, feedback.account) == ("online", "received", None)
    assert feedback.attachments.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Chờ phân loại" in page
    # The follow page shows no personal data.
    assert "Lê Thị Cúc" not in page
    assert "0903123456" not in page


@pytest.mark.django_db
def test_the_honeypot_stores_nothing_and_looks_like_success(
    client: Client, province: Province
) -> None:
    response = client.post("/y-kien/gui/", _form(province, website="http://spam.example"))

    assert response.status_code == 200
    assert "Cảm ơn bạn đã gửi phản ánh" in response.content.decode()
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
def test_a_flood_from_one_address_gets_429_and_an_oversized_file_422(
    client: Client, province: Province
) -> None:
    for i in range(5):
        ok = client.post(
            "/y-kien/gui/", _form(province, sender_phone=f"090312345{i}"), REMOTE_ADDR="192.0.2.9"
        )
        assert ok.status_code == 302
    flooded = client.post(
        "/y-kien/gui/", _form(province, sender_phone="0903123459"), REMOTE_ADDR="192.0.2.9"
    )
    big = SimpleUploadedFile("lon.png", b"\x89PNG" + b"0" * (MAX_MB * 1024 * 1024 + 1))
    oversized = client.post(
        "/y-kien/gui/", {**_form(province), "attachments": [big]}, REMOTE_ADDR="192.0.2.10"
    )

    assert flooded.status_code == 429
    assert "quá nhiều phản ánh" in flooded.content.decode()
    assert oversized.status_code == 422
    assert "lớn hơn 10 MB" in oversized.content.decode()
    assert Feedback.objects.count() == 5


@pytest.mark.django_db
def test_html_in_the_text_is_shown_as_text(client: Client, province: Province, cast: Cast) -> None:
    feedback = send(province, title=SCRIPT, content=SCRIPT)
    feedback = _publish(feedback, cast, province, answer=SCRIPT)

    staff_page = login(Client(), cast.specialist).get(f"/y-kien/{feedback.pk}/").content.decode()
    public_page = client.get(f"/hoi-dap/{feedback.pk}/").content.decode()
    listing = client.get("/hoi-dap/").content.decode()

    for page in (staff_page, public_page, listing):
        assert '<script>alert("x")</script>' not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_staff_classify_answer_and_approve_through_the_pages(
    province: Province, cast: Cast, sent: Feedback
) -> None:
    specialist, leader = login(Client(), cast.specialist), login(Client(), cast.leader)

    specialist.post(
        f"/y-kien/{sent.pk}/phan-loai/", {"decision": "accept", "unit": province.long_an.pk}
    )
    specialist.post(f"/y-kien/{sent.pk}/tra-loi/", {"answer": "Giấy chứng sinh và CCCD."})
    leader.post(f"/y-kien/{sent.pk}/duyet/", {"decision": "approve", "publish": "on"})

    sent.refresh_from_db()
    assert sent.status == Status.ANSWERED
    assert sent.published_at is not None
    assert sent.public_answer == "Giấy chứng sinh và CCCD."
    inbox = specialist.get("/y-kien/xu-ly/")
    assert inbox.status_code == 200


@pytest.mark.django_db
def test_the_desk_entry_is_offered_only_to_those_who_may_use_it(cast: Cast) -> None:
    clerk = login(Client(), cast.clerk)
    assert "/y-kien/tiep-nhan/" not in clerk.get("/y-kien/xu-ly/").content.decode()
    assert clerk.get("/y-kien/tiep-nhan/").status_code == 404
    reception = login(Client(), cast.reception)
    assert "/y-kien/tiep-nhan/" in reception.get("/y-kien/xu-ly/").content.decode()
    assert reception.get("/y-kien/tiep-nhan/").status_code == 200


@pytest.mark.django_db
def test_the_inbox_marks_a_step_past_its_deadline(cast: Cast, sent: Feedback) -> None:
    staff = login(Client(), cast.specialist)
    assert "Quá hạn" not in staff.get("/y-kien/xu-ly/").content.decode()
    Feedback.objects.filter(pk=sent.pk).update(classify_due_at=sent.received_at)
    page = staff.get("/y-kien/xu-ly/").content.decode()
    assert f"{sent.code}</a>" in page
    assert page.count('<span class="tag">Quá hạn</span>') == 2  # waiting, and in the recent list


@pytest.mark.django_db
def test_every_staff_action_by_a_stranger_is_404_and_changes_nothing(
    province: Province, cast: Cast, sent: Feedback
) -> None:
    actions = {
        "phan-loai": {"decision": "accept", "unit": province.long_an.pk},
        "chuyen": {"unit": province.long_an_centre.pk, "note": "x"},
        "tra-loi": {"answer": "x"},
        "duyet": {"decision": "approve", "publish": "on"},
        "cong-khai": {},
        "thuong-gap": {"frequently_asked": "on"},
    }
    attachment = sent.attachments.create(name="a.png", file="voice/feedback/a.png")
    for who in (cast.outsider, cast.head, cast.citizen):
        client = login(Client(), who)
        for slug, data in actions.items():
            before = (
                list(Feedback.objects.values()),
                FeedbackStep.objects.count(),
                AuditEvent.objects.count(),
            )
            response = client.post(f"/y-kien/{sent.pk}/{slug}/", data)
            assert response.status_code == 404, (who.username, slug)
            assert (
                list(Feedback.objects.values()),
                FeedbackStep.objects.count(),
                AuditEvent.objects.count(),
            ) == before
        assert client.get(f"/y-kien/{sent.pk}/").status_code == 404
        assert client.get(f"/y-kien/{sent.pk}/tep/{attachment.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_dialogue_page_finds_with_or_without_diacritics_and_filters(
    client: Client, province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    birth = _publish(
        send(province, topic=topics["civil"], title="Đăng ký khai sinh quá hạn"),
        cast,
        province,
        answer="Được đăng ký khai sinh quá hạn tại UBND cấp xã.",
    )
    land = _publish(
        send(
            province,
            topic=topics["land"],
            title="Cấp giấy chứng nhận quyền sử dụng đất",
            content="Bao lâu thì được cấp sổ đỏ?",
            sender_email="khac@example.vn",
        ),
        cast,
        province,
        answer="Không quá 30 ngày.",
    )
    send(province, title="Khai sinh chưa trả lời", sender_email="cho@example.vn")
    services.promote_faq(actor=cast.leader, feedback=land, frequently_asked=True)

    def titles(query: str) -> list[str]:
        page = client.get(f"/hoi-dap/?{query}").content.decode()
        return [t for t in (birth.public_title, land.public_title) if t in page]

    assert titles("q=khai+sinh") == ["Đăng ký khai sinh quá hạn"]
    assert titles("q=đăng+KÝ+khai+sinh") == ["Đăng ký khai sinh quá hạn"]
    assert titles("q=so+do") == ["Cấp giấy chứng nhận quyền sử dụng đất"]
    assert titles(f"linh_vuc={topics['land'].pk}") == ["Cấp giấy chứng nhận quyền sử dụng đất"]
    assert titles(f"don_vi={province.long_an.pk}") == [birth.public_title, land.public_title]
    assert titles("thuong_gap=on") == ["Cấp giấy chứng nhận quyền sử dụng đất"]
    assert "Khai sinh chưa trả lời" not in client.get("/hoi-dap/?q=khai+sinh").content.decode()
    unpublished = Feedback.objects.get(title="Khai sinh chưa trả lời")
    assert client.get(f"/hoi-dap/{unpublished.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_sender_rates_on_their_page_and_another_citizen_cannot(
    province: Province, cast: Cast
) -> None:
    from egov.conftest import PASSWORD
    from egov.platform.accounts.models import AccountKind
    from egov.platform.accounts.services import create_account

    feedback = _publish(
        send(province, actor=cast.citizen, sender_name="", sender_email="", sender_phone=""),
        cast,
        province,
        answer="Đã giải quyết.",
    )
    stranger = create_account(
        actor=None,
        username="khac",
        password=PASSWORD,
        full_name="Người khác",
        kind=AccountKind.CITIZEN,
    )
    denied = login(Client(), stranger).post(
        f"/y-kien/{feedback.pk}/danh-gia/", {"rating": "unsatisfied"}
    )
    feedback.refresh_from_db()
    assert (denied.status_code, feedback.rating) == (404, "")

    mine = login(Client(), cast.citizen)
    assert "Đã giải quyết." in mine.get("/y-kien/cua-toi/").content.decode()
    mine.post(f"/y-kien/{feedback.pk}/danh-gia/", {"rating": "satisfied"})

    feedback.refresh_from_db()
    assert feedback.rating == Rating.SATISFIED


@pytest.mark.django_db
def test_staff_enter_feedback_brought_to_the_desk_and_citizens_cannot(
    province: Province, cast: Cast
) -> None:
    specialist = login(Client(), cast.specialist)
    assert specialist.get("/y-kien/tiep-nhan/").status_code == 200

    response = specialist.post("/y-kien/tiep-nhan/", _form(province))

    feedback = Feedback.objects.get()
    assert response["Location"] == f"/y-kien/{feedback.pk}/"
    assert (feedback.channel, feedback.received_by, feedback.sender_name) == (
        "desk",
        cast.specialist,
        "Lê Thị Cúc",
    )
    citizen = login(Client(), cast.citizen)
    assert citizen.get("/y-kien/tiep-nhan/").status_code == 404
    assert citizen.post("/y-kien/tiep-nhan/", _form(province)).status_code == 404
    assert login(Client(), cast.clerk).get("/y-kien/tiep-nhan/").status_code == 404
    assert Feedback.objects.count() == 1


@pytest.mark.django_db
def test_the_dialogue_page_and_the_inbox_take_a_fixed_number_of_queries(
    client: Client,
    province: Province,
    cast: Cast,
    topics: dict[str, Topic],
    django_assert_num_queries: Any,
) -> None:
    for i in range(3):
        _publish(
            send(
                province,
                topic=topics["civil"],
                sender_email=f"a{i}@example.vn",
                client_address=f"203.0.113.{i}",
            ),
            cast,
            province,
            answer=f"Trả lời {i}",
        )
        send(province, sender_email=f"b{i}@example.vn", client_address=f"203.0.113.{i}")
    specialist = login(Client(), cast.specialist)

    # Count, page, frequently asked, the two filter lists.
    with django_assert_num_queries(5):
        assert client.get("/hoi-dap/").status_code == 200
    # Session, user, memberships (once), to classify, to answer, recent (the
    # specialist approves nothing: those lists need no query), the menu's
    # roles, the unread notifications, the session's refresh (3).
    with django_assert_num_queries(11):
        assert specialist.get("/y-kien/xu-ly/").status_code == 200

"""Feedback's fixtures: two fields and a way to send one item as a citizen would."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from egov.conftest import Cast, Province
from egov.platform.accounts.models import User
from egov.voice.feedback.models import Channel, Feedback, Subject, Topic
from egov.voice.feedback.services import Submission, send_feedback


@pytest.fixture
def topics(db: None) -> dict[str, Topic]:
    return {
        "land": Topic.objects.create(code="dat-dai", name="Đất đai"),
        "civil": Topic.objects.create(code="ho-tich", name="Hộ tịch"),
    }


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


PNG = png_bytes()
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def photo(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def anonymous_submission(**changes: object) -> Submission:
    values: dict[str, object] = {
        "subject": Subject.PROCEDURE,
        "title": "Chậm trả kết quả đăng ký khai sinh",
        "content": (
            "Tôi là Nguyễn Thị Bình, số điện thoại 0912345678, nộp hồ sơ khai sinh "
            "cho con ngày 02/03 nhưng đến nay chưa nhận được kết quả."
        ),
        "sender_name": "Nguyễn Thị Bình",
        "sender_phone": "0912345678",
        "sender_email": "binh@example.vn",
        "procedure_code": "1.001193",
        "procedure_name": "Thủ tục đăng ký khai sinh",
    }
    values.update(changes)
    return Submission(**values)  # type: ignore[arg-type]


def send(
    province: Province,
    *,
    actor: User | None = None,
    channel: str = Channel.ONLINE,
    client_address: str = "203.0.113.7",
    **changes: object,
) -> Feedback:
    return send_feedback(
        actor=actor,
        submission=anonymous_submission(**changes),
        addressed_to=province.long_an,
        channel=channel,
        client_address=client_address,
    )


@pytest.fixture
def sent(province: Province, cast: Cast, topics: dict[str, Topic]) -> Feedback:
    return send(province, topic=topics["civil"])

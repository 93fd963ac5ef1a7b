"""The demo's feedback: a dialogue page that reads like a real one, and items at every step."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from egov.voice.feedback.models import Feedback
from egov.voice.open311.models import ApiClient

pytestmark = pytest.mark.django_db


def test_the_demo_has_feedback_at_every_step_and_a_dialogue_page() -> None:
    with time_machine.travel("2026-12-09 10:00 +07:00", tick=False):
        out = StringIO()
        call_command("load_demo", stdout=out)

        by_status = sorted(Feedback.objects.values_list("status", flat=True))
        assert by_status == [
            "answered",
            "answered",
            "answered",
            "answered",
            "answered",
            "answered",
            "answered",
            "answered",
            "awaiting_approval",
            "handling",
            "received",
            "refused",
        ]
        assert Feedback.objects.filter(published_at__isnull=False).count() == 7
        assert Feedback.objects.filter(frequently_asked=True).count() == 3
        page = Client().get("/hoi-dap/").content.decode()
        assert "Đăng ký khai sinh cho con khi cha mẹ chưa đăng ký kết hôn" in page
        assert "7 câu hỏi" in page
        # No sender's name or phone on the public page.
        assert "Nguyễn Văn Tâm" not in page
        assert "0909111222" not in page
        found = Client().get("/hoi-dap/?q=giay+phep+xay+dung").content.decode()
        assert "Sửa chữa nhà ở không thay đổi kết cấu có cần giấy phép xây dựng?" in found
        assert ApiClient.objects.get().name == "Ứng dụng Tây Ninh Smart (demo)"
        assert "Open311 key of the demo app (shown once): " in out.getvalue()

"""SMS codes: 10 minutes, 5 wrong tries, one new code a minute."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.citizens import sms
from egov.platform.citizens.codes import issue_code
from egov.platform.citizens.models import CitizenProfile, CodePurpose, PhoneCode
from egov.platform.citizens.services import confirm_phone
from egov.platform.citizens.tests.conftest import Commit, sms_code
from egov.platform.core.errors import Conflict, InvalidInput


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_five_wrong_codes_lock_the_code_even_for_the_right_one(by_phone: User) -> None:
    # Given the code sent at registration
    right = sms_code()
    messages = []
    # When a wrong code is typed five times
    for _ in range(5):
        with pytest.raises(InvalidInput) as refused:
            confirm_phone(user=by_phone, code=wrong(right))
        messages.append(refused.value.message)
    # Then each try said how many remain, and the last locked the code
    assert messages == [
        "Mã xác nhận không đúng. Bạn còn 4 lần thử.",
        "Mã xác nhận không đúng. Bạn còn 3 lần thử.",
        "Mã xác nhận không đúng. Bạn còn 2 lần thử.",
        "Mã xác nhận không đúng. Bạn còn 1 lần thử.",
        "Bạn đã nhập sai mã quá 5 lần. Hãy yêu cầu gửi mã mới.",
    ]
    # and even the right code is now refused, nothing confirmed
    with pytest.raises(InvalidInput) as locked:
        confirm_phone(user=by_phone, code=right)
    assert locked.value.code == "code_locked"
    by_phone.refresh_from_db()
    assert by_phone.is_active is False
    assert CitizenProfile.objects.get(user=by_phone).phone_confirmed_at is None
    assert PhoneCode.objects.get(user=by_phone).attempts == 5
    assert AuditEvent.objects.filter(event_type="citizens.sms_code_locked").count() == 1


def test_an_expired_code_changes_nothing(by_phone: User) -> None:
    code = sms_code()
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=10, seconds=1)),
        pytest.raises(InvalidInput) as refused,
    ):
        confirm_phone(user=by_phone, code=code)

    assert (refused.value.code, refused.value.message) == (
        "code_expired",
        "Mã xác nhận đã hết hạn. Hãy yêu cầu gửi mã mới.",
    )
    by_phone.refresh_from_db()
    assert by_phone.is_active is False


def test_a_code_works_once(by_phone: User) -> None:
    code = sms_code()
    confirm_phone(user=by_phone, code=code)

    with pytest.raises(InvalidInput) as refused:
        confirm_phone(user=by_phone, code=code)

    assert refused.value.code == "code_missing"


def test_a_new_code_waits_a_minute_and_replaces_the_old(
    by_phone: User, django_capture_on_commit_callbacks: Commit
) -> None:
    start = PhoneCode.objects.get(user=by_phone).created_at
    first = sms_code()
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        with pytest.raises(Conflict) as too_soon:
            issue_code(user=by_phone, phone="0912345678", purpose=CodePurpose.CONFIRM_PHONE)
        assert too_soon.value.message == "Vui lòng đợi 30 giây rồi yêu cầu mã mới."
    with (
        time_machine.travel(start + timedelta(seconds=61), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        issue_code(user=by_phone, phone="0912345678", purpose=CodePurpose.CONFIRM_PHONE)
    # (sms_code(): the worker sends it; the second code is due at its 61st second)
    with time_machine.travel(start + timedelta(seconds=62), tick=False):
        second = sms_code()
    assert len(sms.outbox) == 2
    if first != second:
        with pytest.raises(InvalidInput):
            confirm_phone(user=by_phone, code=first)
    confirm_phone(user=by_phone, code=second)
    by_phone.refresh_from_db()
    assert by_phone.is_active is True


def test_the_sms_says_what_the_code_is_for(by_phone: User) -> None:
    assert sms.outbox[0].text == (
        f"Ma xac nhan so dien thoai egov: {sms_code()}. Hieu luc 10 phut."
    )


def test_console_backend_logs_the_message(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="egov.platform.citizens.sms")

    sms.ConsoleSmsBackend().send("0912345678", "Ma xac nhan: 123456")

    assert caplog.messages == ["SMS to 0912345678: Ma xac nhan: 123456"]

"""The background poll of the leaders' remote signings (issue 12): a
confirmation on the phone approves without the leader coming back, a
refusal or the deadline ends the request and tells the leader why, and a
service that cannot be reached is asked again until the deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from egov.conftest import login
from egov.office.documents.models import OutgoingDocument, OutgoingStatus
from egov.office.documents.services.signing import pending_signing, poll_approval_signings
from egov.office.documents.tasks import remote_signing_poll
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    drafting_fixture,
)
from egov.office.documents.tests.signing_fixtures import (  # noqa: F401 - the fixtures
    Signing,
    approval_started,
    signing_fixture,
    submitted_for_signature,
    test_pki_fixture,
)
from egov.platform.audit.models import AuditEvent
from egov.platform.notifications.models import Notification

pytestmark = pytest.mark.django_db


def started(s: Signing, account: str = "hung.phone") -> OutgoingDocument:
    document = approval_started(s, account)
    Notification.objects.all().delete()
    return document


def leader_told(s: Signing) -> list[str]:
    return list(
        Notification.objects.filter(recipient=s.drafting.cast.leader)
        .order_by("pk")
        .values_list("title", flat=True)
    )


def failures() -> list[tuple[str, str]]:
    return [
        (e.details["code"], e.details["step"])
        for e in AuditEvent.objects.filter(event_type="office.outgoing_signing_failed")
    ]


def test_a_confirmation_on_the_phone_approves_without_the_leader(signing: Signing) -> None:
    document = started(signing)
    (tid,) = signing.sandbox.sandbox.transactions

    assert remote_signing_poll() == "signed 0, waiting 1, ended 0, unreachable 0"
    signing.sandbox.sandbox.confirm(tid)
    assert remote_signing_poll() == "signed 1, waiting 0, ended 0, unreachable 0"

    document.refresh_from_db()
    assert (document.status, document.versions.count(), pending_signing(document)) == (
        OutgoingStatus.APPROVED,
        2,
        None,
    )
    assert leader_told(signing) == ["Văn bản đã được ký số và duyệt"]
    signed = AuditEvent.objects.get(event_type="office.outgoing_signed")
    assert (signed.actor, signed.details["transaction"]) == (signing.drafting.cast.leader, tid)
    # Nothing left to poll.
    assert remote_signing_poll() == "signed 0, waiting 0, ended 0, unreachable 0"


def test_a_refusal_ends_the_request_and_the_page_says_why(signing: Signing) -> None:
    document = started(signing, "hung.refuses")

    assert poll_approval_signings() == {"signed": 0, "waiting": 0, "ended": 1, "unreachable": 0}

    document.refresh_from_db()
    assert (document.status, document.versions.count(), pending_signing(document)) == (
        OutgoingStatus.SUBMITTED,
        1,
        None,
    )
    assert leader_told(signing) == [
        "Yêu cầu ký số không thành công: Người ký đã từ chối yêu cầu ký số từ xa."
    ]
    assert failures() == [("signature.remote_refused", "finish")]
    client = Client()
    login(client, signing.drafting.cast.leader)
    page = client.get(f"/van-ban/di/{document.pk}/").content.decode()
    assert (
        "Yêu cầu ký số trước chưa thành công: Người ký đã từ chối yêu cầu ký số từ xa. "
        "Bạn có thể ký lại." in page
    )
    assert "Ký số và duyệt" in page


def test_the_platforms_deadline_ends_a_request_nobody_answers(signing: Signing) -> None:
    document = started(signing, "hung.silent")
    row = pending_signing(document)
    assert row is not None

    with time_machine.travel(row.expires_at - timedelta(seconds=1), tick=False):
        assert poll_approval_signings()["waiting"] == 1
    with time_machine.travel(row.expires_at, tick=False):
        assert poll_approval_signings()["ended"] == 1

    assert pending_signing(document) is None
    assert leader_told(signing) == [
        "Yêu cầu ký số không thành công: Hết thời gian chờ người ký xác nhận yêu cầu ký số từ xa."
    ]
    assert failures() == [("signature.remote_timeout", "finish")]


def test_an_unreachable_service_is_asked_again_until_the_deadline(
    signing: Signing, settings: Settings
) -> None:
    document = started(signing)
    row = pending_signing(document)
    assert row is not None
    signing.sandbox.stop()

    assert poll_approval_signings()["unreachable"] == 1
    assert poll_approval_signings()["unreachable"] == 1
    # Kept, untold, and no audit event per poll: the service failed, not the leader.
    assert (pending_signing(document), leader_told(signing), failures()) == (row, [], [])

    with time_machine.travel(row.expires_at, tick=False):
        assert poll_approval_signings()["ended"] == 1
    assert pending_signing(document) is None
    assert failures() == [("signature.remote_timeout", "finish")]
    document.refresh_from_db()
    assert (document.status, document.versions.count()) == (OutgoingStatus.SUBMITTED, 1)


def test_without_a_signature_setup_there_is_nothing_to_poll(
    signing: Signing, settings: Settings
) -> None:
    document = started(signing)
    settings.EGOV_SIGNATURES = None

    assert poll_approval_signings() == {"signed": 0, "waiting": 0, "ended": 0, "unreachable": 0}
    assert pending_signing(document) is not None
    assert timezone.now() < pending_signing(document).expires_at  # type: ignore[union-attr]

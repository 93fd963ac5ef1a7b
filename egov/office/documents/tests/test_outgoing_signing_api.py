"""The leader's remote signing in the REST API: its state, and the leader's
check of the phone's confirmation; nobody else finishes it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from egov.conftest import login
from egov.office.documents.models import OutgoingStatus
from egov.office.documents.services.signing import pending_signing
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

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    login(client, user)
    return client


def test_the_leader_sees_the_wait_and_finishes_through_the_api(signing: Signing) -> None:
    document = approval_started(signing)
    row = pending_signing(document)
    assert row is not None
    leader = _client(signing.drafting.cast.leader)
    url = f"/api/v1/office/outgoing/{document.pk}/signing"

    waiting = leader.get(url)
    assert (waiting.status_code, waiting.json()["state"], waiting.json()["reason"]) == (
        200,
        "waiting",
        "",
    )
    assert leader.post(f"{url}/check").json()["state"] == "waiting"

    (tid,) = signing.sandbox.sandbox.transactions
    signing.sandbox.sandbox.confirm(tid)
    done = leader.post(f"{url}/check")

    assert (done.status_code, done.json()) == (
        200,
        {"state": "signed", "expires_at": None, "reason": ""},
    )
    document.refresh_from_db()
    assert (document.status, document.versions.count()) == (OutgoingStatus.APPROVED, 2)


def test_a_refusal_answers_its_code_and_the_state_says_why(signing: Signing) -> None:
    document = approval_started(signing, "hung.refuses")
    leader = _client(signing.drafting.cast.leader)
    url = f"/api/v1/office/outgoing/{document.pk}/signing"

    refused = leader.post(f"{url}/check")

    assert (refused.status_code, refused.json()["code"]) == (422, "signature.remote_refused")
    assert leader.get(url).json() == {
        "state": "none",
        "expires_at": None,
        "reason": "Người ký đã từ chối yêu cầu ký số từ xa.",
    }


def test_nobody_else_finishes_the_leaders_signing_and_nothing_changes(signing: Signing) -> None:
    cast = signing.drafting.cast
    document = approval_started(signing)
    (tid,) = signing.sandbox.sandbox.transactions
    signing.sandbox.sandbox.confirm(tid)
    url = f"/api/v1/office/outgoing/{document.pk}/signing/check"
    before = AuditEvent.objects.filter(event_type="office.outgoing_signing_failed").count()

    answers = [_client(user).post(url).status_code for user in (cast.head, cast.clerk)]
    outsider = _client(cast.outsider).post(url)
    anonymous = Client().post(url)

    assert answers == [403, 403]
    assert (outsider.status_code, anonymous.status_code) == (404, 401)
    document.refresh_from_db()
    assert (document.status, document.versions.count(), pending_signing(document) is not None) == (
        OutgoingStatus.SUBMITTED,
        1,
        True,
    )
    # The two refusals to colleagues who see the document are audited.
    failed = AuditEvent.objects.filter(event_type="office.outgoing_signing_failed").count()
    assert failed - before == 2

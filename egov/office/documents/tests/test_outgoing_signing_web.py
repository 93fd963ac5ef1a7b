"""The approval and issue buttons with digital signatures, through the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from egov.conftest import login
from egov.office.documents.models import OutgoingDocument, OutgoingStatus
from egov.office.documents.services.outgoing import create_draft, send_outgoing
from egov.office.documents.tests.conftest import pdf
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    draft,
    drafting_fixture,
)
from egov.office.documents.tests.signing_fixtures import (  # noqa: F401 - the fixtures
    Signing,
    signing_fixture,
    submitted_for_signature,
    test_pki_fixture,
)
from egov.platform.audit.models import AuditEvent
from egov.platform.signatures.models import PendingSigning

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    login(client, user)
    return client


def test_the_leader_signs_with_the_buttons_and_the_clerk_issues(signing: Signing) -> None:
    d = signing.drafting
    document = submitted_for_signature(d)
    leader = _client(d.cast.leader)
    url = f"/van-ban/di/{document.pk}/"

    page = leader.get(url).content.decode()
    assert "Ký số và duyệt" in page

    started = leader.post(f"{url}xem-xet/duyet/", {"note": "Đồng ý"}, follow=True)
    text = started.content.decode()
    assert "Đã gửi yêu cầu ký số đến điện thoại của bạn." in text
    assert "Kiểm tra xác nhận ký số" in text
    assert "Ký số và duyệt" not in text

    waiting = leader.post(f"{url}ky-so/", follow=True)
    assert "Chưa có xác nhận ký số từ điện thoại của bạn." in waiting.content.decode()

    (tid,) = signing.sandbox.sandbox.transactions
    signing.sandbox.sandbox.confirm(tid)
    signed = leader.post(f"{url}ky-so/", follow=True)
    assert "Đã ký số và duyệt văn bản." in signed.content.decode()
    document.refresh_from_db()
    assert (document.status, document.versions.count()) == (OutgoingStatus.APPROVED, 2)

    clerk = _client(d.cast.clerk)
    assert "rồi văn bản được ký số bằng chữ ký số và con dấu của cơ quan" in (
        clerk.get(url).content.decode()
    )
    issued = clerk.post(f"{url}phat-hanh/", follow=True)
    assert issued.status_code == 200
    document.refresh_from_db()
    assert (document.status, document.versions.count()) == (OutgoingStatus.ISSUED, 3)
    assert f"Đã cấp số {document.notation}" in issued.content.decode()


def test_another_user_cannot_press_the_leaders_button(signing: Signing) -> None:
    d = signing.drafting
    document = submitted_for_signature(d)
    _client(d.cast.leader).post(f"/van-ban/di/{document.pk}/xem-xet/duyet/")
    (tid,) = signing.sandbox.sandbox.transactions
    signing.sandbox.sandbox.confirm(tid)
    before = (OutgoingDocument.objects.get().status, PendingSigning.objects.count())

    response = _client(d.cast.head).post(f"/van-ban/di/{document.pk}/ky-so/")

    assert response.status_code == 422
    assert "Chỉ người ký mới hoàn tất được chữ ký của mình." in response.content.decode()
    assert (OutgoingDocument.objects.get().status, PendingSigning.objects.count()) == before
    assert before == (OutgoingStatus.SUBMITTED, 1)


def test_without_a_setup_the_page_says_signing_is_unavailable(
    drafting: Drafting, settings: Settings
) -> None:
    settings.EGOV_SIGNATURES = None
    document = send_outgoing(
        actor=drafting.drafter,
        document=create_draft(
            actor=drafting.drafter,
            draft=draft(drafting, reviewer=None, signature_required=True),
            file=pdf(),
        ),
    )
    leader = _client(drafting.cast.leader)

    page = leader.get(f"/van-ban/di/{document.pk}/").content.decode()
    refused = leader.post(f"/van-ban/di/{document.pk}/xem-xet/duyet/")

    assert "chức năng ký số chưa được cấu hình trên hệ thống: chưa duyệt được" in page
    assert "Ký số và duyệt" not in page
    assert refused.status_code == 422
    assert "chức năng ký số chưa được cấu hình." in refused.content.decode()
    document.refresh_from_db()
    assert document.status == OutgoingStatus.SUBMITTED
    assert AuditEvent.objects.filter(event_type__startswith="office.outgoing_sign").count() == 0


def test_the_draft_form_asks_for_the_leaders_signature(drafting: Drafting) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from egov.office.documents.tests.conftest import PDF, doc_type  # noqa: PLC0415

    drafter = _client(drafting.drafter)
    assert "Lãnh đạo ký số khi duyệt" in drafter.get("/van-ban/di/soan-thao/").content.decode()

    created = drafter.post(
        "/van-ban/di/soan-thao/",
        {
            "document_type": doc_type("QĐ").pk,
            "summary": "Về việc thử nghiệm chữ ký số",
            "urgency": "normal",
            "secrecy": "none",
            "signer": drafting.cast.leader.pk,
            "internal_units": [drafting.office.long_an.pk],
            "external_names": "",
            "signature_required": "on",
            "file": SimpleUploadedFile("du-thao.pdf", PDF, content_type="application/pdf"),
        },
    )

    assert created.status_code == 302
    assert OutgoingDocument.objects.get().signature_required is True

"""Documents and statuses signed with the organisation's key, checked by the receiver."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from django.test import Client

from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange import intake
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.inbound import accept
from egov.office.exchange.models import (
    InboundFault,
    OutboundMessage,
    ReceivedDocument,
    SignatureCheck,
    StatusEntry,
)
from egov.office.exchange.outbox import envelope_of
from egov.office.exchange.tests.conftest import Credential
from egov.office.exchange.tests.delivery_fixtures import LONG_AN, issued_to, pump
from egov.platform.core.errors import DomainError
from egov.platform.outbox.contract import DeliveryStatus

SUBJECT = "CN=Văn phòng UBND A,O=UBND tỉnh Thử nghiệm,C=VN"


@pytest.fixture
def signing(organisation: Credential, settings: Any, tmp_path: Path) -> Credential:
    """This deployment signs with `organisation` and trusts its root."""
    key = tmp_path / "key.pem"
    key.write_bytes(
        organisation.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert = tmp_path / "cert.pem"
    cert.write_bytes(organisation.certificate.public_bytes(serialization.Encoding.PEM))
    settings.EXCHANGE_SIGNING_KEY_FILE = str(key)
    settings.EXCHANGE_SIGNING_CERT_FILE = str(cert)
    settings.EXCHANGE_TRUSTED_ROOTS_FILE = str(organisation.roots_file)
    return organisation


def test_the_statuses_come_back_signed_and_verified(
    signing: Credential, drafting: Drafting, client: Client
) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    assert (received.signature, received.signed_by) == (SignatureCheck.VERIFIED, SUBJECT)
    intake.register_received(actor=d.long_an_clerk, received=received)
    pump()
    assert list(StatusEntry.objects.order_by("pk").values_list("code", "signed_by")) == [
        ("01", SUBJECT),
        ("03", SUBJECT),
    ]
    client.force_login(d.cast.clerk, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/van-ban/di/{document.pk}/").content.decode()
    assert page.count(f'<span class="tag sig-valid" title="{SUBJECT}">Có chữ ký số</span>') == 2


def test_a_status_whose_signature_breaks_is_refused_and_changes_nothing(
    signing: Credential, drafting: Drafting
) -> None:
    d = drafting
    issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    intake.register_received(actor=d.long_an_clerk, received=received)
    row = OutboundMessage.objects.get(status_code="03", status=DeliveryStatus.PENDING)
    envelope = envelope_of(row)
    forged = dataclasses.replace(
        envelope, body=envelope.body.replace("Đã vào sổ".encode(), "Đã hoàn thành".encode(), 1)
    )
    assert forged.body != envelope.body
    with pytest.raises(DomainError) as caught:
        accept(forged)
    assert caught.value.code == ExchangeError.SIGNATURE_INVALID
    assert list(StatusEntry.objects.values_list("code", flat=True)) == ["01"]
    assert list(InboundFault.objects.values_list("code", flat=True)) == [
        ExchangeError.SIGNATURE_INVALID
    ]
    # The genuine one is still taken afterwards.
    accept(envelope)
    assert list(StatusEntry.objects.order_by("pk").values_list("code", flat=True)) == ["01", "03"]

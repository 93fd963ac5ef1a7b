"""Remote signing through the loopback sandbox: confirmed, refused, never
answered, resumed from a stored state, tampered with, signed with the wrong
key, a service that is down, and the outgoing document's two signatures
with the leader signing on their phone."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Iterator
from datetime import timedelta
from io import BytesIO

import pytest
import requests
import time_machine
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm

from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import Level, SignatureConfig
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.forms import fill_text_fields
from egov.platform.signatures.placeholders import Box, add_signature_fields
from egov.platform.signatures.remote.flow import finish_remote_signing, start_remote_signing
from egov.platform.signatures.remote.http_adapter import HttpRemoteSigningService
from egov.platform.signatures.remote.pending import PendingRemoteSignature
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.testing.remote_sandbox import (
    REFUSAL,
    Behaviour,
    RunningSandbox,
    SandboxUser,
    start_remote_sandbox,
)
from egov.platform.signatures.validation import (
    Modification,
    RevocationStatus,
    Verdict,
    validate_pdf,
)

from .documents import decision_with_fields, plain_pdf
from .test_signing import closed_port

DELAY = 30.0
LIFETIME = 120.0
WAIT = 600.0


class Clock:
    """The sandbox's time, moved by the tests instead of sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sandbox(test_pki: LoopbackPKI, clock: Clock) -> Iterator[RunningSandbox]:
    running = start_remote_sandbox(
        test_pki,
        {
            "an.nv": SandboxUser("leader", Behaviour.CONFIRM, delay=DELAY),
            "an.phone": SandboxUser("leader", Behaviour.PHONE),
            "an.refuses": SandboxUser("leader", Behaviour.REFUSE),
            "an.silent": SandboxUser("leader", Behaviour.NEVER),
            "an.broken": SandboxUser("leader", Behaviour.WRONG_KEY),
            "binh.revoked": SandboxUser("revoked", Behaviour.CONFIRM),
        },
        lifetime=LIFETIME,
        clock=clock,
    )
    yield running
    running.stop()


@pytest.fixture
def remote_config(config: SignatureConfig, sandbox: RunningSandbox) -> SignatureConfig:
    return dataclasses.replace(config, remote_signing_url=sandbox.base_url, remote_wait=WAIT)


@pytest.fixture
def service(remote_config: SignatureConfig) -> HttpRemoteSigningService:
    return HttpRemoteSigningService.from_config(remote_config)


def start(
    service: HttpRemoteSigningService, config: SignatureConfig, user_ref: str
) -> PendingRemoteSignature:
    return start_remote_signing(
        plain_pdf(),
        service,
        user_ref=user_ref,
        field_name="LanhDao",
        description="Ký Quyết định công nhận kết quả thử nghiệm",
        box=Box(page=0, x1=100, y1=80, x2=300, y2=150),
        reason="Phê duyệt",
        location="Chợ Đồn",
        config=config,
    )


def failure(
    pending: PendingRemoteSignature, service: HttpRemoteSigningService, config: SignatureConfig
) -> SigningError:
    with pytest.raises(SigningError) as raised:
        finish_remote_signing(pending, service, config=config)
    return raised.value


def test_a_confirmed_signature_is_embedded_valid_trusted_and_the_leaders(
    service: HttpRemoteSigningService, remote_config: SignatureConfig, clock: Clock
) -> None:
    pending = start(service, remote_config, "an.nv")
    assert finish_remote_signing(pending, service, config=remote_config) is None

    clock.now += DELAY
    signed = finish_remote_signing(pending, service, config=remote_config)

    assert signed is not None
    assert signed.startswith(plain_pdf())
    [report] = validate_pdf(signed, remote_config)
    assert (report.field_name, report.signer_name, report.organisation) == (
        "LanhDao",
        "Nguyễn Văn An",
        "UBND huyện Chợ Đồn",
    )
    assert (report.verdict, report.reason) == (Verdict.VALID, "Chữ ký số hợp lệ.")
    assert (report.trusted, report.timestamp_present, report.revocation) == (
        True,
        True,
        RevocationStatus.GOOD,
    )
    assert (report.intact, report.modification, report.changes_permitted) == (
        True,
        Modification.NONE,
        True,
    )
    # B-LT, as sign_pdf makes it: the certificates (leader, intermediate,
    # root, TSA, OCSP responder), the leader's OCSP response and the root's
    # CRL (for the intermediate and the TSA) in the DSS, in a third revision.
    dss = PdfFileReader(BytesIO(signed)).root["/DSS"]
    assert (len(dss["/Certs"]), len(dss["/OCSPs"]), len(dss["/CRLs"])) == (5, 1, 1)
    assert signed.count(b"%%EOF") == 3


def test_b_lta_adds_a_document_timestamp_after_a_remote_signature(
    service: HttpRemoteSigningService, remote_config: SignatureConfig, clock: Clock
) -> None:
    lta = dataclasses.replace(remote_config, level=Level.B_LTA)
    pending = start(service, lta, "an.nv")
    clock.now += DELAY

    signed = finish_remote_signing(pending, service, config=lta)

    assert signed is not None
    reader = PdfFileReader(BytesIO(signed))
    assert len(reader.embedded_regular_signatures) == 1
    assert len(reader.embedded_timestamp_signatures) == 1
    [report] = validate_pdf(signed, lta)
    assert (report.verdict, report.modification) == (Verdict.VALID, Modification.NONE)


def test_the_pending_state_is_stored_as_json_and_finished_in_another_call(
    service: HttpRemoteSigningService, remote_config: SignatureConfig, sandbox: RunningSandbox
) -> None:
    stored = start(service, remote_config, "an.phone").to_json()
    [transaction_id] = sandbox.sandbox.transactions
    assert json.loads(stored)["transaction_id"] == transaction_id

    # The signer's phone confirms, over HTTP, between the two requests.
    answer = requests.post(f"{sandbox.base_url}/transactions/{transaction_id}/confirm", timeout=5)
    assert answer.status_code == 200
    resumed = PendingRemoteSignature.from_json(stored)
    signed = finish_remote_signing(resumed, service, config=remote_config)

    assert resumed.to_json() == stored
    assert signed is not None
    [report] = validate_pdf(signed, remote_config)
    assert (report.signer_name, report.verdict, report.trusted) == (
        "Nguyễn Văn An",
        Verdict.VALID,
        True,
    )


def test_a_refusal_is_its_code_with_the_vietnamese_message_and_no_output(
    service: HttpRemoteSigningService, remote_config: SignatureConfig
) -> None:
    pending = start(service, remote_config, "an.refuses")

    error = failure(pending, service, remote_config)

    assert (error.code, error.message, error.details) == (
        "signature.remote_refused",
        "Người ký đã từ chối yêu cầu ký số từ xa.",
        {"detail": REFUSAL},
    )


def test_a_refusal_on_the_phone_carries_the_signers_reason(
    service: HttpRemoteSigningService, remote_config: SignatureConfig, sandbox: RunningSandbox
) -> None:
    pending = start(service, remote_config, "an.phone")
    sandbox.sandbox.refuse(pending.transaction_id, "Văn bản chưa đúng thể thức.")

    error = failure(pending, service, remote_config)

    assert (error.code, error.details) == (
        "signature.remote_refused",
        {"detail": "Văn bản chưa đúng thể thức."},
    )


def test_a_signer_who_never_answers_times_out_when_the_service_expires_it(
    service: HttpRemoteSigningService, remote_config: SignatureConfig, clock: Clock
) -> None:
    pending = start(service, remote_config, "an.silent")
    clock.now += LIFETIME - 1
    assert finish_remote_signing(pending, service, config=remote_config) is None

    clock.now += 1
    error = failure(pending, service, remote_config)

    assert (error.code, error.message, error.details) == (
        "signature.remote_timeout",
        "Hết thời gian chờ người ký xác nhận yêu cầu ký số từ xa.",
        {"detail": "expired at the service"},
    )


def test_the_platform_stops_waiting_at_its_own_deadline(
    service: HttpRemoteSigningService, remote_config: SignatureConfig
) -> None:
    # The service still says pending (its clock stands still).
    pending = start(service, remote_config, "an.silent")
    assert pending.expires_at - timezone.now() <= timedelta(seconds=WAIT)

    with time_machine.travel(pending.expires_at - timedelta(seconds=1), tick=False):
        assert finish_remote_signing(pending, service, config=remote_config) is None
    with time_machine.travel(pending.expires_at, tick=False):
        error = failure(pending, service, remote_config)

    assert (error.code, error.details) == (
        "signature.remote_timeout",
        {"detail": "deadline passed"},
    )


def test_a_stored_state_altered_in_storage_is_refused(
    service: HttpRemoteSigningService, remote_config: SignatureConfig, sandbox: RunningSandbox
) -> None:
    pending = start(service, remote_config, "an.phone")
    sandbox.sandbox.confirm(pending.transaction_id)
    payload = json.loads(pending.to_json())
    document = bytearray(base64.b64decode(payload["prepared_pdf"]))
    document[200:205] = b"XXXXX"
    payload["prepared_pdf"] = base64.b64encode(bytes(document)).decode()

    with pytest.raises(SigningError) as raised:
        PendingRemoteSignature.from_json(json.dumps(payload))

    assert (raised.value.code, raised.value.message, raised.value.details) == (
        "signature.remote_state_invalid",
        "Yêu cầu ký số đang chờ không hợp lệ hoặc đã bị sửa đổi.",
        {"detail": "MAC mismatch"},
    )


def test_a_state_whose_document_no_longer_matches_its_digest_gets_no_signature(
    service: HttpRemoteSigningService, remote_config: SignatureConfig, sandbox: RunningSandbox
) -> None:
    # Past the MAC (a state built in memory, or a leaked key): the bytes
    # themselves must still hang together.
    pending = start(service, remote_config, "an.phone")
    sandbox.sandbox.confirm(pending.transaction_id)
    document = bytearray(pending.prepared_pdf)
    document[200:205] = b"XXXXX"
    tampered = dataclasses.replace(pending, prepared_pdf=bytes(document))

    error = failure(tampered, service, remote_config)

    assert (error.code, error.details) == (
        "signature.remote_state_invalid",
        {"detail": "document digest"},
    )
    # The untampered state still finishes: nothing was consumed or changed.
    assert finish_remote_signing(pending, service, config=remote_config) is not None


def test_a_signature_made_with_another_key_is_not_embedded(
    service: HttpRemoteSigningService, remote_config: SignatureConfig
) -> None:
    pending = start(service, remote_config, "an.broken")

    error = failure(pending, service, remote_config)

    assert (error.code, error.message, error.details) == (
        "signature.remote_bad_signature",
        "Chữ ký do dịch vụ ký số từ xa trả về không khớp với chứng thư số của người ký.",
        {"detail": "InvalidSignature"},
    )


def test_a_revoked_certificate_is_refused_before_the_signer_is_asked(
    service: HttpRemoteSigningService, remote_config: SignatureConfig, sandbox: RunningSandbox
) -> None:
    with pytest.raises(SigningError) as raised:
        start(service, remote_config, "binh.revoked")

    assert raised.value.code == "signature.certificate_revoked"
    assert sandbox.sandbox.transactions == {}


def test_a_service_that_does_not_answer_is_unavailable(remote_config: SignatureConfig) -> None:
    down = HttpRemoteSigningService(f"http://127.0.0.1:{closed_port()}", timeout=2)

    with pytest.raises(SigningError) as raised:
        start(down, remote_config, "an.nv")

    assert (raised.value.code, raised.value.message) == (
        "signature.remote_unavailable",
        "Không kết nối được dịch vụ ký số từ xa.",
    )


def test_a_leader_certifies_remotely_and_the_outgoing_flow_keeps_both_signatures_valid(
    service: HttpRemoteSigningService,
    remote_config: SignatureConfig,
    sandbox: RunningSandbox,
    org_backend: ServerKeyBackend,
) -> None:
    # Decree 30/2020's flow (test_flow.py) with the leader on their phone.
    laid_out = add_signature_fields(
        decision_with_fields(),
        [
            ("LanhDao", Box(page=0, x1=330, y1=120, x2=530, y2=200)),
            ("CoQuan", Box(page=0, x1=60, y1=120, x2=260, y2=200)),
        ],
    )
    pending = start_remote_signing(
        laid_out,
        service,
        user_ref="an.phone",
        field_name="LanhDao",
        description="Ký Quyết định công nhận kết quả thử nghiệm",
        reason="Phê duyệt",
        certify=MDPPerm.FILL_FORMS,
        config=remote_config,
    )
    sandbox.sandbox.confirm(pending.transaction_id)
    leader_signed = finish_remote_signing(pending, service, config=remote_config)
    assert leader_signed is not None
    numbered = fill_text_fields(
        leader_signed, {"so_ky_hieu": "15/QĐ-UBND", "ngay_ban_hanh": "ngày 06 tháng 12 năm 2026"}
    )

    issued = sign_pdf(numbered, org_backend, field_name="CoQuan", config=remote_config)

    leader, org = validate_pdf(issued, remote_config)
    assert (leader.field_name, leader.signer_name, leader.verdict) == (
        "LanhDao",
        "Nguyễn Văn An",
        Verdict.VALID,
    )
    assert (leader.modification, leader.changes_permitted) == (Modification.FORM_FILLING, True)
    assert (org.field_name, org.signer_name, org.verdict) == (
        "CoQuan",
        "UBND huyện Chợ Đồn",
        Verdict.VALID,
    )

"""The VNPT SmartCA and Viettel MySign adapters against loopback sandboxes
that speak their JSON: confirmed, refused, expired, wrong credentials, and
the setting that picks the adapter."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from egov.platform.signatures.config import RemoteAdapter, SignatureConfig
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.placeholders import Box
from egov.platform.signatures.remote.adapter import RemoteSigningService
from egov.platform.signatures.remote.flow import finish_remote_signing, start_remote_signing
from egov.platform.signatures.remote.http_adapter import HttpRemoteSigningService
from egov.platform.signatures.remote.mysign import MySignService
from egov.platform.signatures.remote.pending import PendingRemoteSignature
from egov.platform.signatures.remote.services import remote_service
from egov.platform.signatures.remote.smartca import SmartCAService
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.testing.remote_sandbox import Behaviour, SandboxUser
from egov.platform.signatures.testing.vendor_sandboxes import (
    CLIENT_ID,
    PROFILE_ID,
    SECRET,
    MySignSandbox,
    SmartCASandbox,
    start_vendor_sandbox,
)
from egov.platform.signatures.validation import Verdict, validate_pdf

from .documents import plain_pdf
from .test_remote import LIFETIME, WAIT, Clock

SECRET_ENV = "EGOV_TEST_REMOTE_SECRET"
KINDS = {
    RemoteAdapter.VNPT_SMARTCA: SmartCASandbox,
    RemoteAdapter.VIETTEL_MYSIGN: MySignSandbox,
}


@pytest.fixture(params=list(KINDS), ids=lambda kind: str(kind))
def vendor(
    request: pytest.FixtureRequest,
    test_pki: LoopbackPKI,
    config: SignatureConfig,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[SignatureConfig, Clock]]:
    clock = Clock()
    running = start_vendor_sandbox(
        KINDS[request.param],
        test_pki,
        {
            "CMT_001": SandboxUser("leader", Behaviour.CONFIRM),
            "CMT_002": SandboxUser("leader", Behaviour.REFUSE),
            "CMT_003": SandboxUser("leader", Behaviour.NEVER),
        },
        lifetime=LIFETIME,
        clock=clock,
    )
    monkeypatch.setenv(SECRET_ENV, SECRET)
    yield (
        dataclasses.replace(
            config,
            remote_signing_url=running.base_url,
            remote_wait=WAIT,
            remote_adapter=request.param,
            remote_client_id=CLIENT_ID,
            remote_secret_env=SECRET_ENV,
            remote_profile_id=PROFILE_ID,
        ),
        clock,
    )
    running.stop()


def start(
    service: RemoteSigningService, config: SignatureConfig, user: str
) -> PendingRemoteSignature:
    return start_remote_signing(
        plain_pdf(),
        service,
        user_ref=user,
        field_name="LanhDao",
        description="Ký Quyết định công nhận kết quả thử nghiệm",
        box=Box(page=0, x1=100, y1=80, x2=300, y2=150),
        config=config,
    )


def failure(pending: PendingRemoteSignature, config: SignatureConfig) -> SigningError:
    with pytest.raises(SigningError) as raised:
        finish_remote_signing(pending, remote_service(config), config=config)
    return raised.value


def test_a_confirmed_signature_is_embedded_and_valid(
    vendor: tuple[SignatureConfig, Clock],
) -> None:
    config, _clock = vendor
    service = remote_service(config)

    signed = finish_remote_signing(start(service, config, "CMT_001"), service, config=config)

    assert signed is not None
    [report] = validate_pdf(signed, config)
    assert (report.field_name, report.signer_name, report.verdict, report.trusted) == (
        "LanhDao",
        "Nguyễn Văn An",
        Verdict.VALID,
        True,
    )


def test_a_refusal_on_the_phone_is_remote_refused(vendor: tuple[SignatureConfig, Clock]) -> None:
    config, _clock = vendor

    error = failure(start(remote_service(config), config, "CMT_002"), config)

    assert (error.code, error.message) == (
        "signature.remote_refused",
        "Người ký đã từ chối yêu cầu ký số từ xa.",
    )


def test_a_transaction_the_service_expired_is_remote_timeout(
    vendor: tuple[SignatureConfig, Clock],
) -> None:
    config, clock = vendor
    service = remote_service(config)
    pending = start(service, config, "CMT_003")
    assert finish_remote_signing(pending, service, config=config) is None

    clock.now += LIFETIME

    assert failure(pending, config).code == "signature.remote_timeout"


def test_a_wrong_secret_is_refused_and_never_shown(
    vendor: tuple[SignatureConfig, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, _clock = vendor
    monkeypatch.setenv(SECRET_ENV, "mat-khau-sai")

    with pytest.raises(SigningError) as raised:
        start(remote_service(config), config, "CMT_001")

    assert raised.value.code == "signature.remote_unavailable"
    assert "mat-khau-sai" not in str(raised.value.details) + repr(remote_service(config))


def test_without_the_secret_in_the_environment_nothing_is_sent(
    vendor: tuple[SignatureConfig, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, _clock = vendor
    monkeypatch.delenv(SECRET_ENV)

    with pytest.raises(SigningError) as raised:
        start(remote_service(config), config, "CMT_001")

    assert (raised.value.code, raised.value.details) == (
        "signature.remote_unavailable",
        {"detail": f"no secret in ${SECRET_ENV}"},
    )


def test_the_setting_picks_the_adapter(config: SignatureConfig) -> None:
    url = dataclasses.replace(config, remote_signing_url="https://ky-so.example.vn/api")
    kinds = {
        adapter: type(remote_service(dataclasses.replace(url, remote_adapter=adapter)))
        for adapter in RemoteAdapter
    }

    assert kinds == {
        RemoteAdapter.SANDBOX: HttpRemoteSigningService,
        RemoteAdapter.VNPT_SMARTCA: SmartCAService,
        RemoteAdapter.VIETTEL_MYSIGN: MySignService,
    }
    assert (
        SignatureConfig.from_mapping(
            {
                "tsa_url": "http://tsa",
                "trusted_roots": ["/r.pem"],
                "remote_adapter": "viettel_mysign",
                "remote_client_id": "egov",
                "remote_secret_env": "EGOV_MYSIGN_SECRET",
                "remote_profile_id": PROFILE_ID,
            }
        ).remote_adapter
        == RemoteAdapter.VIETTEL_MYSIGN
    )

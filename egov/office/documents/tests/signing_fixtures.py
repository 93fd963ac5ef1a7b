"""The signature setup of the outgoing-flow tests: the loopback PKI, a remote
signing sandbox, the seal key, the leader's image and account, the seal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings as Settings

from egov.conftest import make_staff
from egov.office.documents.models import OutgoingDocument
from egov.office.documents.services.outgoing import (
    ReviewAction,
    create_draft,
    review_outgoing,
    send_outgoing,
)
from egov.office.documents.tests.outgoing_fixtures import Drafting, draft
from egov.platform.accounts.models import Role, User
from egov.platform.signatures.models import SignerProfile
from egov.platform.signatures.services import (
    set_remote_account,
    upload_seal_image,
    upload_signature_image,
)
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.testing.remote_sandbox import (
    Behaviour,
    RunningSandbox,
    SandboxUser,
    start_remote_sandbox,
)
from egov.platform.signatures.tests.conftest import PASSPHRASE, PASSPHRASE_ENV
from egov.platform.signatures.tests.conftest import test_pki_fixture as test_pki_fixture
from egov.platform.signatures.tests.documents import decision_with_fields
from egov.platform.signatures.tests.images import seal_png, signature_png

LEADER_BOX = [-1, 330, 90, 530, 190]


class Clock:
    """The sandbox's time, moved by the tests instead of sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Signing:
    drafting: Drafting
    sandbox: RunningSandbox
    clock: Clock
    pki: LoopbackPKI
    province_admin: User


@pytest.fixture(name="signing")
def signing_fixture(
    drafting: Drafting,
    test_pki: LoopbackPKI,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Signing]:
    clock = Clock()
    sandbox = start_remote_sandbox(
        test_pki,
        {
            "hung.phone": SandboxUser("leader", Behaviour.PHONE),
            "hung.refuses": SandboxUser("leader", Behaviour.REFUSE),
            "hung.silent": SandboxUser("leader", Behaviour.NEVER),
        },
        lifetime=120.0,
        clock=clock,
    )
    seal_path = test_pki.directory / "org.p12"
    if not seal_path.exists():
        seal_path.write_bytes(test_pki.pkcs12("org", PASSPHRASE.encode()))
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    settings.EGOV_SIGNATURES = {
        "tsa_url": test_pki.tsa_url,
        "trusted_roots": [str(test_pki.root_path)],
        "seal_pkcs12": str(seal_path),
        "seal_passphrase_env": PASSPHRASE_ENV,
        "remote_signing_url": sandbox.base_url,
        "remote_wait": 600,
    }
    settings.EGOV_SIGNATURE_BOXES = {"*": LEADER_BOX}
    office = drafting.office
    province_admin = make_staff(
        "quantri.tinh", "Đỗ Văn Khoa", (office.province, Role.ADMINISTRATOR)
    )
    upload_signature_image(actor=drafting.cast.leader, data=signature_png())
    set_remote_account(actor=drafting.cast.leader, account="hung.phone")
    upload_seal_image(actor=province_admin, unit=office.province, data=seal_png())
    yield Signing(drafting, sandbox, clock, test_pki, province_admin)
    sandbox.stop()


def decision_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("du-thao.pdf", decision_with_fields(), "application/pdf")


def submitted_for_signature(d: Drafting) -> OutgoingDocument:
    """A draft needing the leader's signature, sent straight to the leader."""
    document = create_draft(
        actor=d.drafter,
        draft=draft(d, reviewer=None, signature_required=True),
        file=decision_upload(),
    )
    return send_outgoing(actor=d.drafter, document=document)


def approval_started(s: Signing, account: str = "hung.phone") -> OutgoingDocument:
    """The leader (with remote account `account`) approved: the request is on their phone."""
    leader = s.drafting.cast.leader
    SignerProfile.objects.filter(user=leader).update(remote_account=account)
    return review_outgoing(
        actor=leader,
        document=submitted_for_signature(s.drafting),
        action=ReviewAction.APPROVE,
        note="Đồng ý",
    )

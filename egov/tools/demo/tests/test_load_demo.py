from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.management import call_command
from django.test import Client

from egov.office.documents.models import OutgoingDocument
from egov.office.schedule.models import ScheduleEntry, WeeklySchedule
from egov.onestop.procedures.fees import fee_quote
from egov.onestop.procedures.models import Procedure, Process
from egov.onestop.quality.models import (
    Audit,
    Edition,
    Nonconformity,
    QualityProcedure,
    RecordRegister,
)
from egov.platform.accounts.administration import administered_accounts, administered_roots
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.signatures.models import SignerProfile, UnitSeal
from egov.platform.signatures.testing.demo import DEMO_ACCOUNTS as DEMO_ACCOUNTS_CERT
from egov.platform.signatures.testing.demo import demo_certificate
from egov.tools.demo.data import DEMO_ACCOUNTS, DEMO_COUNCIL_FEES, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_province_loads_once() -> None:
    first = _load()
    units, users = Unit.objects.count(), User.objects.count()

    second = _load()

    assert first.startswith("Demo province loaded.")
    assert second.startswith("Demo province already loaded.")
    assert (units, users) == (106, 16)
    assert (Unit.objects.count(), User.objects.count()) == (106, 16)
    assert "quantri              Lê Minh Quân: Quản trị hệ thống, Tỉnh Tây Ninh" in second
    assert f"password for all: {DEMO_PASSWORD}" in second
    assert "http://127.0.0.1:8000/api/v1/docs" in second


def test_demo_has_every_role_and_real_communes_with_centres() -> None:
    _load()

    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
    departments = Unit.objects.filter(parent=province, kind=UnitKind.DEPARTMENT)
    assert sorted(departments.values_list("name", flat=True)) == [
        "Sở Nông nghiệp và Môi trường",
        "Sở Tài chính",
        "Sở Tư pháp",
    ]
    centres = Unit.objects.filter(kind=UnitKind.SERVICE_CENTRE, parent__kind=UnitKind.COMMUNE)
    assert sorted(str(c) for c in centres.values_list("parent__stat_code", flat=True)) == [
        "25459",
        "25645",
        "25708",
        "27694",
        "27727",
    ]
    assert centres.get(parent__stat_code="27727").name == (
        "Trung tâm Phục vụ hành chính công xã Hưng Điền"
    )


def test_every_printed_login_works_and_every_procedure_has_processes() -> None:
    _load()

    statuses = {}
    for account in DEMO_ACCOUNTS:
        client = Client()
        response = client.post(
            "/dang-nhap/", {"username": account.username, "password": DEMO_PASSWORD}
        )
        statuses[account.username] = (response.status_code, "_auth_user_id" in client.session)

    assert statuses == {account.username: (302, True) for account in DEMO_ACCOUNTS}
    # 22 commune procedures at each of the 5 demo communes, 4 provincial ones.
    assert Process.objects.count() == 22 * 5 + 4
    assert set(Procedure.objects.values_list("code", flat=True)) == set(
        Process.objects.values_list("procedure__code", flat=True)
    )


def test_demo_dossiers_are_generated_only_on_the_first_load() -> None:
    from egov.onestop.dossiers.models import Dossier

    out = StringIO()
    call_command("load_demo", "--dossiers", "40", stdout=out)
    first = Dossier.objects.count()
    call_command("load_demo", "--dossiers", "40", stdout=out)

    assert first == 40
    assert Dossier.objects.count() == 40
    # The statistics rollups hold the generated dossiers (issue 20).
    verified = StringIO()
    call_command("stats", "verify", stdout=verified)
    assert verified.getvalue() == "OK: the rollups equal the recomputation\n"


def test_demo_council_fees_give_every_council_procedure_a_real_amount() -> None:
    _load()
    commune = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code="27694")

    amounts = {
        p.code: fee_quote(p, online=True, agency=commune).total_vnd
        for p in Procedure.objects.filter(fee_set_by_council=True)
    }

    assert amounts == {code: sum(pair) for code, pair in DEMO_COUNCIL_FEES.items()}
    assert amounts["1.004873"] == 15000


def test_demo_has_a_published_schedule_this_week_and_a_draft_next_week() -> None:
    with time_machine.travel("2026-12-09 10:00 +07:00", tick=False):
        _load()
        weeks = list(
            WeeklySchedule.objects.order_by("week_start").values_list(
                "week_start", "status", "revision"
            )
        )
        assert weeks == [
            (date(2026, 12, 7), "published", 1),
            (date(2026, 12, 14), "draft", 0),
        ]
        assert ScheduleEntry.objects.count() == 12
        province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
        page = Client().get(f"/don-vi/{province.pk}/lich-cong-tac/").content.decode()
        assert "Họp giao ban lãnh đạo UBND tỉnh" in page


def test_demo_signing_is_ready_without_configuration(settings: Any) -> None:
    out = _load()

    directory = Path(settings.EGOV_DEMO_SIGNATURES_DIR)
    stored = json.loads((directory / "settings.json").read_text())
    assert "Digital signatures: demo CA, seal key and remote signing ready." in out
    assert stored["signatures"]["seal_passphrase_env"] == "EGOV_DEMO_SEAL_PASSPHRASE"
    assert stored["signatures"]["remote_signing_url"] == (
        f"{settings.PUBLIC_URL}/chu-ky-so/sandbox/ky-so-tu-xa"
    )
    profile = SignerProfile.objects.get(user__username="lanhdao")
    assert (profile.remote_account, bool(profile.signature_image)) == ("lanhdao", True)
    assert UnitSeal.objects.get().unit.name == "Tỉnh Tây Ninh"
    # The certificates carry the demo's names (shown in the signature boxes).
    passphrase = (directory / "seal-passphrase").read_bytes()
    seal = pkcs12.load_pkcs12((directory / "org.p12").read_bytes(), passphrase).cert
    assert seal is not None
    assert seal.certificate.subject.rfc4514_string() == (
        "CN=Ủy ban nhân dân tỉnh Tây Ninh,O=Ủy ban nhân dân tỉnh Tây Ninh,C=VN"
    )
    leader_cert = demo_certificate(directory, settings.PUBLIC_URL, DEMO_ACCOUNTS_CERT["lanhdao"])
    assert leader_cert.subject.native["common_name"] == (
        User.objects.get(username="lanhdao").full_name
    )
    assert leader_cert.subject.native["common_name"] == "Phạm Văn Hùng"
    assert list(
        OutgoingDocument.objects.filter(signature_required=True).values_list("summary", flat=True)
    ) == ["Kế hoạch kiểm tra công tác chứng thực năm 2027"]


def test_demo_communes_have_their_own_administrators() -> None:
    _load()
    by_username = {u.username: u for u in User.objects.filter(username__startswith="quantri.")}

    assert [u.name for u in administered_roots(by_username["quantri.longan"])] == ["Phường Long An"]
    assert [u.name for u in administered_roots(by_username["quantri.tanninh"])] == [
        "Phường Tân Ninh"
    ]
    assert [a.username for a in administered_accounts(by_username["quantri.longan"])] == [
        "chuyenvien.longan",
        "lanhdao.longan",
        "tiepnhan.longan",
    ]


def test_demo_quality_procedures_in_force_at_long_an_drafts_elsewhere() -> None:
    _load()
    long_an = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code="27694")
    editions = Edition.objects.select_related("document__agency")

    at_long_an = {e.status for e in editions.filter(document__agency=long_an)}
    elsewhere = {e.status for e in editions.exclude(document__agency=long_an)}

    assert (at_long_an, elsewhere) == ({"approved"}, {"draft"})
    # 22 commune procedures at each of the 5 communes, 4 provincial ones.
    assert (Process.objects.count(), QualityProcedure.objects.count(), editions.count()) == (
        114,
        114,
        114,
    )
    assert editions.filter(document__agency=long_an).count() == 22
    assert set(
        editions.filter(document__agency=long_an).values_list("approved_by__username", flat=True)
    ) == {"lanhdao.longan"}
    # this year's internal audit: completed, a nonconformity closed, one being corrected
    audit = Audit.objects.get()
    assert (audit.programme.agency, audit.status, audit.checklist.count()) == (
        long_an,
        "completed",
        8,
    )
    assert list(audit.findings.order_by("number").values_list("kind", flat=True)) == [
        "nonconformity",
        "nonconformity",
        "observation",
    ]
    assert list(
        Nonconformity.objects.order_by("finding__number").values_list("status", flat=True)
    ) == ["action_planned", "closed"]
    assert RecordRegister.objects.filter(document__agency=long_an).count() == 3

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.services import issue_apology
from egov.onestop.dossiers.tracking.selectors import PublicDossier, PublicStep, public_view
from egov.onestop.dossiers.tracking.tests.conftest import MASKED_NAME, MONDAY, VN, found_queries


def test_returned_dossier_by_secret(returned_dossier: Dossier) -> None:
    assert returned_dossier.code is not None

    found = public_view(returned_dossier.code, secret=returned_dossier.tracking_secret)

    assert found == PublicDossier(
        code=returned_dossier.code,
        procedure="Thủ tục đăng ký khai sinh",
        receiving_unit="Trung tâm Phục vụ hành chính công phường Long An",
        applicant=MASKED_NAME,
        status=10,
        status_label="Đã trả kết quả",
        current_step=None,
        current_unit=None,
        received_at=MONDAY,
        appointment_at=datetime(2026, 3, 9, 8, 0, tzinfo=VN),
        new_appointment_at=None,
        ended_at=MONDAY + timedelta(hours=4),
        timeliness="early",
        timeliness_label="Trước hạn",
        history=(
            PublicStep(
                name="Tiếp nhận hồ sơ",
                unit="Trung tâm Phục vụ hành chính công phường Long An",
                started_at=MONDAY,
                finished_at=MONDAY + timedelta(hours=1),
                timeliness="on_time",
                timeliness_label="Đúng hạn",
            ),
            PublicStep(
                name="Thẩm định hồ sơ",
                unit="Phường Long An",
                started_at=MONDAY + timedelta(hours=1),
                finished_at=MONDAY + timedelta(hours=2),
                timeliness="early",
                timeliness_label="Trước hạn",
            ),
            PublicStep(
                name="Lãnh đạo ký duyệt",
                unit="Phường Long An",
                started_at=MONDAY + timedelta(hours=2),
                finished_at=MONDAY + timedelta(hours=3),
                timeliness="early",
                timeliness_label="Trước hạn",
            ),
            # The return step is the citizen's time: not judged.
            PublicStep(
                name="Trả kết quả",
                unit="Trung tâm Phục vụ hành chính công phường Long An",
                started_at=MONDAY + timedelta(hours=3),
                finished_at=MONDAY + timedelta(days=1),
                timeliness="",
                timeliness_label="",
            ),
        ),
    )


def test_open_dossier_shows_its_current_step(open_dossier: Dossier) -> None:
    assert open_dossier.code is not None

    found = public_view(open_dossier.code, phone="+84 912 345 678")

    assert found is not None
    assert (found.status, found.status_label) == (4, "Đang xử lý")
    assert (found.current_step, found.current_unit) == ("Thẩm định hồ sơ", "Phường Long An")
    assert (found.ended_at, found.timeliness) == (None, "")
    assert [(s.name, s.finished_at, s.timeliness) for s in found.history] == [
        ("Tiếp nhận hồ sơ", MONDAY + timedelta(hours=1), "on_time"),
        ("Thẩm định hồ sơ", None, ""),
    ]


@pytest.mark.parametrize(
    "proof",
    [
        {"secret": "lowercase"},
        {"phone": "0912 345 678"},
        {"phone": "84912345678"},
    ],
)
def test_proof_forms_people_type(open_dossier: Dossier, proof: dict[str, str]) -> None:
    assert open_dossier.code is not None
    if proof.get("secret") == "lowercase":
        proof = {"secret": f"  {open_dossier.tracking_secret.lower()} "}

    found = public_view(f" {open_dossier.code} ", **proof)

    assert found is not None
    assert found.code == open_dossier.code


@pytest.mark.parametrize(
    ("code", "proof"),
    [
        ("right", {"secret": "wrong"}),
        ("right", {"phone": "0912345679"}),
        ("right", {"phone": "not a phone"}),
        ("right", {}),
        ("right", {"secret": "", "phone": ""}),
        ("000.00.01.H53-260302-9999", {"secret": "right"}),
        ("", {"secret": "right"}),
    ],
)
def test_mismatch_finds_nothing(open_dossier: Dossier, code: str, proof: dict[str, str]) -> None:
    assert open_dossier.code is not None
    code = open_dossier.code if code == "right" else code
    if proof.get("secret") == "wrong":
        proof = {"secret": "ZZZZZZ" if open_dossier.tracking_secret != "ZZZZZZ" else "YYYYYY"}
    elif proof.get("secret") == "right":
        proof = {"secret": open_dossier.tracking_secret}

    assert public_view(code, **proof) is None


def test_secret_wins_over_phone(open_dossier: Dossier) -> None:
    # Both given: only the secret is checked, so one request is one guess.
    assert open_dossier.code is not None

    found = public_view(open_dossier.code, secret="ZZZZZ9", phone="0912345678")

    assert found is None


def test_no_phone_on_file_never_matches_an_empty_phone(open_dossier: Dossier) -> None:
    Dossier.objects.filter(pk=open_dossier.pk).update(applicant_phone="")
    assert open_dossier.code is not None

    assert public_view(open_dossier.code, phone="+84") is None


def test_apology_shows_the_old_and_the_new_appointment(open_dossier: Dossier, cast: Cast) -> None:
    assert open_dossier.code is not None
    with time_machine.travel(datetime(2026, 3, 6, 9, 0, tzinfo=VN), tick=False):
        issue_apology(
            actor=cast.specialist,
            dossier=open_dossier,
            reason="Chờ xác minh thông tin.",
            new_appointment=datetime(2026, 3, 12, 16, 0, tzinfo=VN),
        )
        issue_apology(
            actor=cast.specialist,
            dossier=open_dossier,
            reason="Chờ ý kiến cơ quan khác.",
            new_appointment=datetime(2026, 3, 16, 16, 0, tzinfo=VN),
        )

    found = public_view(open_dossier.code, secret=open_dossier.tracking_secret)

    assert found is not None
    assert found.appointment_at == datetime(2026, 3, 9, 8, 0, tzinfo=VN)
    assert found.new_appointment_at == datetime(2026, 3, 16, 16, 0, tzinfo=VN)


def test_query_counts(
    returned_dossier: Dossier, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    assert returned_dossier.code is not None
    with django_assert_num_queries(found_queries()):
        found = public_view(returned_dossier.code, secret=returned_dossier.tracking_secret)
    with django_assert_num_queries(1):
        missing = public_view(returned_dossier.code, secret="ZZZZZ9")

    assert found is not None
    assert len(found.history) == 4
    assert missing is None


def test_status_labels_are_the_national_ones(open_dossier: Dossier) -> None:
    assert open_dossier.code is not None
    Dossier.objects.filter(pk=open_dossier.pk).update(status=DossierStatus.SUPPLEMENT)

    found = public_view(open_dossier.code, secret=open_dossier.tracking_secret)

    assert found is not None
    assert (found.status, found.status_label) == (5, "Yêu cầu bổ sung")

"""Edition rules of a quality procedure (issue 19).

A change of the internal process proposes the next edition as a draft; the
agency's head or leader approves it; the edition it replaces is locked.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.onestop.procedures.models import (
    Procedure,
    Process,
)
from egov.onestop.quality.models import Edition, EditionStatus, QualityProcedure
from egov.onestop.quality.services import approve_edition, edit_note, review_edition
from egov.onestop.quality.tests.conftest import save, slower, state
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied

pytestmark = pytest.mark.django_db

ISSUE_DAY = "2026-03-04T09:00:00+07:00"


def _editions() -> list[tuple[int, str]]:
    return list(Edition.objects.order_by("number").values_list("number", "status"))


def test_a_first_process_proposes_edition_one_with_the_seven_sections(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    save(birth, province, standard)

    document = QualityProcedure.objects.get()
    edition = document.editions.get()
    content = edition.content
    assert (document.code, document.agency, edition.number, edition.status) == (
        "QT-1.001193",
        province.long_an,
        1,
        "draft",
    )
    assert edition.change_note == "Ban hành lần đầu."
    # (PostgreSQL's jsonb keeps no key order: the pages name the sections in order.)
    assert sorted(content) == [
        "definitions",
        "forms",
        "procedure",
        "purpose",
        "records",
        "references",
        "scope",
    ]
    assert content["purpose"] == (
        "Quy định trình tự, cách thức và trách nhiệm giải quyết thủ tục “Đăng ký khai sinh” "
        "tại Phường Long An, bảo đảm đúng quy định và đúng hạn."
    )
    assert content["references"] == [
        "Luật Hộ tịch 2014",
        "Nghị định 123/2015/NĐ-CP",
        "TCVN ISO 9001:2015",
    ]
    assert content["procedure"]["documents"] == [
        {"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0, "required": True}
    ]
    assert (content["procedure"]["fee"], content["procedure"]["charge"]) == ("0 đồng", "0 đồng")
    assert [
        (s["position"], s["name"], s["unit"], s["role"]) for s in content["procedure"]["steps"]
    ] == [
        (1, "Tiếp nhận hồ sơ", "Trung tâm tiếp nhận hồ sơ", "Cán bộ tiếp nhận một cửa"),
        (2, "Thẩm định hồ sơ", "Phường Long An", "Chuyên viên"),
        (3, "Lãnh đạo phê duyệt", "Phường Long An", "Lãnh đạo UBND/sở"),
        (4, "Trả kết quả", "Trung tâm tiếp nhận hồ sơ", "Cán bộ tiếp nhận một cửa"),
    ]
    assert content["forms"][0] == "Tờ khai"
    event = AuditEvent.objects.get(event_type="quality.edition_proposed")
    assert event.details == {
        "document": "QT-1.001193",
        "number": 1,
        "process": Process.objects.get().pk,
    }


def test_saving_the_process_unchanged_proposes_nothing(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    save(birth, province, standard)
    approve_edition(actor=cast.leader, edition=Edition.objects.get())
    before = Edition.objects.count()

    save(birth, province, standard)

    assert Edition.objects.count() == before == 1


def test_leader_approves_and_a_change_proposes_the_next_edition(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    save(birth, province, standard)
    with time_machine.travel(ISSUE_DAY, tick=False):
        first = approve_edition(actor=cast.leader, edition=Edition.objects.get())

    save(birth, province, slower(standard, "10"))

    assert (first.status, first.issued_on, first.approved_by) == (
        "approved",
        date(2026, 3, 4),
        cast.leader,
    )
    assert _editions() == [(1, "approved"), (2, "draft")]
    draft = Edition.objects.get(number=2)
    assert draft.content["procedure"]["steps"][1]["hours"] == "10"
    assert draft.change_note == ""


def test_approving_the_next_edition_locks_the_earlier_one(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    save(birth, province, standard)
    first = approve_edition(actor=cast.leader, edition=Edition.objects.get())
    save(birth, province, slower(standard, "10"))
    second = Edition.objects.get(number=2)
    edit_note(actor=cast.admin, edition=second, change_note="Rút ngắn thời gian thẩm định.")

    approve_edition(actor=cast.leader, edition=second)

    assert _editions() == [(1, "superseded"), (2, "approved")]
    event = AuditEvent.objects.filter(event_type="quality.edition_approved").latest("pk")
    assert event.details == {"document": "QT-1.001193", "number": 2, "superseded": 1}
    # the superseded and the approved editions are locked: no note, no second approval
    before = state()
    for edition in (first, second):
        with pytest.raises(Conflict) as error:
            edit_note(actor=cast.admin, edition=edition, change_note="Sửa lại")
        assert error.value.code == "edition_locked"
        with pytest.raises(Conflict) as error:
            approve_edition(actor=cast.leader, edition=edition)
        assert error.value.code == "edition_locked"
    assert state() == before


def test_a_second_change_refreshes_the_open_draft(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    save(birth, province, standard)
    approve_edition(actor=cast.leader, edition=Edition.objects.get())
    save(birth, province, slower(standard, "10"))
    save(birth, province, slower(standard, "12"))

    assert _editions() == [(1, "approved"), (2, "draft")]
    assert Edition.objects.get(number=2).content["procedure"]["steps"][1]["hours"] == "12"
    assert AuditEvent.objects.filter(event_type="quality.edition_redrafted").count() == 1


def test_a_refused_process_proposes_nothing(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    broken = copy.deepcopy(standard)
    broken["steps"] = []

    with pytest.raises(InvalidInput):
        save(birth, province, broken)

    assert (QualityProcedure.objects.count(), Edition.objects.count()) == (0, 0)


@pytest.mark.parametrize("member", ["specialist", "head", "outsider", "admin", "reception"])
def test_only_the_agencys_head_or_leader_approves(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast, member: str
) -> None:
    # the head is Sở Tư pháp's, not the commune's; the administrator is no leader
    save(birth, province, standard)
    before = state()

    with pytest.raises(PermissionDenied) as error:
        approve_edition(actor=getattr(cast, member), edition=Edition.objects.get())

    assert error.value.code == "permission_denied"
    assert state() == before


@pytest.mark.parametrize("member", ["specialist", "head", "outsider"])
def test_only_the_agencys_leaders_and_administrator_word_the_note(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast, member: str
) -> None:
    save(birth, province, standard)
    before = state()

    with pytest.raises(PermissionDenied):
        edit_note(actor=getattr(cast, member), edition=Edition.objects.get(), change_note="x")

    assert state() == before


def test_an_empty_note_is_refused(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    save(birth, province, standard)
    before = state()

    with pytest.raises(InvalidInput) as error:
        edit_note(actor=cast.leader, edition=Edition.objects.get(), change_note="   ")

    assert error.value.code == "invalid_note"
    assert state() == before


def test_the_edition_status_labels() -> None:
    assert [str(label) for label in EditionStatus.labels] == [
        "Dự thảo",
        "Đang áp dụng",
        "Hết hiệu lực",
    ]


def test_head_or_leader_checks_the_draft_and_a_process_change_clears_the_check(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    save(birth, province, standard)

    reviewed = review_edition(actor=cast.leader, edition=Edition.objects.get())
    assert reviewed.reviewed_by == cast.leader
    save(birth, province, slower(standard, "10"))

    redrafted = Edition.objects.get()
    assert (redrafted.number, redrafted.reviewed_by, redrafted.reviewed_at) == (1, None, None)
    assert AuditEvent.objects.filter(event_type="quality.edition_reviewed").count() == 1


@pytest.mark.parametrize("member", ["specialist", "head", "outsider", "admin"])
def test_only_the_agencys_head_or_leader_checks(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast, member: str
) -> None:
    save(birth, province, standard)
    before = state()

    with pytest.raises(PermissionDenied):
        review_edition(actor=getattr(cast, member), edition=Edition.objects.get())

    assert state() == before


def test_a_locked_edition_is_not_checked_again(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    save(birth, province, standard)
    approved = approve_edition(actor=cast.leader, edition=Edition.objects.get())
    before = state()

    with pytest.raises(Conflict) as error:
        review_edition(actor=cast.leader, edition=approved)

    assert error.value.code == "edition_locked"
    assert state() == before

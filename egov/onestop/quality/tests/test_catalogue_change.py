"""A change of the procedure's catalogue entry proposes the next edition too (issue 19 item 1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from egov.conftest import Province
from egov.onestop.procedures.models import Procedure, ProcedureLevel
from egov.onestop.procedures.services import DocumentSpec, Outcome, ProcedureSpec, update_procedure
from egov.onestop.quality.models import Edition, EditionStatus
from egov.onestop.quality.services import approve_edition
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def spec(**changes: object) -> ProcedureSpec:
    values: dict[str, object] = {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field_name": "Hộ tịch",
        "level": ProcedureLevel.COMMUNE,
        "implementing_agency": "UBND cấp xã",
        "result_type": "Giấy khai sinh",
        "processing_days": Decimal("3"),
        "legal_basis": "Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP",
        "documents": (DocumentSpec(name="Tờ khai đăng ký khai sinh", form_template="Tờ khai"),),
    }
    values.update(changes)
    return ProcedureSpec(**values)  # type: ignore[arg-type]


def test_a_fee_and_document_change_proposes_the_next_edition(
    birth: Procedure, province: Province, edition: Edition, superuser: User
) -> None:
    approve_edition(actor=superuser, edition=edition)
    documents = (
        DocumentSpec(name="Tờ khai đăng ký khai sinh", form_template="Tờ khai"),
        DocumentSpec(name="Giấy chứng sinh", copies=1),
    )

    _procedure, outcome = update_procedure(
        actor=None, procedure=birth, spec=spec(fee_vnd=8000, documents=documents)
    )

    assert outcome == Outcome.UPDATED
    edition.refresh_from_db()
    draft = Edition.objects.get(number=2)
    assert (edition.status, draft.status, draft.document_id) == (
        EditionStatus.APPROVED,
        EditionStatus.DRAFT,
        edition.document_id,
    )
    assert draft.content["procedure"]["fee"] == "8.000 đồng"
    assert [d["name"] for d in draft.content["procedure"]["documents"]] == [
        "Tờ khai đăng ký khai sinh",
        "Giấy chứng sinh",
    ]
    event = AuditEvent.objects.filter(event_type="quality.edition_proposed").latest("pk")
    assert event.details == {
        "document": "QT-1.001193",
        "number": 2,
        "process": edition.document.procedure.processes.get().pk,  # type: ignore[union-attr]
    }


def test_a_change_outside_the_text_or_none_proposes_nothing(
    birth: Procedure, province: Province, edition: Edition
) -> None:
    before = list(Edition.objects.order_by("pk").values())

    # The online channel is not in the quality procedure's text.
    _p, changed = update_procedure(
        actor=None, procedure=birth, spec=spec(channels=frozenset({"direct", "online"}))
    )
    _p, unchanged = update_procedure(
        actor=None, procedure=birth, spec=spec(channels=frozenset({"direct", "online"}))
    )

    assert (changed, unchanged) == (Outcome.UPDATED, Outcome.UNCHANGED)
    assert list(Edition.objects.order_by("pk").values()) == before


def test_an_open_draft_is_redrafted_with_the_new_time(
    birth: Procedure, province: Province, edition: Edition
) -> None:
    update_procedure(actor=None, procedure=birth, spec=spec(processing_days=Decimal("2")))

    draft = Edition.objects.get()
    assert (draft.pk, draft.number, draft.content["procedure"]["processing_days"]) == (
        edition.pk,
        1,
        "2",
    )

from __future__ import annotations

import json

import pytest

from egov.onestop.procedures.importers import DEMO_CATALOGUE, load_demo_catalogue
from egov.onestop.procedures.models import Procedure
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_demo_catalogue_imports_without_rejections_and_only_once() -> None:
    first = load_demo_catalogue()
    events = AuditEvent.objects.count()

    second = load_demo_catalogue()

    assert first.summary() == "created 26, updated 0, unchanged 0, rejected 0"
    assert second.summary() == "created 0, updated 0, unchanged 26, rejected 0"
    assert AuditEvent.objects.count() == events
    assert Procedure.objects.filter(level="commune").count() == 22
    assert Procedure.objects.filter(level="province").count() == 4
    assert set(Procedure.objects.values_list("field__name", flat=True)) == {
        "Chứng thực",
        "Đăng ký, quản lý cư trú",
        "Đất đai",
        "Hoạt động xây dựng",
        "Hộ tịch",
        "Lý lịch tư pháp",
        "Thành lập và hoạt động của hộ kinh doanh",
    }
    birth = Procedure.objects.get(code="1.001193")
    assert (birth.name, birth.documents.count()) == ("Đăng ký khai sinh", 3)


def test_every_demo_procedure_has_documents_and_a_legal_basis() -> None:
    rows = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))

    assert len(rows) == 26
    assert [r["code"] for r in rows if not r["documents"] or not r["legal_basis"]] == []

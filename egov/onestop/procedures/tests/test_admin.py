from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import PASSWORD, login
from egov.onestop.procedures.models import Field, Procedure, ProcedureDocument
from egov.platform.accounts.models import User
from egov.platform.accounts.services import create_account
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/procedures/procedure/add/"


def _form(field: Field) -> dict[str, Any]:
    return {
        "code": "1.004873",
        "name": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "field": str(field.pk),
        "level": "commune",
        "implementing_agency": "Ủy ban nhân dân cấp xã",
        "is_active": "on",
        "channel_direct": "on",
        "channel_online": "on",
        "online_class": "full",
        "processing_days": "3",
        "processing_hours": "",
        "fee_vnd": "0",
        "charge_vnd": "0",
        "fee_note": "",
        "result_type": "Giấy xác nhận tình trạng hôn nhân",
        "conditions": "",
        "legal_basis": "Luật Hộ tịch 2014",
        "unverified": "",
        "documents-TOTAL_FORMS": "2",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-position": "1",
        "documents-0-name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        "documents-0-originals": "1",
        "documents-0-copies": "0",
        "documents-0-required": "on",
        "documents-0-form_template": "Tờ khai",
        "documents-1-position": "2",
        "documents-1-name": "Giấy tờ chứng minh đã ly hôn",
        "documents-1-originals": "0",
        "documents-1-copies": "1",
        "documents-1-form_template": "",
        "council_fees-TOTAL_FORMS": "0",
        "council_fees-INITIAL_FORMS": "0",
        "council_fees-MIN_NUM_FORMS": "0",
        "council_fees-MAX_NUM_FORMS": "1000",
        "_save": "Lưu",
    }


@pytest.fixture
def field(db: None) -> Field:
    return Field.objects.create(name="Hộ tịch")


def test_superuser_adds_procedure_with_documents_audited(
    client: Client, superuser: User, field: Field
) -> None:
    login(client, superuser)

    response = client.post(ADD_URL, _form(field))

    assert response.status_code == 302
    procedure = Procedure.objects.get(code="1.004873")
    assert procedure.search_text == "1.004873 cap giay xac nhan tinh trang hon nhan"
    assert list(
        procedure.documents.order_by("position").values_list(
            "name", "originals", "copies", "required"
        )
    ) == [
        ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", 1, 0, True),
        ("Giấy tờ chứng minh đã ly hôn", 0, 1, False),
    ]
    events = AuditEvent.objects.filter(event_type__startswith="procedures.").order_by("id")
    assert [(e.event_type, e.actor_id, e.target_id) for e in events] == [
        ("procedures.procedure_created", superuser.pk, str(procedure.pk)),
        ("procedures.procedure_proceduredocument_added", superuser.pk, str(procedure.pk)),
        ("procedures.procedure_proceduredocument_added", superuser.pk, str(procedure.pk)),
    ]
    assert events[1].details == {
        "via": "admin",
        "item": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
    }


def test_admin_refuses_days_and_hours_together(
    client: Client, superuser: User, field: Field
) -> None:
    login(client, superuser)

    response = client.post(ADD_URL, {**_form(field), "processing_hours": "4"})

    assert response.status_code == 200
    assert Procedure.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="procedures.").count() == 0


def test_admin_search_ignores_diacritics(client: Client, superuser: User, field: Field) -> None:
    login(client, superuser)
    client.post(ADD_URL, _form(field))

    response = client.get("/admin/procedures/procedure/", {"q": "xac nhan tinh trang"})

    assert response.status_code == 200
    assert [p.code for p in response.context["cl"].result_list] == ["1.004873"]


def test_staff_without_superuser_cannot_add_and_nothing_is_written(
    client: Client, field: Field
) -> None:
    staff = create_account(actor=None, username="canbo", password=PASSWORD, full_name="Cán bộ")
    User.objects.filter(pk=staff.pk).update(is_staff=True)
    staff.refresh_from_db()
    events = AuditEvent.objects.count()
    login(client, staff)

    page = client.get(ADD_URL)
    post = client.post(ADD_URL, _form(field))

    # The Django admin is the platform operators' only (issue 19): its login page.
    assert (page.status_code, post.status_code) == (302, 302)
    assert Procedure.objects.count() == 0
    assert ProcedureDocument.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_a_document_is_marked_filled_by_the_eform_with_a_template_file(
    client: Client, superuser: User, field: Field
) -> None:
    login(client, superuser)
    template = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 mau", "application/pdf")

    response = client.post(
        ADD_URL,
        {
            **_form(field),
            "documents-0-filled_by_eform": "on",
            "documents-0-template_file": template,
        },
    )

    assert response.status_code == 302
    declaration, proof = Procedure.objects.get(code="1.004873").documents.order_by("position")
    assert (declaration.filled_by_eform, proof.filled_by_eform) == (True, False)
    assert declaration.template_file.read() == b"%PDF-1.4 mau"
    assert str(declaration.template_file.name).endswith(".pdf")
    assert not proof.template_file


def test_a_template_that_is_not_pdf_or_word_is_refused(
    client: Client, superuser: User, field: Field
) -> None:
    login(client, superuser)
    script = SimpleUploadedFile("mau.html", b"<script>alert(1)</script>", "text/html")

    response = client.post(ADD_URL, {**_form(field), "documents-0-template_file": script})

    assert response.status_code == 200
    assert Procedure.objects.count() == 0
    assert ProcedureDocument.objects.count() == 0

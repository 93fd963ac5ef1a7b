from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from egov.conftest import PASSWORD, login
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.tests.conftest import LAYOUT, SCHEMA
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import User
from egov.platform.accounts.services import create_account
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/eforms/formdefinition/add/"


def _post(procedure: Procedure, schema: Any = SCHEMA, layout: Any = LAYOUT) -> dict[str, str]:
    def text(value: Any) -> str:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    return {
        "procedure": str(procedure.pk),
        "schema": text(schema),
        "layout": text(layout),
        "_save": "Lưu",
    }


def _events() -> list[tuple[str, int | None, str, dict[str, Any]]]:
    return [
        (e.event_type, e.actor_id, e.target_id, e.details)
        for e in AuditEvent.objects.filter(event_type__startswith="eforms.").order_by("id")
    ]


def test_superuser_adds_a_form_audited(
    client: Client, superuser: User, procedure: Procedure
) -> None:
    login(client, superuser)

    response = client.post(ADD_URL, _post(procedure))

    assert response.status_code == 302
    definition = FormDefinition.objects.get()
    assert (definition.procedure, definition.version) == (procedure, 1)
    assert definition.schema == SCHEMA
    assert definition.layout == LAYOUT
    assert _events() == [
        (
            "eforms.formdefinition_created",
            superuser.pk,
            str(definition.pk),
            {"via": "admin", "fields": ["layout", "procedure", "schema"]},
        )
    ]


def test_changing_the_layout_raises_the_version_audited(
    client: Client, superuser: User, form: FormDefinition
) -> None:
    login(client, superuser)
    url = f"/admin/eforms/formdefinition/{form.pk}/change/"
    layout = {"sections": [{**LAYOUT["sections"][0], "title": "Người khai"}, LAYOUT["sections"][1]]}

    page = client.get(url)
    response = client.post(url, {"schema": json.dumps(SCHEMA), "layout": json.dumps(layout)})

    assert (page.status_code, response.status_code) == (200, 302)
    # The change page shows the JSON indented and a preview of the form.
    assert "  &quot;title&quot;: &quot;Người yêu cầu&quot;," in page.content.decode()
    assert '<div class="ef-preview"><div class="eform">' in page.content.decode()
    form.refresh_from_db()
    assert (form.version, form.layout["sections"][0]["title"]) == (2, "Người khai")
    assert _events()[-1] == (
        "eforms.formdefinition_updated",
        superuser.pk,
        str(form.pk),
        {"via": "admin", "fields": ["layout"]},
    )


@pytest.mark.parametrize(
    ("schema", "layout", "field", "messages"),
    [
        (
            {"type": "object", "properties": {"name": {"type": "chuoi"}}},
            {"sections": [{"title": "A", "fields": ["name"]}]},
            "schema",
            ["Lược đồ không đúng chuẩn JSON Schema tại “properties/name/type” (từ khóa “anyOf”)."],
        ),
        (
            {"type": "object", "properties": {"name": {"type": "string", "pattern": "(["}}},
            {"sections": [{"title": "A", "fields": ["name"]}]},
            "schema",
            [
                "Biểu thức “pattern” tại “properties/name/pattern” không phải "
                "biểu thức chính quy hợp lệ."
            ],
        ),
        (
            '{"type": "object",',
            {"sections": []},
            "schema",
            ["Nội dung không phải JSON hợp lệ."],
        ),
        (
            {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
            {"sections": [{"title": "A", "fields": ["ten", {"name": "name", "widget": "unit"}]}]},
            "layout",
            [
                "Bố cục nhắc tới trường “ten” không có trong lược đồ.",
                "Kiểu hiển thị “unit” không dùng được cho trường “name” (kiểu string).",
            ],
        ),
        (
            {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
            {"sections": [{"title": "", "fields": []}]},
            "layout",
            [
                "Phần thứ 1 của bố cục chưa có tiêu đề.",
                "Trường bắt buộc “name” không có trong bố cục, người dân không thể nhập.",
            ],
        ),
    ],
)
def test_admin_refuses_a_broken_definition_and_writes_nothing(
    client: Client,
    superuser: User,
    procedure: Procedure,
    schema: Any,
    layout: Any,
    field: str,
    messages: list[str],
) -> None:
    login(client, superuser)
    events = AuditEvent.objects.count()

    response = client.post(ADD_URL, _post(procedure, schema, layout))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == messages
    for message in messages:
        assert message in response.content.decode()
    assert FormDefinition.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_staff_without_superuser_cannot_add_or_change_and_nothing_is_written(
    client: Client, procedure: Procedure, form: FormDefinition
) -> None:
    staff = create_account(actor=None, username="canbo", password=PASSWORD, full_name="Cán bộ")
    User.objects.filter(pk=staff.pk).update(is_staff=True)
    staff.refresh_from_db()
    events = AuditEvent.objects.count()
    login(client, staff)
    change_url = f"/admin/eforms/formdefinition/{form.pk}/change/"

    add = client.post(ADD_URL, _post(procedure))
    change = client.post(change_url, {"schema": "{}", "layout": "{}"})

    # The Django admin is the platform operators' only (issue 19): its login page.
    assert (add.status_code, change.status_code) == (302, 302)
    form.refresh_from_db()
    assert (form.version, form.schema, form.layout) == (1, SCHEMA, LAYOUT)
    assert FormDefinition.objects.count() == 1
    assert AuditEvent.objects.count() == events

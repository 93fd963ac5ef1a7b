from __future__ import annotations

import copy

import pytest

from egov.conftest import Cast
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.selectors import definition_for
from egov.onestop.eforms.services import save_form_definition
from egov.onestop.eforms.tests.conftest import LAYOUT, SCHEMA
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied

pytestmark = pytest.mark.django_db


def test_definition_for_finds_the_procedures_form_or_none(
    form: FormDefinition, procedure: Procedure
) -> None:
    other = Procedure.objects.create(
        code="2.000815",
        name="Chứng thực bản sao",
        field=procedure.field,
        level=procedure.level,
        implementing_agency="UBND cấp xã",
        result_type="Bản sao",
    )

    assert (definition_for(procedure), definition_for(other)) == (form, None)


def test_saving_a_change_raises_the_version_and_the_same_content_changes_nothing(
    form: FormDefinition, procedure: Procedure, superuser: User
) -> None:
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["note"]["maxLength"] = 50

    updated = save_form_definition(
        actor=superuser, procedure=procedure, schema=schema, layout=LAYOUT
    )
    again = save_form_definition(actor=superuser, procedure=procedure, schema=schema, layout=LAYOUT)

    assert (updated.pk, updated.version, again.version) == (form.pk, 2, 2)
    assert list(
        AuditEvent.objects.filter(event_type__startswith="eforms.")
        .order_by("id")
        .values_list("event_type", "actor_id", "details")
    ) == [
        ("eforms.formdefinition_created", None, {"procedure": "1.001193", "version": 1}),
        ("eforms.formdefinition_updated", superuser.pk, {"procedure": "1.001193", "version": 2}),
    ]


def test_broken_definition_is_refused_with_every_reason(procedure: Procedure) -> None:
    layout = {"sections": [{"title": "A", "fields": ["ghost", "ghost2"]}]}

    with pytest.raises(InvalidInput) as caught:
        save_form_definition(actor=None, procedure=procedure, schema=SCHEMA, layout=layout)

    assert caught.value.code == "invalid_form_definition"
    assert caught.value.message == "Bố cục nhắc tới trường “ghost” không có trong lược đồ."
    assert len(caught.value.details["problems"]) == 8  # 2 unknown + 6 required missing
    assert FormDefinition.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="eforms.").count() == 0


def test_staff_who_is_not_superuser_is_denied_and_nothing_changes(
    form: FormDefinition, procedure: Procedure, cast: Cast
) -> None:
    events = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied) as caught:
        save_form_definition(actor=cast.admin, procedure=procedure, schema=SCHEMA, layout={})

    assert caught.value.message == "Chỉ quản trị nền tảng được sửa biểu mẫu điện tử."
    form.refresh_from_db()
    assert (form.version, form.layout) == (1, LAYOUT)
    assert AuditEvent.objects.count() == events

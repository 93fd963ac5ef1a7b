"""State changes of form definitions outside the admin (the demo loader, imports)."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.eforms.checks import definition_problems
from egov.onestop.eforms.errors import EformError
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, PermissionDenied


@transaction.atomic
def save_form_definition(
    *,
    actor: User | None,
    procedure: Procedure,
    schema: dict[str, Any],
    layout: dict[str, Any],
) -> FormDefinition:
    """Create or replace the procedure's form; the version rises when it changes.

    `actor=None` is the system itself (demo loader). Like the catalogue, forms
    are province-wide data: only platform administrators change them.
    """
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(
            EformError.PERMISSION_DENIED, _("Chỉ quản trị nền tảng được sửa biểu mẫu điện tử.")
        )
    problems = definition_problems(schema, layout)
    if problems:
        raise InvalidInput(
            EformError.INVALID_FORM_DEFINITION, problems[0], details={"problems": problems}
        )
    existing = FormDefinition.objects.select_for_update().filter(procedure=procedure).first()
    if existing is None:
        created = FormDefinition.objects.create(
            procedure=procedure, schema=copy.deepcopy(schema), layout=copy.deepcopy(layout)
        )
        record_event(
            event_type="eforms.formdefinition_created",
            actor=actor,
            target=created,
            details={"procedure": procedure.code, "version": created.version},
        )
        return created
    if existing.schema == schema and existing.layout == layout:
        return existing
    existing.schema = copy.deepcopy(schema)
    existing.layout = copy.deepcopy(layout)
    existing.version += 1
    existing.save(update_fields=["schema", "layout", "version", "updated_at"])
    record_event(
        event_type="eforms.formdefinition_updated",
        actor=actor,
        target=existing,
        details={"procedure": procedure.code, "version": existing.version},
    )
    return existing

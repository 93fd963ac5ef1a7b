"""Admin changes go into the audit trail like any other change.

Django's admin wraps each change and delete view in a transaction, so the
event commits or rolls back with the change it records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import DomainError


def _actor(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


class ReadOnly:
    """Nothing is added, changed or deleted here: the trail, queues and
    outboxes are watched in the admin and changed only by their services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def run_on_selection(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: models.QuerySet[Any],
    service: Callable[[User, Sequence[int]], int],
    done: str,
) -> None:
    """An admin action through its service (which checks the right and audits).

    `done` is the message for success, with `{count}` for how many rows changed;
    a refusal shows the service's own Vietnamese message.
    """
    actor = _actor(request)
    if actor is None:
        return
    try:
        count = service(actor, list(queryset.values_list("pk", flat=True)))
    except DomainError as exc:
        model_admin.message_user(request, exc.message, messages.ERROR)
        return
    model_admin.message_user(request, done.format(count=count))


class AuditedAdmin(admin.ModelAdmin[Any]):
    audit_prefix: str = ""

    def _event(self, action: str) -> str:
        prefix = self.audit_prefix or self.model._meta.label_lower.replace(".", ".")
        return f"{prefix}_{action}"

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        record_event(
            event_type=self._event("updated" if change else "created"),
            actor=_actor(request),
            target=obj,
            details={"via": "admin", "fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_event(
            event_type=self._event("deleted"),
            actor=_actor(request),
            target=obj,
            details={"via": "admin", "repr": str(obj)},
        )
        super().delete_model(request, obj)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseModelFormSet[Any, Any], change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        parent = form.instance
        for obj in formset.new_objects:
            self._inline_event(request, parent, "added", obj)
        for obj, fields in formset.changed_objects:
            self._inline_event(request, parent, "changed", obj, fields)
        for obj in formset.deleted_objects:
            self._inline_event(request, parent, "removed", obj)

    def _inline_event(
        self,
        request: HttpRequest,
        parent: models.Model,
        action: str,
        obj: models.Model,
        fields: list[str] | None = None,
    ) -> None:
        details: dict[str, Any] = {"via": "admin", "item": str(obj)}
        if fields is not None:
            details["fields"] = sorted(fields)
        record_event(
            event_type=self._event(f"{obj._meta.model_name}_{action}"),
            actor=_actor(request),
            target=parent,
            details=details,
        )

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from egov.platform.audit.models import AuditEvent


def events_for_target(
    target: models.Model, *, limit: int = 100, exclude_types: tuple[str, ...] = ()
) -> list[AuditEvent]:
    """The newest events about `target`. Callers check the reader may see it."""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    return list(
        AuditEvent.objects.filter(target_type=content_type, target_id=str(target.pk))
        .exclude(event_type__in=exclude_types)
        .select_related("actor", "unit", "target_type")
        .order_by("-created_at", "-id")[:limit]
    )

"""A procedure's online form, described as data (JSON Schema + layout).

The schema (JSON Schema draft 2020-12, a flat object) says what the data is
and how it is checked; the layout says how it is shown: ordered sections with
their fields and widget hints. See `egov/onestop/eforms/checks.py` for the rules an
administrator's definition must follow and `egov/onestop/eforms/engine.py` for how it
is used.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.onestop.procedures.models import Procedure


class FormDefinition(models.Model):
    procedure = models.OneToOneField(
        Procedure,
        verbose_name=_("thủ tục"),
        on_delete=models.CASCADE,
        related_name="form_definition",
    )
    schema: models.JSONField[Any, Any] = models.JSONField(
        _("lược đồ dữ liệu (JSON Schema)"), default=dict
    )
    layout: models.JSONField[Any, Any] = models.JSONField(_("bố cục (JSON)"), default=dict)
    # Raised on every change of the schema or the layout, so a dossier can
    # record which version of the form its data was entered with.
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("biểu mẫu điện tử")
        verbose_name_plural = _("biểu mẫu điện tử")
        ordering = ["procedure__code"]

    def __str__(self) -> str:
        return f"{self.procedure.code} · v{self.version}"

"""Reads of the procedure catalogue and of the processes a unit administers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from egov.onestop.procedures.errors import ProcedureError
from egov.onestop.procedures.models import Field, Procedure, ProcedureLevel, Process
from egov.onestop.procedures.text import search_words
from egov.platform.accounts.administration import administered_units
from egov.platform.accounts.models import User
from egov.platform.core.errors import NotFound
from egov.platform.organisation.models import Unit


def catalogue(
    *, query: str = "", field_id: int | None = None, level: str = "", agency_id: int | None = None
) -> QuerySet[Procedure]:
    """Active procedures matching every word of `query` (diacritics ignored)."""
    procedures = Procedure.objects.filter(is_active=True).select_related("field")
    # `search_text` is folded the same way as the words, so a plain substring
    # test is enough and behaves the same on SQLite and PostgreSQL.
    for word in search_words(query):
        procedures = procedures.filter(search_text__contains=word)
    if field_id is not None:
        procedures = procedures.filter(field_id=field_id)
    if level in ProcedureLevel.values:
        procedures = procedures.filter(level=level)
    if agency_id is not None:
        # Decided there: the agency has an active internal process for it.
        procedures = procedures.filter(
            pk__in=Process.objects.filter(agency_id=agency_id, is_active=True).values(
                "procedure_id"
            )
        )
    return procedures.order_by("field__name", "name", "pk")


def catalogue_agencies() -> list[Unit]:
    """The agencies that decide at least one active procedure, for the filter."""
    return list(
        Unit.objects.filter(processes__is_active=True, processes__procedure__is_active=True)
        .distinct()
        .order_by("path")
    )


def catalogue_fields() -> list[Field]:
    """The fields that have at least one active procedure, for the filter."""
    return list(Field.objects.filter(procedures__is_active=True).distinct().order_by("name"))


def published_procedure(code: str) -> Procedure:
    """An active procedure with its documents in order; NotFound otherwise."""
    procedure = (
        Procedure.objects.filter(code=code, is_active=True)
        .select_related("field")
        .prefetch_related("documents")
        .first()
    )
    if procedure is None:
        raise NotFound(ProcedureError.PROCEDURE_NOT_FOUND, _("Không tìm thấy thủ tục %s.") % code)
    return procedure


def administered_processes(actor: User) -> QuerySet[Process]:
    """The internal processes of the agencies in `actor`'s administered subtrees (issue 19)."""
    return (
        Process.objects.filter(agency__in=administered_units(actor))
        .select_related("procedure", "agency")
        .order_by("agency__path", "procedure__code", "pk")
    )


def process_for_admin(actor: User, process_id: int) -> Process:
    """The process, if its agency is in `actor`'s subtree; otherwise NotFound (never reveal it)."""
    process = administered_processes(actor).filter(pk=process_id).first()
    if process is None:
        raise NotFound(ProcedureError.PROCESS_NOT_FOUND, _("Không tìm thấy quy trình."))
    return process

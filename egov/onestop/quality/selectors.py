"""Reads of quality documents, through the reader's units."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.models import Edition, QualityProcedure
from egov.platform.accounts.access import visible_units
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import NotFound


def documents_for(user: User) -> QuerySet[QualityProcedure]:
    """The quality procedures of the agencies `user` (staff) sees."""
    if user.kind != AccountKind.STAFF:
        return QualityProcedure.objects.none()
    return (
        QualityProcedure.objects.filter(agency__in=visible_units(user))
        .select_related("procedure", "agency")
        .order_by("agency__path", "code")
    )


def document_for_user(user: User, document_id: int) -> QualityProcedure:
    document = documents_for(user).filter(pk=document_id).first()
    if document is None:
        raise NotFound(QualityError.NOT_FOUND, _("Không tìm thấy quy trình ISO."))
    return document


def edition_for_user(user: User, edition_id: int) -> Edition:
    edition = (
        Edition.objects.select_related(
            "document__procedure", "document__agency", "drafted_by", "approved_by"
        )
        .filter(pk=edition_id, document__in=documents_for(user))
        .first()
    )
    if edition is None:
        raise NotFound(QualityError.NOT_FOUND, _("Không tìm thấy lần ban hành."))
    return edition


def editions_of(document: QualityProcedure) -> list[Edition]:
    """The amendment log: every edition, the latest first."""
    return list(document.editions.select_related("drafted_by", "approved_by").order_by("-number"))

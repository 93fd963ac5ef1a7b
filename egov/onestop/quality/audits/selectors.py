"""Reads of internal audits, through the reader's units (another agency's answer 404)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from egov.onestop.quality.audits.models import (
    Audit,
    AuditProgramme,
    Nonconformity,
)
from egov.onestop.quality.audits.transitions import OPEN_STATUSES
from egov.onestop.quality.errors import QualityError
from egov.platform.accounts.access import visible_units
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import NotFound


def programmes_for(user: User) -> QuerySet[AuditProgramme]:
    if user.kind != AccountKind.STAFF:
        return AuditProgramme.objects.none()
    return (
        AuditProgramme.objects.filter(agency__in=visible_units(user))
        .select_related("agency")
        .annotate(audit_count=Count("audits"))
        .order_by("agency__path", "-year")
    )


def programme_for_user(user: User, programme_id: int) -> AuditProgramme:
    programme = programmes_for(user).filter(pk=programme_id).first()
    if programme is None:
        raise NotFound(QualityError.NOT_FOUND, _("Không tìm thấy chương trình đánh giá."))
    return programme


def audits_of(programme: AuditProgramme) -> list[Audit]:
    return list(
        programme.audits.prefetch_related("scope", "auditors")
        .annotate(
            finding_count=Count("findings", distinct=True),
            nonconformity_count=Count(
                "findings", filter=Q(findings__kind="nonconformity"), distinct=True
            ),
        )
        .order_by("planned_on", "pk")
    )


def audit_for_user(user: User, audit_id: int) -> Audit:
    if user.kind != AccountKind.STAFF:
        raise NotFound(QualityError.NOT_FOUND, _("Không tìm thấy cuộc đánh giá."))
    audit = (
        Audit.objects.select_related("programme__agency", "planned_by")
        .prefetch_related("scope", "auditors")
        .filter(pk=audit_id, programme__agency__in=visible_units(user))
        .first()
    )
    if audit is None:
        raise NotFound(QualityError.NOT_FOUND, _("Không tìm thấy cuộc đánh giá."))
    return audit


def nonconformities_for(user: User, *, open_only: bool = False) -> QuerySet[Nonconformity]:
    if user.kind != AccountKind.STAFF:
        return Nonconformity.objects.none()
    rows = Nonconformity.objects.filter(agency__in=visible_units(user))
    if open_only:
        rows = rows.filter(status__in=OPEN_STATUSES)
    return rows.select_related("agency", "owner", "finding__audit").order_by("agency__path", "pk")


def nonconformity_for_user(user: User, nonconformity_id: int) -> Nonconformity:
    row = (
        nonconformities_for(user)
        .select_related("finding__audit__programme", "finding__recorded_by", "checked_by")
        .filter(pk=nonconformity_id)
        .first()
    )
    if row is None:
        raise NotFound(QualityError.NOT_FOUND, _("Không tìm thấy sự không phù hợp."))
    return row

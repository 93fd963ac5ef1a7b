"""Reads of dossiers: access-checked lookups and the officers' inboxes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.permissions import (
    STAGES,
    VISIBILITY_PATHS,
    acting_condition,
    read_visible,
    visible_dossiers,
)
from egov.onestop.dossiers.transitions import OPEN_STATUSES
from egov.onestop.procedures.models import Procedure, ProcessStep
from egov.platform.accounts.access import sees_unit
from egov.platform.accounts.models import User
from egov.platform.core.errors import NotFound
from egov.platform.organisation.models import Unit

_RELATED = (
    "procedure",
    "receiving_unit",
    "agency",
    "current_step",
    "current_unit",
    "assignee",
)


def dossier_for_user(user: User | AnonymousUser, pk: int) -> Dossier:
    """The dossier if `user` may see it; NotFound otherwise (never reveal it exists)."""
    return read_visible(user, Dossier.objects.select_related(*_RELATED), pk)


def dossier_state_for_user(user: User | AnonymousUser, pk: int) -> Dossier:
    """`dossier_for_user` reading only the status and step, for a page's action.

    The action's service reads the whole dossier again under its row lock;
    the page needs only what it compares with the form (a stale page) and
    chooses a service by. Other fields are deferred: read on access.
    """
    fields = ("status", "current_step", *VISIBILITY_PATHS)
    return read_visible(user, Dossier.objects.only(*fields), pk)


class InboxTab:
    # Cần xử lý: every dossier the user may act on now (`may_act`); the default.
    ACTION = "action"
    MINE = "mine"
    UNASSIGNED = "unassigned"
    NEAR = "near"
    LATE = "late"
    ALL = (ACTION, MINE, UNASSIGNED, NEAR, LATE)


@dataclass(frozen=True)
class InboxQuery:
    tab: str = InboxTab.ACTION
    search: str = ""
    order: str = "appointment_at"


ORDERINGS = {
    "appointment_at": ("appointment_at", "pk"),
    "-appointment_at": ("-appointment_at", "-pk"),
    "received_at": ("received_at", "pk"),
    "-received_at": ("-received_at", "-pk"),
    "code": ("code", "pk"),
}


def inbox(user: User, query: InboxQuery) -> QuerySet[Dossier]:
    """The dossiers of one inbox tab, searched and sorted.

    A search by a dossier's exact code finds it in any tab, whatever its
    status, when the user may see it: an officer who types a code from a
    receipt looks for that dossier, not for the tab's.
    """
    term = query.search.strip()
    if term:
        exact = visible_dossiers(user).filter(code__iexact=term).values("pk")
        found = Dossier.objects.filter(pk__in=exact).select_related(*_RELATED)
        if found.exists():
            return found.order_by("pk")
    if query.tab not in InboxTab.ALL or query.tab == InboxTab.ACTION:
        acting = acting_condition(user)
        # Every status someone acts in: the open ones, and a finished
        # dossier waiting for its result to be handed over.
        base = Dossier.objects.filter(acting, status__in=list(STAGES))
    else:
        base = Dossier.objects.filter(status__in=OPEN_STATUSES)
        now = timezone.now()
        if query.tab == InboxTab.MINE:
            base = base.filter(assignee=user)
        elif query.tab == InboxTab.UNASSIGNED:
            base = base.filter(acting_condition(user), assignee__isnull=True)
        else:
            base = base.filter(acting_condition(user) | Q(assignee=user))
            if query.tab == InboxTab.NEAR:
                horizon = now + timedelta(hours=settings.NEAR_DEADLINE_HOURS)
                base = base.filter(appointment_at__gte=now, appointment_at__lte=horizon)
            else:
                base = base.filter(appointment_at__lt=now)
    base = base.select_related(*_RELATED)
    if term:
        base = base.filter(
            Q(code__icontains=term)
            | Q(applicant_name__icontains=term)
            | Q(procedure__name__icontains=term)
        )
    return base.order_by(*ORDERINGS.get(query.order, ORDERINGS["appointment_at"]))


def waiting_at_reception(user: User, unit: Unit) -> QuerySet[Dossier]:
    """Registered online dossiers and supplements waiting at a centre's desk."""
    return (
        visible_dossiers(user)
        .filter(
            receiving_unit=unit,
            status__in=[DossierStatus.NEW, DossierStatus.SUPPLEMENT],
        )
        .select_related(*_RELATED)
        .order_by("created_at")
    )


@dataclass(frozen=True)
class ReceptionReads:
    centre: Unit
    agency: Unit
    procedure: Procedure
    # With its process and procedure; None when the agency has no active
    # process for it (the service then says so).
    first_step: ProcessStep | None


def reception_reads(
    user: User, *, receiving_unit_id: int, agency_id: int, procedure_code: str
) -> ReceptionReads:
    """What reception at the desk reads before the service runs, in two or three statements.

    The centre (which the officer must see) and the agency in one read; the
    procedure with the agency's process and its first step in another, or
    the procedure alone when that finds nothing. NotFound in the order the
    checks were always made: the centre, the procedure, the agency. Phi
    địa giới: the deciding agency need not be visible to the officer; the
    service checks it belongs to the centre's province.
    """
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[receiving_unit_id, agency_id])}
    centre = units.get(receiving_unit_id)
    if centre is None or not sees_unit(user, centre):
        raise NotFound(DossierError.UNIT_NOT_FOUND, _("Không tìm thấy đơn vị."))
    first_step = (
        ProcessStep.objects.filter(
            process__procedure__code=procedure_code,
            process__procedure__is_active=True,
            process__agency_id=agency_id,
            process__is_active=True,
        )
        .select_related("process__procedure", "unit", "external_agency")
        .order_by("position")
        .first()
    )
    if first_step is not None:
        procedure: Procedure | None = first_step.process.procedure
    else:
        procedure = Procedure.objects.filter(code=procedure_code, is_active=True).first()
    if procedure is None:
        raise NotFound(DossierError.PROCEDURE_NOT_FOUND, _("Không tìm thấy thủ tục."))
    agency = units.get(agency_id)
    if agency is None or not agency.is_active:
        raise NotFound(DossierError.UNIT_NOT_FOUND, _("Không tìm thấy đơn vị."))
    return ReceptionReads(centre=centre, agency=agency, procedure=procedure, first_step=first_step)

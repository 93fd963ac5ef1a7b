"""Who sees which incoming document, and the lists built on it.

A user sees a document (issue 11, item 7) when:
- they are named on it: the leader it was presented to, the clerk who
  registered it, or a person holding it;
- or, for a document that is not secret, a unit they belong to holds it, or
  they are a clerk or leader of the receiving body (or above it: a leader
  sees their whole unit).
Secret documents (Mật and above) are seen only by the people named on them.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    Holder,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
    Secrecy,
)
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.core.errors import NotFound
from egov.platform.organisation.models import Unit

# Roles that see every ordinary document of the bodies they serve.
OVERSEEING_ROLES = (Role.CLERK, Role.LEADER)


def member_unit_ids(user: User) -> list[int]:
    return list(
        Membership.objects.filter(user=user, unit__is_active=True)
        .values_list("unit_id", flat=True)
        .distinct()
    )


def _paths(user: User, roles: tuple[Role, ...]) -> list[str]:
    return list(
        Membership.objects.filter(user=user, unit__is_active=True, role__in=roles)
        .values_list("unit__path", flat=True)
        .distinct()
    )


def _named(user: User) -> Q:
    """The documents `user` is named on: presented to, registered by or held by them."""
    return (
        Q(leader=user)
        | Q(registered_by=user)
        | Q(Exists(Holder.objects.filter(document=OuterRef("pk"), user=user)))
    )


def visible_incoming(user: User) -> QuerySet[IncomingDocument]:
    documents = IncomingDocument.objects.all()
    if not user.is_active or not user.is_authenticated:
        return documents.none()
    if user.is_superuser:
        return documents
    named = _named(user)
    through_unit: Q | Exists = Exists(
        Holder.objects.filter(document=OuterRef("pk"), unit_id__in=member_unit_ids(user))
    )
    for path in _paths(user, OVERSEEING_ROLES):
        through_unit |= Q(body__path__startswith=path)
    return documents.filter(named | (Q(secrecy=Secrecy.NONE) & through_unit))


def incoming_for_user(user: User, pk: int) -> IncomingDocument:
    """The document, if `user` may see it; NotFound otherwise (never a hint that it exists)."""
    document = (
        visible_incoming(user)
        .select_related("body", "register", "document_type", "registered_by", "leader")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise NotFound(OfficeError.DOCUMENT_NOT_FOUND, _("Không tìm thấy văn bản."))
    return document


def clerk_bodies(user: User) -> list[Unit]:
    """The bodies whose incoming documents `user` registers (clerk role there)."""
    if user.is_superuser:
        return list(Unit.objects.filter(is_active=True, parent__isnull=True))
    return list(
        Unit.objects.filter(
            is_active=True, memberships__user=user, memberships__role=Role.CLERK
        ).distinct()
    )


def registered_by_bodies(user: User) -> QuerySet[IncomingDocument]:
    """The incoming register as the office reads it: the clerk's and the leader's
    bodies, the latest registered first.

    The same documents as `visible_incoming(user)` restricted to the bodies the
    user oversees (there every document that is not secret is visible, a secret
    one only to whom it names), written so that PostgreSQL reads a page from
    the primary key's index instead of sorting the whole register: the key
    follows registration, hence the arrival numbers of each register. At 1M
    documents the first page took 2.1 s sorted by year and number
    (docs/performance.md).
    """
    if user.is_superuser:
        paths = [body.path for body in clerk_bodies(user)]
    else:
        paths = _paths(user, OVERSEEING_ROLES)
    units = Q(pk__in=[])
    for path in paths:
        units |= Q(path__startswith=path)
    documents = IncomingDocument.objects.filter(
        body_id__in=list(Unit.objects.filter(units).values_list("pk", flat=True))
    )
    if not user.is_superuser:
        documents = documents.filter(Q(secrecy=Secrecy.NONE) | _named(user))
    return documents.select_related("document_type", "leader").order_by("-pk")


def to_assign(user: User) -> QuerySet[IncomingDocument]:
    """The leader's list: documents presented to them, not assigned yet."""
    return (
        IncomingDocument.objects.filter(leader=user, status=IncomingStatus.AWAITING_ASSIGNMENT)
        .select_related("document_type")
        .order_by("arrived_at", "pk")
    )


def open_holdings(user: User, document: IncomingDocument | None = None) -> QuerySet[Holder]:
    """The open holdings `user` acts through: theirs, or their units' (most specific first)."""
    holdings = Holder.objects.filter(
        Q(user=user) | Q(unit_id__in=member_unit_ids(user), user__isnull=True),
        status=HolderStatus.OPEN,
        document__status=IncomingStatus.IN_PROGRESS,
    )
    if document is not None:
        holdings = holdings.filter(document=document)
    # A person's own holding before their unit's: they act as themselves.
    return holdings.order_by(F("user_id").asc(nulls_last=True), "pk")


def inbox(user: User) -> QuerySet[IncomingDocument]:
    """What `user` (or a unit of theirs) holds and has not finished, earliest deadline first."""
    mine = Holder.objects.filter(
        Q(user=user) | Q(unit_id__in=member_unit_ids(user), user__isnull=True),
        document=OuterRef("pk"),
        status=HolderStatus.OPEN,
    )
    return (
        IncomingDocument.objects.filter(Exists(mine), status=IncomingStatus.IN_PROGRESS)
        .select_related("document_type")
        .order_by("due_at", "arrived_at", "pk")
    )


def leaders_of(body: Unit) -> QuerySet[User]:
    """The people a document may be presented to: the body's leaders."""
    return (
        User.objects.filter(is_active=True, memberships__unit=body, memberships__role=Role.LEADER)
        .distinct()
        .order_by("full_name", "pk")
    )


def assignable_units(body: Unit) -> QuerySet[Unit]:
    """Units that may hold the body's documents: its own subtree."""
    return Unit.objects.filter(is_active=True, path__startswith=body.path).order_by("path")


def assignable_people(unit: Unit) -> QuerySet[User]:
    """Staff who work in `unit` or below it."""
    return (
        User.objects.filter(
            is_active=True,
            kind="staff",
            memberships__unit__path__startswith=unit.path,
            memberships__unit__is_active=True,
        )
        .distinct()
        .order_by("full_name", "pk")
    )

"""Who sees which outgoing document, and the lists of the drafter, head, leader and clerk.

A user sees a draft or an issued document when they are named on it (the
drafter, the reviewing head, the signing leader, the clerk who issued it), or,
when it is not secret, they work in its drafting unit or are a clerk or
leader of its body (or above). A secret document is seen by the named people
only, and by the body's clerks once it is approved (they number and issue it).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    ONCE_ISSUED,
    OutgoingAttachment,
    OutgoingDocument,
    OutgoingStatus,
    Secrecy,
)
from egov.office.documents.selectors import member_unit_ids
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.core.errors import NotFound
from egov.platform.organisation.models import Unit


def _paths(user: User, roles: tuple[Role, ...]) -> list[str]:
    return list(
        Membership.objects.filter(user=user, unit__is_active=True, role__in=roles)
        .values_list("unit__path", flat=True)
        .distinct()
    )


def _under(paths: list[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(body__path__startswith=path)
    return condition


def visible_outgoing(user: User) -> QuerySet[OutgoingDocument]:
    documents = OutgoingDocument.objects.all()
    if not user.is_active or not user.is_authenticated:
        return documents.none()
    if user.is_superuser:
        return documents
    named = Q(drafter=user) | Q(reviewer=user) | Q(signer=user) | Q(issued_by=user)
    ordinary = Q(drafting_unit_id__in=member_unit_ids(user)) | _under(
        _paths(user, (Role.CLERK, Role.LEADER))
    )
    clerk_secret = _under(_paths(user, (Role.CLERK,))) & Q(
        status__in=[OutgoingStatus.APPROVED, *ONCE_ISSUED]
    )
    return documents.filter(named | (Q(secrecy=Secrecy.NONE) & ordinary) | clerk_secret)


def outgoing_for_user(user: User, pk: int) -> OutgoingDocument:
    """The document, if `user` may see it; NotFound otherwise."""
    document = (
        visible_outgoing(user)
        .select_related(
            "body",
            "drafting_unit",
            "document_type",
            "drafter",
            "reviewer",
            "signer",
            "issued_by",
            "reply_to",
            "related",
        )
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise NotFound(OfficeError.DOCUMENT_NOT_FOUND, _("Không tìm thấy văn bản."))
    return document


def my_drafts(user: User) -> QuerySet[OutgoingDocument]:
    """The drafter's documents not yet issued."""
    return (
        OutgoingDocument.objects.filter(drafter=user)
        .exclude(status__in=ONCE_ISSUED)
        .select_related("document_type")
        .order_by("-updated_at", "-pk")
    )


def to_review(user: User) -> QuerySet[OutgoingDocument]:
    """What waits for `user`: drafts to review (head) and to sign (leader)."""
    return (
        OutgoingDocument.objects.filter(
            Q(reviewer=user, status=OutgoingStatus.IN_REVIEW)
            | Q(signer=user, status=OutgoingStatus.SUBMITTED)
        )
        .select_related("document_type", "drafter")
        .order_by("updated_at", "pk")
    )


def to_issue(user: User) -> QuerySet[OutgoingDocument]:
    """The clerk's list: approved documents of the bodies they serve."""
    return (
        visible_outgoing(user)
        .filter(_under(_paths(user, (Role.CLERK,))), status=OutgoingStatus.APPROVED)
        .select_related("document_type", "signer")
        .order_by("approved_at", "pk")
    )


def issued_register(user: User) -> QuerySet[OutgoingDocument]:
    """Issued documents the user may see, newest number first."""
    return (
        visible_outgoing(user)
        .filter(number__isnull=False)
        .select_related("document_type", "signer", "register")
        .order_by("-issued_at", "-pk")
    )


def signers_of(body: Unit) -> QuerySet[User]:
    """Who may sign a document of `body`: its leaders."""
    return (
        User.objects.filter(is_active=True, memberships__unit=body, memberships__role=Role.LEADER)
        .distinct()
        .order_by("full_name", "pk")
    )


def reviewers_of(unit: Unit) -> QuerySet[User]:
    """Heads of the drafting unit."""
    return (
        User.objects.filter(is_active=True, memberships__unit=unit, memberships__role=Role.HEAD)
        .distinct()
        .order_by("full_name", "pk")
    )


def attachment_of(
    document: OutgoingDocument, *, version: int, position: int
) -> OutgoingAttachment | None:
    """An attachment of a version of a document the caller may already see."""
    return OutgoingAttachment.objects.filter(
        version__document=document, version__number=version, position=position
    ).first()

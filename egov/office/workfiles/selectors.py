"""Reads of file lists and work files, each through the access rules in access.py."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from egov.office.documents.models import IncomingDocument, Secrecy
from egov.office.documents.selectors import visible_incoming
from egov.platform.accounts.models import Membership, User
from egov.platform.core.errors import NotFound
from egov.platform.organisation.models import Unit

from .access import APPROVERS, ARCHIVISTS, OVERSEERS, may_read_file, may_read_list
from .errors import WorkfileError
from .models import DepositStatus, FileList, FileListStatus, WorkFile, WorkFileItem

FIRST_YEAR, LAST_YEAR = 2000, 2100
CANDIDATE_LIMIT = 20


def _not_found() -> NotFound:
    return NotFound(WorkfileError.NOT_FOUND, _("Không tìm thấy hồ sơ hoặc danh mục hồ sơ."))


def unit_for_list(user: User, unit_id: int, year: int) -> Unit:
    """The unit whose list of `year` `user` may read; NotFound otherwise."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _not_found()
    unit = Unit.objects.filter(pk=unit_id, is_active=True).first() if 0 < unit_id < 2**63 else None
    if unit is None or not may_read_list(user, unit):
        raise _not_found()
    return unit


def file_list(unit: Unit, year: int) -> FileList | None:
    return FileList.objects.select_related("approved_by").filter(unit=unit, year=year).first()


def list_files(listing: FileList | None) -> list[WorkFile]:
    if listing is None:
        return []
    return list(listing.files.select_related("responsible").order_by("notation", "pk"))


def kept_units(user: User) -> QuerySet[Unit]:
    """The units whose lists `user` drafts, approves or oversees (their own memberships)."""
    if user.is_superuser:
        return Unit.objects.filter(is_active=True, parent__isnull=True)
    return Unit.objects.filter(
        is_active=True, memberships__user=user, memberships__role__in=OVERSEERS
    ).distinct()


def my_files(user: User) -> QuerySet[WorkFile]:
    """The files `user` makes, open ones first."""
    return (
        WorkFile.objects.filter(responsible=user, file_list__status=FileListStatus.APPROVED)
        .select_related("file_list__unit")
        .order_by("-file_list__year", "status", "notation", "pk")
    )


def work_file_for_user(user: User, pk: int) -> WorkFile:
    """The file, if `user` may read it; NotFound otherwise (never a hint that it exists)."""
    work_file = (
        WorkFile.objects.select_related(
            "file_list__unit",
            "responsible",
            "deposit_requested_by",
            "deposit_received_by",
        )
        .filter(pk=pk)
        .first()
        if 0 < pk < 2**63
        else None
    )
    if work_file is None or not may_read_file(
        user, work_file.file_list.unit, work_file.responsible_id
    ):
        raise _not_found()
    return work_file


def items(work_file: WorkFile) -> list[WorkFileItem]:
    return list(
        work_file.items.select_related("incoming__document_type", "added_by").order_by(
            "ordinal", "pk"
        )
    )


def item_of(work_file: WorkFile, item_id: int) -> WorkFileItem:
    item = (
        work_file.items.select_related("incoming").filter(pk=item_id).first()
        if 0 < item_id < 2**63
        else None
    )
    if item is None:
        raise _not_found()
    return item


def candidates(user: User, work_file: WorkFile, query: str) -> list[IncomingDocument]:
    """Incoming documents `user` may put in the file: seen by them, not secret, not in it yet."""
    documents = (
        visible_incoming(user)
        .filter(secrecy=Secrecy.NONE)
        .exclude(Exists(WorkFileItem.objects.filter(work_file=work_file, incoming=OuterRef("pk"))))
    )
    words = " ".join(query.split())[:100]
    if words:
        documents = documents.filter(
            Q(notation__icontains=words) | Q(summary__icontains=words) | Q(sender__icontains=words)
        )
    return list(
        documents.select_related("document_type").order_by("-arrived_at", "-pk")[:CANDIDATE_LIMIT]
    )


def _under(user: User, roles: tuple[str, ...], field: str) -> Q:
    """Rows whose unit (at `field`) lies under a unit where `user` holds one of `roles`."""
    if user.is_superuser:
        return Q()
    paths = (
        Membership.objects.filter(user=user, role__in=roles, unit__is_active=True)
        .values_list("unit__path", flat=True)
        .distinct()
    )
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__path__startswith": path})
    return condition


def lists_to_approve(user: User) -> QuerySet[FileList]:
    """Draft lists with at least one file in the units `user` leads or heads."""
    return (
        FileList.objects.filter(
            _under(user, APPROVERS, "unit"),
            Exists(WorkFile.objects.filter(file_list=OuterRef("pk"))),
            status=FileListStatus.DRAFT,
        )
        .select_related("unit")
        .order_by("year", "unit__path")
    )


def deposits_to_receive(user: User) -> QuerySet[WorkFile]:
    """Files handed to the archive of the units where `user` is a clerk."""
    files = WorkFile.objects.filter(
        _under(user, ARCHIVISTS, "file_list__unit"), deposit_status=DepositStatus.REQUESTED
    )
    return files.select_related("file_list__unit", "responsible").order_by(
        "deposit_requested_at", "pk"
    )


def organ_id(unit: Unit) -> str:
    """Appendix VI OrganId: the agency code of the unit, or of its nearest ancestor with one."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part.isdigit()]
    found = (
        Unit.objects.filter(pk__in=ids, agency_code__isnull=False)
        .order_by("-depth")
        .values_list("agency_code", flat=True)
        .first()
    )
    return found or ""


__all__ = [
    "candidates",
    "deposits_to_receive",
    "file_list",
    "item_of",
    "items",
    "kept_units",
    "lists_to_approve",
    "list_files",
    "may_read_file",
    "my_files",
    "organ_id",
    "unit_for_list",
    "work_file_for_user",
]

"""Scans kept across a refused submit of the reception form (issue 17 item 3).

When the desk's form comes back with errors, the scans it carried are kept
as draft files (`ReceptionDraftScan`, stored through the storage API under
random names, like the dossiers' own scans) for that form (its token) and
that officer. The next submit uses them for the documents it sends no new
file for; once the dossier is made it holds its own copy and the drafts go.
Drafts left behind (a form abandoned) are deleted by the daily job after
`DRAFT_SCAN_HOURS`: citizens' papers are not kept without a purpose (Decree
13/2023/NĐ-CP).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from egov.onestop.dossiers.models import ReceptionDraftScan
from egov.onestop.dossiers.permissions import require_role
from egov.onestop.dossiers.uploads import check_upload, content_type_of, discard_stored
from egov.onestop.procedures.models import ProcedureDocument
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.organisation.models import Unit

DRAFT_SCAN_HOURS = 24


def draft_scans(
    officer: User, token: str, documents: Collection[int]
) -> dict[int, ReceptionDraftScan]:
    """The officer's kept scans of this form, by procedure document (only those asked for)."""
    if not token or not documents:
        return {}
    rows = ReceptionDraftScan.objects.filter(
        officer=officer, token=token, procedure_document_id__in=list(documents)
    ).order_by("pk")
    return {row.procedure_document_id: row for row in rows}


def as_upload(draft: ReceptionDraftScan) -> UploadedFile:
    """A kept scan, opened from storage, to be sent again like a new upload."""
    stored = draft.file.storage.open(draft.file.name, "rb")
    return UploadedFile(
        file=stored,
        name=draft.file.name.rsplit("/", 1)[-1],
        content_type=content_type_of(draft.file.name),
        size=draft.file.size,
    )


@transaction.atomic
def keep_draft_scans(
    *,
    actor: User,
    receiving_unit: Unit,
    token: str,
    scans: Mapping[int, UploadedFile],
    names: Mapping[int, str],
) -> list[ReceptionDraftScan]:
    """Keep the checked scans of a refused submit; a newer one replaces the kept one.

    `scans`: by procedure document id, each already through `check_upload`
    (the caller drops the refused ones); `names`: the file names as chosen,
    shown back to the officer.
    """
    require_role(actor, receiving_unit, [Role.RECEPTION])
    if not token or not scans:
        return []
    known = set(ProcedureDocument.objects.filter(pk__in=list(scans)).values_list("pk", flat=True))
    wanted = {pk: upload for pk, upload in scans.items() if pk in known}
    replaced = list(
        ReceptionDraftScan.objects.select_for_update()
        .filter(officer=actor, token=token, procedure_document_id__in=list(wanted))
        .order_by("pk")
    )
    old_files = [row.file for row in replaced]
    ReceptionDraftScan.objects.filter(pk__in=[row.pk for row in replaced]).delete()
    kept: list[ReceptionDraftScan] = []
    try:
        for pk, upload in wanted.items():
            check_upload(upload)
            kept.append(
                ReceptionDraftScan.objects.create(
                    token=token,
                    officer=actor,
                    receiving_unit=receiving_unit,
                    procedure_document_id=pk,
                    file=upload,
                    original_name=names.get(pk, "")[:255],
                )
            )
    except Exception:
        discard_stored(row.file for row in kept)
        raise
    transaction.on_commit(lambda: discard_stored(old_files), robust=True)
    record_event(
        event_type="dossiers.draft_scans_kept",
        actor=actor,
        target=receiving_unit,
        unit=receiving_unit,
        details={"documents": sorted(wanted), "count": len(kept)},
    )
    return kept


@transaction.atomic
def discard_draft_scans(
    *, actor: User, token: str, documents: Collection[int] | None = None
) -> int:
    """Delete the officer's kept scans of a form (all, or these documents); how many."""
    rows = ReceptionDraftScan.objects.select_for_update().filter(officer=actor, token=token)
    if documents is not None:
        rows = rows.filter(procedure_document_id__in=list(documents))
    found = list(rows.select_related("receiving_unit").order_by("pk"))
    if not found:
        return 0
    files = [row.file for row in found]
    ReceptionDraftScan.objects.filter(pk__in=[row.pk for row in found]).delete()
    transaction.on_commit(lambda: discard_stored(files), robust=True)
    unit = found[0].receiving_unit
    record_event(
        event_type="dossiers.draft_scans_discarded",
        actor=actor,
        target=unit,
        unit=unit,
        details={"documents": sorted(row.procedure_document_id for row in found)},
    )
    return len(found)


@transaction.atomic
def prune_draft_scans(now: datetime | None = None) -> int:
    """Delete the kept scans older than `DRAFT_SCAN_HOURS` (the daily job); how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=DRAFT_SCAN_HOURS)
    found = list(
        ReceptionDraftScan.objects.select_for_update()
        .filter(created_at__lt=cutoff)
        .select_related("receiving_unit")
        .order_by("pk")
    )
    if not found:
        return 0
    files = [row.file for row in found]
    ReceptionDraftScan.objects.filter(pk__in=[row.pk for row in found]).delete()
    transaction.on_commit(lambda: discard_stored(files), robust=True)
    for unit in {row.receiving_unit for row in found}:
        record_event(
            event_type="dossiers.draft_scans_pruned",
            actor=None,
            target=unit,
            unit=unit,
            details={"count": sum(1 for row in found if row.receiving_unit == unit)},
        )
    return len(found)

"""State changes of quality documents: propose, annotate, approve an edition.

Edition rules (issue 19): a change of the internal process proposes the next
edition as a draft (one draft at a time, refreshed while unapproved); the
agency's head or leader approves it, the edition in force is then superseded;
approved and superseded editions are locked, nothing in them changes.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.procedures.models import Process
from egov.onestop.quality.content import build_content, fingerprint
from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.models import Edition, EditionStatus, QualityProcedure
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied

# Who approves an edition: the agency's head or leader (its "lãnh đạo").
APPROVERS = (Role.HEAD, Role.LEADER)
# Who may word a draft's amendment note: those, and the agency's administrator.
EDITORS = (Role.HEAD, Role.LEADER, Role.ADMINISTRATOR)
NOTE_MAX = 2000


def _document_for(process: Process) -> QualityProcedure:
    document, _created = QualityProcedure.objects.get_or_create(
        procedure=process.procedure,
        agency=process.agency,
        defaults={"code": f"QT-{process.procedure.code}"},
    )
    return document


@transaction.atomic
def propose_edition(*, actor: User | None, process: Process) -> Edition | None:
    """The next edition as a draft, if `process` now reads differently from the last one.

    The open draft is refreshed rather than a second one made; a process saved
    with nothing changed (same content as the last edition) proposes nothing.
    """
    return propose_content(
        actor=actor,
        document=_document_for(process),
        content=build_content(process),
        details={"process": process.pk},
    )


def propose_content(
    *,
    actor: User | None,
    document: QualityProcedure,
    content: dict[str, Any],
    details: dict[str, Any],
) -> Edition | None:
    """`content` as the next edition of `document`, if it differs from the last one.

    The edition machinery every controlled document shares (the procedure's,
    generated; the policy's, objectives' and forms', written): the open draft
    is refreshed, else the next edition is drafted; the same content as the
    last edition proposes nothing. Runs in the caller's transaction.
    """
    digest = fingerprint(content)
    # Lock the document's editions in a fixed order (by pk) before deciding.
    editions = list(Edition.objects.select_for_update().filter(document=document).order_by("pk"))
    latest = max(editions, key=lambda e: e.number, default=None)
    if latest is not None and latest.fingerprint == digest:
        return None
    now = timezone.now()
    if latest is not None and latest.status == EditionStatus.DRAFT:
        latest.content, latest.fingerprint = content, digest
        latest.drafted_by, latest.drafted_at = actor, now
        # The text changed: the earlier check no longer covers it.
        latest.reviewed_by, latest.reviewed_at = None, None
        latest.save(
            update_fields=[
                "content",
                "fingerprint",
                "drafted_by",
                "drafted_at",
                "reviewed_by",
                "reviewed_at",
            ]
        )
        draft, event = latest, "quality.edition_redrafted"
    else:
        number = 1 if latest is None else latest.number + 1
        draft = Edition.objects.create(
            document=document,
            number=number,
            content=content,
            fingerprint=digest,
            change_note=_("Ban hành lần đầu.") if number == 1 else "",
            drafted_by=actor,
            drafted_at=now,
        )
        event = "quality.edition_proposed"
    record_event(
        event_type=event,
        actor=actor,
        target=draft,
        unit=document.agency,
        details={"document": document.code, "number": draft.number, **details},
    )
    return draft


def _locked_draft(edition: Edition) -> Edition:
    locked = (
        Edition.objects.select_for_update().select_related("document__agency").get(pk=edition.pk)
    )
    if locked.status != EditionStatus.DRAFT:
        raise Conflict(
            QualityError.EDITION_LOCKED,
            _("Lần ban hành này đã được phê duyệt và bị khóa; không thể sửa."),
        )
    return locked


@transaction.atomic
def edit_note(*, actor: User, edition: Edition, change_note: str) -> Edition:
    """Word the amendment log's line of a draft edition."""
    if not has_role_over(actor, edition.document.agency, EDITORS):
        raise PermissionDenied(
            QualityError.PERMISSION_DENIED, _("Bạn không có quyền soạn quy trình ISO này.")
        )
    note = change_note.strip()
    if not note or len(note) > NOTE_MAX:
        raise InvalidInput(
            QualityError.INVALID_NOTE,
            _("Hãy ghi nội dung sửa đổi (tối đa 2.000 ký tự)."),
            details={"fields": {"change_note": [_("Hãy ghi nội dung sửa đổi.")]}},
        )
    locked = _locked_draft(edition)
    locked.change_note = note
    locked.save(update_fields=["change_note"])
    record_event(
        event_type="quality.edition_noted",
        actor=actor,
        target=locked,
        unit=locked.document.agency,
        details={"document": locked.document.code, "number": locked.number},
    )
    return locked


@transaction.atomic
def review_edition(*, actor: User, edition: Edition) -> Edition:
    """A head or leader of the agency records that they checked the draft."""
    if not has_role_over(actor, edition.document.agency, APPROVERS):
        raise PermissionDenied(
            QualityError.PERMISSION_DENIED,
            _("Chỉ lãnh đạo cơ quan được kiểm tra quy trình ISO."),
        )
    locked = _locked_draft(edition)
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    locked.save(update_fields=["reviewed_by", "reviewed_at"])
    record_event(
        event_type="quality.edition_reviewed",
        actor=actor,
        target=locked,
        unit=locked.document.agency,
        details={"document": locked.document.code, "number": locked.number},
    )
    return locked


@transaction.atomic
def approve_edition(*, actor: User, edition: Edition) -> Edition:
    """The head or leader of the agency issues the draft; the edition in force is superseded."""
    if not has_role_over(actor, edition.document.agency, APPROVERS):
        raise PermissionDenied(
            QualityError.PERMISSION_DENIED,
            _("Chỉ lãnh đạo cơ quan được phê duyệt quy trình ISO."),
        )
    # Fixed order: the edition in force (an earlier pk) before the draft.
    in_force = (
        Edition.objects.select_for_update()
        .filter(document_id=edition.document_id, status=EditionStatus.APPROVED)
        .order_by("pk")
        .first()
    )
    locked = _locked_draft(edition)
    now = timezone.now()
    if in_force is not None:
        in_force.status, in_force.superseded_at = EditionStatus.SUPERSEDED, now
        in_force.save(update_fields=["status", "superseded_at"])
    locked.status = EditionStatus.APPROVED
    locked.approved_by, locked.approved_at = actor, now
    locked.issued_on = timezone.localdate(now)
    try:
        with transaction.atomic():
            locked.save(update_fields=["status", "approved_by", "approved_at", "issued_on"])
    except IntegrityError as exc:  # pragma: no cover - the row locks above prevent it
        raise Conflict(
            QualityError.EDITION_LOCKED, _("Quy trình vừa được người khác phê duyệt.")
        ) from exc
    record_event(
        event_type="quality.edition_approved",
        actor=actor,
        target=locked,
        unit=locked.document.agency,
        details={
            "document": locked.document.code,
            "number": locked.number,
            "superseded": in_force.number if in_force is not None else None,
        },
    )
    return locked

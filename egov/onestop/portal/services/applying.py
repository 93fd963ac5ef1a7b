"""Applying online: save a draft, come back to it, submit it.

Submitting registers the dossier exactly as the desk does (status 1, "mới
đăng ký"), on the online channel, at the service centre of the deciding
agency; reception then checks it with the desk's own actions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cached_property
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import ApplicantKind, Channel, Dossier
from egov.onestop.dossiers.services import Applicant, register_dossier
from egov.onestop.dossiers.uploads import check_upload, discard_stored
from egov.onestop.portal.declaration import generated_documents, generated_scan
from egov.onestop.portal.errors import PortalError
from egov.onestop.portal.models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    StoredResult,
)
from egov.onestop.portal.online_form import OnlineForm
from egov.onestop.portal.selectors import (
    application_for_user,
    deciding_agencies,
    is_applicant,
    online_procedure,
    service_centre_for,
    stored_result_for_user,
)
from egov.onestop.procedures.models import Procedure, ProcedureDocument
from egov.platform.accounts.models import AccountKind, User
from egov.platform.audit.services import record_event
from egov.platform.citizens.profile import profile_values
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit


def require_applicant(actor: User) -> None:
    if not is_applicant(actor):
        raise PermissionDenied(
            PortalError.NOT_AN_APPLICANT,
            _("Chỉ tài khoản công dân hoặc doanh nghiệp được nộp hồ sơ trực tuyến."),
        )


def address_unit_id(actor: User) -> int | None:
    return _address_unit_id(profile_values(actor))


def _address_unit_id(profile: Mapping[str, str]) -> int | None:
    raw = profile.get("address_unit_id", "")
    return int(raw) if str(raw).isdigit() else None


class _Reads:
    """The draft being saved or submitted, and what checking it reads.

    "Nộp hồ sơ" saves the page's input and submits it in one transaction;
    both steps work from one of these, so the draft (locked), its procedure,
    the applicant's profile, the deciding agencies and the procedure's
    documents are read once each, when first needed.
    """

    def __init__(self, actor: User, procedure: Procedure, application: Application) -> None:
        self.actor = actor
        self.procedure = procedure
        self.application = application

    @cached_property
    def profile(self) -> dict[str, str]:
        return profile_values(self.actor)

    @cached_property
    def agencies(self) -> list[Unit]:
        return deciding_agencies(self.procedure, _address_unit_id(self.profile))

    @cached_property
    def documents(self) -> list[ProcedureDocument]:
        """The procedure's documents in the form's order."""
        return list(self.procedure.documents.order_by("position", "pk"))


def _check_agency(reads: _Reads, agency: Unit) -> None:
    if agency not in reads.agencies:
        raise InvalidInput(
            PortalError.AGENCY_NOT_OFFERED,
            _("Cơ quan đã chọn không giải quyết thủ tục này trực tuyến."),
        )


def _audit(application: Application, actor: User, event: str, **details: Any) -> None:
    record_event(
        event_type=f"portal.{event}",
        actor=actor,
        target=application,
        unit=application.agency,
        details={"procedure": application.procedure.code, **details},
    )


# ---------------------------------------------------------------- the draft


@transaction.atomic
def save_draft(
    *,
    actor: User,
    procedure: Procedure,
    application: Application | None,
    agency: Unit | None,
    form_data: Mapping[str, Any],
    uploads: Mapping[int, UploadedFile] | None = None,
    reused: Mapping[int, int] | None = None,
    removed: Collection[int] = (),
) -> Application:
    """Create or update a draft with its form data and documents.

    `uploads` and `reused` are keyed by the procedure document's id; `reused`
    gives the id of a result from the citizen's own store; `removed` lists
    documents whose attached file the citizen took off (a new upload wins).
    """
    reads = _draft_to_save(actor, procedure, application)
    _save_draft(
        reads,
        agency=agency,
        form_data=form_data,
        uploads=uploads,
        reused=reused,
        removed=removed,
    )
    return reads.application


def _draft_to_save(actor: User, procedure: Procedure, application: Application | None) -> _Reads:
    """A new draft, or the citizen's own one under its lock, of the procedure offered online."""
    require_applicant(actor)
    procedure = online_procedure(procedure.code)
    if application is None:
        application = Application(applicant=actor, procedure=procedure)
    else:
        application = application_for_user(actor, application.pk, for_update=True)
        if application.status != ApplicationStatus.DRAFT:
            raise Conflict(PortalError.ALREADY_SUBMITTED, _("Hồ sơ này đã được nộp."))
        if application.procedure_id != procedure.pk:
            raise InvalidInput(PortalError.WRONG_PROCEDURE, _("Hồ sơ nháp thuộc thủ tục khác."))
    return _Reads(actor, procedure, application)


def _save_draft(
    reads: _Reads,
    *,
    agency: Unit | None,
    form_data: Mapping[str, Any],
    uploads: Mapping[int, UploadedFile] | None,
    reused: Mapping[int, int] | None,
    removed: Collection[int] = (),
) -> list[FieldFile]:
    """`save_draft` in the caller's transaction; returns the files it stored.

    Files this call stored are deleted if it fails; files it replaced are
    deleted once the transaction commits.
    """
    if agency is not None:
        _check_agency(reads, agency)
    uploads, reused = uploads or {}, reused or {}
    stored = _checked_documents(reads, uploads, reused)
    application = reads.application
    application.agency = agency
    application.form_data = dict(form_data)
    application.save()
    written, replaced = _attach_and_record(reads, uploads, stored)
    replaced += _detach(application, set(removed) - set(uploads) - set(stored))
    # A replaced upload is nobody's once the new one is committed.
    transaction.on_commit(lambda: discard_stored(replaced), robust=True)
    return written


def _detach(application: Application, documents: set[int]) -> list[FieldFile]:
    """Take the files off these documents of a saved draft; the files to delete."""
    if application.pk is None or not documents:
        return []
    rows = list(application.files.filter(procedure_document_id__in=documents))
    files = [row.file for row in rows if row.file]
    application.files.filter(pk__in=[row.pk for row in rows]).delete()
    return files


def _attach_and_record(
    reads: _Reads, uploads: Mapping[int, UploadedFile], stored: Mapping[int, StoredResult]
) -> tuple[list[FieldFile], list[FieldFile]]:
    """Attach the documents and record the save: the files stored, the files replaced.

    If that fails, the files it stored are deleted before the error goes on.
    """
    written: list[FieldFile] = []
    replaced: list[FieldFile] = []
    try:
        _attach_documents(reads, uploads, stored, written=written, replaced=replaced)
        _audit(
            reads.application,
            reads.actor,
            "draft_saved",
            uploaded=sorted(uploads),
            reused=sorted(stored),
        )
    except Exception:
        discard_stored(written)
        raise
    return written, replaced


def _checked_documents(
    reads: _Reads, uploads: Mapping[int, UploadedFile], reused: Mapping[int, int]
) -> dict[int, StoredResult]:
    """Check what is attached to which document; the reused results, by document."""
    documents = {d.pk for d in reads.documents}
    if set(uploads) - documents or set(reused) - documents:
        raise InvalidInput(
            PortalError.UNKNOWN_DOCUMENT, _("Giấy tờ đã chọn không thuộc thủ tục này.")
        )
    for upload in uploads.values():
        check_upload(upload)
    return {doc: stored_result_for_user(reads.actor, pk) for doc, pk in reused.items()}


def _attach_documents(
    reads: _Reads,
    uploads: Mapping[int, UploadedFile],
    stored: Mapping[int, StoredResult],
    *,
    written: list[FieldFile],
    replaced: list[FieldFile],
) -> None:
    """Attach each upload, then each reused result not uploaded over.

    Adds the files it stores to `written` as it goes (so a failure half-way
    can delete them), and the files they replace to `replaced`.
    """
    documents = {d.pk: d for d in reads.documents}
    for doc_id, upload in uploads.items():
        row = _attach(reads.application, documents[doc_id], upload, None, replaced)
        written.append(row.file)
    for doc_id, result in stored.items():
        if doc_id in uploads:
            continue
        _attach(reads.application, documents[doc_id], "", result, replaced)


def _attach(
    application: Application,
    document: ProcedureDocument,
    file: UploadedFile | str,
    result: StoredResult | None,
    replaced: list[FieldFile],
) -> ApplicationFile:
    """Put an upload or a reused result (never both) on the draft's row for `document`."""
    row, _created = ApplicationFile.objects.get_or_create(
        application=application, procedure_document=document
    )
    if row.file:
        replaced.append(row.file)
    row.file, row.stored_result = file, result
    row.save()
    return row


# ---------------------------------------------------------------- submitting


@transaction.atomic
def submit_application(*, actor: User, application: Application) -> Dossier:
    """Check the form and the documents, then register the online dossier."""
    return _submit(_draft_to_submit(actor, application))


def _draft_to_submit(actor: User, application: Application) -> _Reads:
    """The citizen's own saved draft under its lock, with its procedure offered online."""
    require_applicant(actor)
    application = application_for_user(actor, application.pk, for_update=True)
    if application.status != ApplicationStatus.DRAFT:
        raise Conflict(PortalError.ALREADY_SUBMITTED, _("Hồ sơ này đã được nộp."))
    procedure = online_procedure(application.procedure.code)
    return _Reads(actor, procedure, application)


def _submit(reads: _Reads) -> Dossier:
    """`submit_application` in the caller's transaction, from a saved, locked draft."""
    application = reads.application
    form = OnlineForm.for_procedure(reads.procedure)
    files = {
        f.procedure_document_id: f
        for f in application.files.select_related("stored_result", "procedure_document")
    }
    agency = _check_everything(reads, form, files)
    dossier = _register(reads, agency, files, form)
    application.status = ApplicationStatus.SUBMITTED
    application.dossier = dossier
    # Which version of the e-form the answers were given with (it may change later).
    application.form_version = form.version
    application.save()
    _audit(
        application,
        reads.actor,
        "application_submitted",
        dossier=dossier.pk,
        form_version=form.version,
    )
    return dossier


def _check_everything(
    reads: _Reads, form: OnlineForm, files: Mapping[int, ApplicationFile]
) -> Unit:
    """The agency, the form and the documents, checked together so the citizen sees
    every problem after one submit. The error's code and message are the first
    problem's (agency, form, documents); its details hold them all:
    `agency` (a message), `errors` ({field: message}) and `missing` (document names,
    with `missing_ids`)."""
    application = reads.application
    agency = application.agency
    problems: list[tuple[PortalError, str]] = []
    details: dict[str, Any] = {}
    if agency is None:
        problems.append((PortalError.AGENCY_REQUIRED, _("Cần chọn cơ quan giải quyết.")))
        details["agency"] = problems[-1][1]
    else:
        _check_agency(reads, agency)
    errors = form.validate(application.form_data)
    if errors:
        problems.append(
            (
                PortalError.FORM_INVALID,
                _("Tờ khai chưa hợp lệ: vui lòng sửa các mục được đánh dấu."),
            )
        )
        details["errors"] = errors
    # The declaration printed from the e-form is never asked for as a file.
    generated = {d.pk for d in generated_documents(reads.documents, form.definition)}
    missing = [
        d for d in reads.documents if d.required and d.pk not in files and d.pk not in generated
    ]
    if missing:
        names = [d.name for d in missing]
        problems.append(
            (
                PortalError.MISSING_DOCUMENTS,
                _("Còn thiếu giấy tờ bắt buộc: %s.") % "; ".join(names),
            )
        )
        details["missing"] = names
        details["missing_ids"] = [d.pk for d in missing]
    if problems:
        code, message = problems[0]
        raise InvalidInput(code, message, details=details)
    assert agency is not None  # noqa: S101 - a missing agency is a problem above
    return agency


def _register(
    reads: _Reads, agency: Unit, files: Mapping[int, ApplicationFile], form: OnlineForm
) -> Dossier:
    """Register the online dossier at the agency's service centre, with copies of the files
    and the declaration printed from the e-form (it replaces any file put on that document)."""
    scans: dict[int, SimpleUploadedFile] = {
        doc_id: _copy(f.stored_result.file if f.stored_result is not None else f.file)
        for doc_id, f in files.items()
    }
    applicant = _applicant(reads.actor, reads.profile)
    definition = form.definition
    for document in generated_documents(reads.documents, definition):
        assert definition is not None  # noqa: S101 - no form, no generated document
        scans[document.pk] = generated_scan(
            procedure=reads.procedure,
            document=document,
            definition=definition,
            data=reads.application.form_data,
            applicant_name=_declarant_name(reads.application.form_data, applicant.name),
            agency=agency,
        )
    return register_dossier(
        actor=reads.actor,
        receiving_unit=service_centre_for(agency),
        procedure=reads.procedure,
        agency=agency,
        channel=Channel.ONLINE,
        applicant=applicant,
        received_document_ids=sorted(scans),
        scans=scans,
        applicant_user=reads.actor,
        form_data=reads.application.form_data,
    )


# Where the demo forms name the person who signs the declaration (the
# requester, the person whose residence changes, the household's owner).
DECLARANT_FIELDS = ("requester_name", "person_name", "owner_name")


def _declarant_name(data: Mapping[str, Any], default: str) -> str:
    """Who signs the declaration: the person the form names, else the account holder."""
    for field in DECLARANT_FIELDS:
        name = data.get(field)
        if isinstance(name, str) and name.strip():
            return name.strip()
    return default


def _copy(file: FieldFile) -> SimpleUploadedFile:
    """A fresh upload with the same bytes, so the dossier keeps its own copy."""
    with file.open("rb") as handle:
        content = handle.read()
    return SimpleUploadedFile(str(file.name or "").rsplit("/", 1)[-1], content)


def _applicant(actor: User, profile: Mapping[str, str]) -> Applicant:
    business = actor.kind == AccountKind.BUSINESS
    return Applicant(
        name=profile.get("full_name", "") or actor.display_name,
        kind=ApplicantKind.ORGANISATION if business else ApplicantKind.PERSON,
        id_number=profile.get("id_number", ""),
        address=profile.get("address", ""),
        phone=profile.get("phone", ""),
        email=profile.get("email", ""),
    )


@transaction.atomic
def save_and_submit(
    *,
    actor: User,
    procedure: Procedure,
    application: Application | None,
    agency: Unit | None,
    form_data: Mapping[str, Any],
    uploads: Mapping[int, UploadedFile] | None = None,
    reused: Mapping[int, int] | None = None,
    removed: Collection[int] = (),
) -> Dossier:
    """The "Nộp hồ sơ" button: the page's latest input, then submit; all or nothing.

    One pass: the submission goes on from what saving the draft read (the
    draft under its lock, the procedure, the profile, the agencies, the
    documents) instead of reading it all again.
    """
    reads = _draft_to_save(actor, procedure, application)
    written = _save_draft(
        reads,
        agency=agency,
        form_data=form_data,
        uploads=uploads,
        reused=reused,
        removed=removed,
    )
    try:
        return _submit(reads)
    except Exception:
        # An invalid form or a missing document: the draft's new rows go
        # with the rollback, so the files this request stored go too.
        discard_stored(written)
        raise

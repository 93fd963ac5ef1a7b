"""Applying online: save a draft, come back to it, submit it.

Submitting registers the dossier exactly as the desk does (status 1, "mới
đăng ký"), on the online channel, at the service centre of the deciding
agency; reception then checks it with the desk's own actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import ApplicantKind, Channel, Dossier
from egov.onestop.dossiers.services import Applicant, register_dossier
from egov.onestop.dossiers.uploads import check_upload, discard_stored
from egov.onestop.portal.models import Application, ApplicationFile, ApplicationStatus
from egov.onestop.portal.online_form import OnlineForm
from egov.onestop.portal.selectors import (
    application_for_user,
    deciding_agencies,
    is_applicant,
    online_procedure,
    service_centre_for,
    stored_result_for_user,
)
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import AccountKind, User
from egov.platform.audit.services import record_event
from egov.platform.citizens.profile import profile_values
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit


def require_applicant(actor: User) -> None:
    if not is_applicant(actor):
        raise PermissionDenied(
            "not_an_applicant",
            _("Chỉ tài khoản công dân hoặc doanh nghiệp được nộp hồ sơ trực tuyến."),
        )


def address_unit_id(actor: User) -> int | None:
    raw = profile_values(actor).get("address_unit_id", "")
    return int(raw) if str(raw).isdigit() else None


def _check_agency(actor: User, procedure: Procedure, agency: Unit) -> None:
    if agency not in deciding_agencies(procedure, address_unit_id(actor)):
        raise InvalidInput(
            "agency_not_offered",
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
) -> Application:
    """Create or update a draft with its form data and documents.

    `uploads` and `reused` are keyed by the procedure document's id; `reused`
    gives the id of a result from the citizen's own store.
    """
    return _save_draft(
        actor=actor,
        procedure=procedure,
        application=application,
        agency=agency,
        form_data=form_data,
        uploads=uploads,
        reused=reused,
    )[0]


def _save_draft(
    *,
    actor: User,
    procedure: Procedure,
    application: Application | None,
    agency: Unit | None,
    form_data: Mapping[str, Any],
    uploads: Mapping[int, UploadedFile] | None,
    reused: Mapping[int, int] | None,
) -> tuple[Application, list[FieldFile]]:
    """`save_draft` in the caller's transaction; also returns the files it stored.

    Files this call stored are deleted if it fails; files it replaced are
    deleted once the transaction commits.
    """
    require_applicant(actor)
    procedure = online_procedure(procedure.code)
    if application is None:
        application = Application(applicant=actor, procedure=procedure)
    else:
        application = application_for_user(actor, application.pk, for_update=True)
        if application.status != ApplicationStatus.DRAFT:
            raise Conflict("already_submitted", _("Hồ sơ này đã được nộp."))
        if application.procedure_id != procedure.pk:
            raise InvalidInput("wrong_procedure", _("Hồ sơ nháp thuộc thủ tục khác."))
    if agency is not None:
        _check_agency(actor, procedure, agency)
    documents = {d.pk: d for d in procedure.documents.all()}
    uploads, reused = uploads or {}, reused or {}
    if set(uploads) - set(documents) or set(reused) - set(documents):
        raise InvalidInput("unknown_document", _("Giấy tờ đã chọn không thuộc thủ tục này."))
    for upload in uploads.values():
        check_upload(upload)
    stored = {doc: stored_result_for_user(actor, pk) for doc, pk in reused.items()}
    application.agency = agency
    application.form_data = dict(form_data)
    application.save()
    written: list[FieldFile] = []
    replaced: list[FieldFile] = []
    try:
        for doc_id, upload in uploads.items():
            row, _created = ApplicationFile.objects.get_or_create(
                application=application, procedure_document=documents[doc_id]
            )
            if row.file:
                replaced.append(row.file)
            row.file, row.stored_result = upload, None
            row.save()
            written.append(row.file)
        for doc_id, result in stored.items():
            if doc_id in uploads:
                continue
            row, _created = ApplicationFile.objects.get_or_create(
                application=application, procedure_document=documents[doc_id]
            )
            if row.file:
                replaced.append(row.file)
            row.file, row.stored_result = "", result
            row.save()
        _audit(
            application,
            actor,
            "draft_saved",
            uploaded=sorted(uploads),
            reused=sorted(stored),
        )
    except Exception:
        discard_stored(written)
        raise
    # A replaced upload is nobody's once the new one is committed.
    transaction.on_commit(lambda: discard_stored(replaced), robust=True)
    return application, written


def _copy(file: FieldFile) -> SimpleUploadedFile:
    """A fresh upload with the same bytes, so the dossier keeps its own copy."""
    with file.open("rb") as handle:
        content = handle.read()
    return SimpleUploadedFile(str(file.name or "").rsplit("/", 1)[-1], content)


def _applicant(actor: User) -> Applicant:
    profile = profile_values(actor)
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
def submit_application(*, actor: User, application: Application) -> Dossier:
    """Check the form and the documents, then register the online dossier."""
    require_applicant(actor)
    application = application_for_user(actor, application.pk, for_update=True)
    if application.status != ApplicationStatus.DRAFT:
        raise Conflict("already_submitted", _("Hồ sơ này đã được nộp."))
    procedure = online_procedure(application.procedure.code)
    agency = application.agency
    if agency is None:
        raise InvalidInput("agency_required", _("Cần chọn cơ quan giải quyết."))
    _check_agency(actor, procedure, agency)
    form = OnlineForm.for_procedure(procedure)
    errors = form.validate(application.form_data)
    if errors:
        raise InvalidInput(
            "form_invalid",
            _("Tờ khai chưa hợp lệ: vui lòng sửa các mục được đánh dấu."),
            details={"errors": errors},
        )
    files = {
        f.procedure_document_id: f
        for f in application.files.select_related("stored_result", "procedure_document")
    }
    documents = procedure.documents.order_by("position", "pk")
    missing = [d.name for d in documents if d.required and d.pk not in files]
    if missing:
        raise InvalidInput(
            "missing_documents",
            _("Còn thiếu giấy tờ bắt buộc: %s.") % "; ".join(missing),
            details={"missing": missing},
        )
    scans = {
        doc_id: _copy(f.stored_result.file if f.stored_result is not None else f.file)
        for doc_id, f in files.items()
    }
    dossier = register_dossier(
        actor=actor,
        receiving_unit=service_centre_for(agency),
        procedure=procedure,
        agency=agency,
        channel=Channel.ONLINE,
        applicant=_applicant(actor),
        received_document_ids=sorted(files),
        scans=scans,
        applicant_user=actor,
        form_data=application.form_data,
    )
    application.status = ApplicationStatus.SUBMITTED
    application.dossier = dossier
    # Which version of the e-form the answers were given with (it may change later).
    application.form_version = form.version
    application.save()
    _audit(
        application, actor, "application_submitted", dossier=dossier.pk, form_version=form.version
    )
    return dossier


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
) -> Dossier:
    """The "Nộp hồ sơ" button: the page's latest input, then submit; all or nothing."""
    draft, written = _save_draft(
        actor=actor,
        procedure=procedure,
        application=application,
        agency=agency,
        form_data=form_data,
        uploads=uploads,
        reused=reused,
    )
    try:
        return submit_application(actor=actor, application=draft)
    except Exception:
        # An invalid form or a missing document: the draft's new rows go
        # with the rollback, so the files this request stored go too.
        discard_stored(written)
        raise

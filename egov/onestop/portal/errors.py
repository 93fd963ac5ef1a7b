"""Error codes of the citizens' portal.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class PortalError(StrEnum):
    # The chosen agency does not offer this procedure online.
    AGENCY_NOT_OFFERED = "agency_not_offered"
    # No agency was chosen.
    AGENCY_REQUIRED = "agency_required"
    # The citizen has rated this dossier already.
    ALREADY_RATED = "already_rated"
    # The application was submitted already.
    ALREADY_SUBMITTED = "already_submitted"
    # No such draft application for this citizen.
    APPLICATION_NOT_FOUND = "application_not_found"
    # No such dossier for this citizen.
    DOSSIER_NOT_FOUND = "dossier_not_found"
    # The e-form has errors (details name the fields).
    FORM_INVALID = "form_invalid"
    # The rating is not one of the satisfaction levels.
    INVALID_RATING = "invalid_rating"
    # Required documents are not uploaded.
    MISSING_DOCUMENTS = "missing_documents"
    # The agency has no service centre to receive the dossier.
    NO_SERVICE_CENTRE = "no_service_centre"
    # Only citizen and business accounts apply online.
    NOT_AN_APPLICANT = "not_an_applicant"
    # The dossier has ended: it cannot be withdrawn.
    NOT_OPEN = "not_open"
    # Only a dossier whose result was handed over can be rated.
    NOT_RETURNED = "not_returned"
    # The procedure's document has no blank template to download.
    NO_TEMPLATE = "no_template"
    # The dossier is not waiting for a supplement.
    NOT_WAITING_FOR_SUPPLEMENT = "not_waiting_for_supplement"
    # No published procedure with this code is offered online.
    PROCEDURE_NOT_ONLINE = "procedure_not_online"
    # A withdrawal needs a reason.
    REASON_REQUIRED = "reason_required"
    # No such result document in the citizen's store.
    RESULT_NOT_FOUND = "result_not_found"
    # A supplement needs at least one file.
    SUPPLEMENT_FILES_REQUIRED = "supplement_files_required"
    # The chosen document does not belong to this dossier.
    UNKNOWN_DOCUMENT = "unknown_document"
    # A withdrawal was asked for already and waits for the officer.
    WITHDRAWAL_PENDING = "withdrawal_pending"
    # The draft belongs to another procedure.
    WRONG_PROCEDURE = "wrong_procedure"

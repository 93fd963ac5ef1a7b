"""Reads for the citizen's pages: their own dossiers, drafts and results only.

Everything a citizen asks for by id goes through an accessor here that
answers NotFound for anything that is not theirs, so a guessed id reveals
nothing (not even that the object exists).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier, DossierStatus, ReturnMethod
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.portal.errors import PortalError
from egov.onestop.portal.models import (
    Application,
    ApplicationStatus,
    StoredResult,
    WithdrawalRequest,
)
from egov.onestop.procedures.fees import FeeQuote, fee_quote
from egov.onestop.procedures.models import OnlineClass, Procedure, ProcedureDocument, Process
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import InvalidInput, NotFound
from egov.platform.organisation.models import Unit, UnitKind

APPLICANT_KINDS = (AccountKind.CITIZEN, AccountKind.BUSINESS)


def is_applicant(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and user.is_active and user.kind in APPLICANT_KINDS


@dataclass(frozen=True)
class BlankTemplate:
    procedure: Procedure
    document: ProcedureDocument
    # The e-form to print empty when no template file was uploaded.
    definition: FormDefinition | None


def blank_template_for(code: str, document_id: int) -> BlankTemplate:
    """A document of an active procedure that has a template: an uploaded file, or an
    e-form the document is filled by; NotFound otherwise."""
    document = (
        ProcedureDocument.objects.filter(
            pk=document_id, procedure__code=code, procedure__is_active=True
        )
        .select_related("procedure")
        .first()
    )
    definition = None
    if document is not None and not document.template_file and document.filled_by_eform:
        definition = FormDefinition.objects.filter(procedure=document.procedure).first()
    if document is None or (not document.template_file and definition is None):
        raise NotFound(PortalError.NO_TEMPLATE, _("Giấy tờ này không có mẫu để tải về."))
    return BlankTemplate(procedure=document.procedure, document=document, definition=definition)


def online_procedure(code: str) -> Procedure:
    """An active procedure offered online; NotFound for the others."""
    procedure = (
        Procedure.objects.filter(code=code, is_active=True, channel_online=True)
        .exclude(online_class=OnlineClass.NONE)
        .first()
    )
    if procedure is None:
        raise NotFound(
            PortalError.PROCEDURE_NOT_ONLINE,
            _("Không tìm thấy thủ tục có dịch vụ công trực tuyến."),
        )
    return procedure


def online_fees(procedure: Procedure, agency: Unit | None) -> FeeQuote:
    """Fees and charges of applying online to `agency`, as the bank will be asked."""
    return fee_quote(procedure, online=True, agency=agency)


def province_of(unit: Unit) -> str:
    """The path of the unit's root (its province)."""
    return "/" + unit.path.strip("/").split("/")[0] + "/"


def deciding_agencies(procedure: Procedure, address_unit_id: int | None) -> list[Unit]:
    """Agencies with an active process for the procedure, in the citizen's province.

    Without a known address every province's agencies are offered.
    """
    with_steps = Process.objects.filter(
        procedure=procedure, agency=OuterRef("pk"), is_active=True, steps__isnull=False
    )
    agencies = Unit.objects.filter(Exists(with_steps), is_active=True)
    if address_unit_id is not None:
        home = Unit.objects.filter(pk=address_unit_id).first()
        if home is not None:
            agencies = agencies.filter(path__startswith=province_of(home))
    return list(agencies.order_by("path"))


def default_agency(agencies: list[Unit], address_unit_id: int | None) -> Unit | None:
    """The agency nearest the citizen's address: the address unit or an ancestor."""
    if address_unit_id is None:
        return agencies[0] if len(agencies) == 1 else None
    home = Unit.objects.filter(pk=address_unit_id).first()
    if home is None:
        return None
    candidates = [a for a in agencies if home.path.startswith(a.path)]
    # The deepest ancestor: the commune before the province.
    return max(candidates, key=lambda a: a.depth, default=None)


def service_centre_for(agency: Unit) -> Unit:
    """Where an online dossier for `agency` is received: the nearest centre.

    A commune's own centre; for a department, the centre of its province.
    """
    ids = [int(part) for part in agency.path.strip("/").split("/") if part]
    centres = {
        c.parent_id: c
        for c in Unit.objects.filter(
            parent_id__in=ids, kind=UnitKind.SERVICE_CENTRE, is_active=True
        ).order_by("pk")
    }
    for unit_id in reversed(ids):
        if unit_id in centres:
            return centres[unit_id]
    raise InvalidInput(
        PortalError.NO_SERVICE_CENTRE,
        _("Cơ quan đã chọn chưa có Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ."),
    )


def application_for_user(user: User, pk: int, *, for_update: bool = False) -> Application:
    found = Application.objects.filter(pk=pk, applicant=user)
    if for_update:
        found = found.select_for_update(of=("self",))
    application = found.select_related("procedure", "agency").first()
    if application is None:
        raise NotFound(PortalError.APPLICATION_NOT_FOUND, _("Không tìm thấy hồ sơ nháp."))
    return application


def dossier_for_applicant(user: User, pk: int) -> Dossier:
    """The user's own online dossier; NotFound for anyone else's."""
    dossier = (
        Dossier.objects.filter(pk=pk, applicant_user=user)
        .select_related("procedure", "agency", "receiving_unit", "current_step", "current_unit")
        .first()
    )
    if dossier is None:
        raise NotFound(PortalError.DOSSIER_NOT_FOUND, _("Không tìm thấy hồ sơ."))
    return dossier


def stored_result_for_user(user: User, pk: int) -> StoredResult:
    found = StoredResult.objects.filter(pk=pk, user=user).first()
    if found is None:
        raise NotFound(PortalError.RESULT_NOT_FOUND, _("Không tìm thấy giấy tờ trong kho."))
    return found


def stored_results(user: User) -> QuerySet[StoredResult]:
    return StoredResult.objects.filter(user=user).select_related("dossier__procedure")


def result_downloadable(dossier: Dossier) -> bool:
    """The result file may go to the citizen online.

    Only a finished or returned dossier, and only where the procedure is
    offered "toàn trình" or the result was actually returned online.
    """
    return (
        bool(dossier.result_file)
        and dossier.status in (DossierStatus.FINISHED, DossierStatus.RETURNED)
        and (
            dossier.procedure.online_class == OnlineClass.FULL
            or dossier.return_method == ReturnMethod.ONLINE
        )
    )


def pending_withdrawals(dossier: Dossier) -> list[WithdrawalRequest]:
    return list(
        WithdrawalRequest.objects.filter(dossier=dossier, handled_at__isnull=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class MyDossiers:
    drafts: list[Application]
    dossiers: list[Dossier]


def my_dossiers(user: User) -> MyDossiers:
    """The citizen's drafts and dossiers, newest first, in two queries."""
    drafts = list(
        Application.objects.filter(applicant=user, status=ApplicationStatus.DRAFT)
        .select_related("procedure", "agency")
        .order_by("-updated_at", "-pk")
    )
    dossiers = list(
        Dossier.objects.filter(applicant_user=user)
        .select_related("procedure", "agency")
        .order_by("-created_at", "-pk")
    )
    return MyDossiers(drafts=drafts, dossiers=dossiers)

"""A dossier's page for the staff who handle it, with the action panel."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.onestop.dossiers.actions import available_actions
from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover, ReturnMethod
from egov.onestop.dossiers.scan_checks import SCAN_CHECK
from egov.onestop.dossiers.selectors import dossier_for_user
from egov.onestop.dossiers.services.reads import log_personal_data_read
from egov.onestop.dossiers.services.result_signing import RESULT_PURPOSE
from egov.onestop.payments.selectors import paid_lines
from egov.platform.accounts.access import request_user
from egov.platform.audit.selectors import events_for_target
from egov.platform.core.errors import NotFound
from egov.platform.core.responses import not_found
from egov.platform.signatures.checks import check_for, checks_for

# The printable forms of Circular 03/2025/TT-VPCP (built by the printing app).
PRINTABLE_FORMS = [
    ("01", _("Phiếu tiếp nhận và hẹn trả kết quả")),
    ("02", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
    ("03", _("Phiếu từ chối tiếp nhận")),
    ("04", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")),
    ("05", _("Thông báo dừng xử lý")),
    ("06", _("Phiếu kiểm soát quá trình giải quyết")),
]


# The slip the reception form's "Lưu và in phiếu" asked for: {"dossier": pk,
# "form": "01"}; the dossier's page opens it in a new tab once.
PRINT_SLIP = "dossiers.print_slip"


def _slip_to_print(request: HttpRequest, dossier: Dossier) -> dict[str, str] | None:
    """The slip to open now (taken from the session: a reload opens nothing)."""
    wanted = request.session.get(PRINT_SLIP)
    if not isinstance(wanted, dict) or wanted.get("dossier") != dossier.pk:
        return None
    del request.session[PRINT_SLIP]
    number = str(wanted.get("form", ""))
    name = dict(PRINTABLE_FORMS).get(number)
    if name is None:
        return None
    url = reverse("printing:dossier_form", kwargs={"pk": dossier.pk, "number": number})
    return {"number": number, "name": str(name), "url": url}


HANDOVER_LABELS = {
    "accept": _("Tiếp nhận"),
    "forward": _("Chuyển xử lý"),
    "approve": _("Phê duyệt"),
    "return": _("Trả lại bước trước"),
    "refuse": _("Từ chối giải quyết"),
    "deliver": _("Trả kết quả"),
}


def _handover_label(handover: Handover) -> str:
    return str(HANDOVER_LABELS.get(handover.action, handover.action))


def _reason_actions(dossier: Dossier) -> list[tuple[str, str]]:
    refuse = (
        _("Từ chối tiếp nhận") if dossier.status == DossierStatus.NEW else _("Từ chối giải quyết")
    )
    return [
        ("refuse", str(refuse)),
        ("withdraw", str(_("Công dân rút hồ sơ"))),
        ("stop", str(_("Dừng xử lý"))),
    ]


@login_required
@require_GET
def dossier_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        dossier = dossier_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    log_personal_data_read(actor=user, dossier=dossier, where="dossier_page")
    supplements = list(dossier.supplements.select_related("requested_by", "received_by"))
    apologies = list(dossier.apologies.select_related("issued_by"))
    applicable = {
        "01": dossier.code is not None,
        "02": bool(supplements),
        "03": dossier.status == DossierStatus.NOT_ACCEPTED,
        "04": bool(apologies),
        "05": dossier.status == DossierStatus.STOPPED,
        "06": dossier.code is not None,
    }
    handovers = [
        (h, _handover_label(h))
        for h in dossier.handovers.select_related(
            "from_step", "to_step", "from_user", "to_user", "to_unit"
        ).order_by("at", "pk")
    ]
    documents = list(dossier.documents.order_by("pk"))
    # The signature checks of the scans (citizens' signed PDFs) and of the
    # result: one query each, whatever the number of documents.
    checks = checks_for(SCAN_CHECK, [d.pk for d in documents])
    return render(
        request,
        "dossiers/detail.html",
        {
            "dossier": dossier,
            "documents": [(d, checks.get(d.pk)) for d in documents],
            "result_check": check_for(RESULT_PURPOSE, dossier.pk) if dossier.result_file else None,
            "handovers": handovers,
            "supplements": supplements,
            "consultations": dossier.consultations.select_related(
                "unit", "requested_by", "answered_by"
            ),
            "apologies": apologies,
            # Reads are in the trail (admin); the page shows what changed.
            "events": events_for_target(
                dossier, limit=50, exclude_types=("dossiers.personal_data_read",)
            ),
            "actions": available_actions(user, dossier),
            "paid_payments": paid_lines(dossier),
            "return_methods": ReturnMethod.choices,
            "reason_actions": _reason_actions(dossier),
            "printable_forms": [f for f in PRINTABLE_FORMS if applicable[f[0]]],
            "print_slip": _slip_to_print(request, dossier),
            "today": timezone.localdate(),
        },
    )

"""The internal audit report as PDF (báo cáo đánh giá nội bộ; ISO 19011:2018 clause 6.5.1).

Read from the audit itself: scope (the editions audited), auditors, the
checklist with verdicts and evidence, the findings and the conclusion. Anyone
who sees the audit may print it; printing changes nothing.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from egov.onestop.quality.audits.selectors import audit_for_user
from egov.onestop.quality.printing import renderer
from egov.platform.accounts.access import request_user
from egov.platform.core.errors import NotFound
from egov.platform.core.responses import not_found


@login_required
@require_GET
def audit_pdf(request: HttpRequest, audit_id: int) -> HttpResponse:
    try:
        audit = audit_for_user(request_user(request), audit_id)
    except NotFound:
        return not_found(request, None)
    context = {
        "audit": audit,
        "agency": audit.programme.agency,
        "scope": list(audit.scope.order_by("code")),
        "auditors": list(audit.auditors.order_by("full_name", "pk")),
        "checklist": list(audit.checklist.select_related("procedure").order_by("position")),
        "findings": list(audit.findings.order_by("number")),
        "printed_on": timezone.localdate(),
    }
    response = HttpResponse(renderer.pdf("audit.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="danh-gia-noi-bo-{audit.pk}.pdf"'
    return response

"""The staff page of an internal process: its diagram and its steps."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from egov.onestop.procedures.diagram import allowance_text, render_process_svg
from egov.onestop.procedures.models import StepTransition
from egov.onestop.procedures.processes import process_for_user
from egov.platform.accounts.access import request_user
from egov.platform.core.errors import NotFound


@login_required
def process_detail(request: HttpRequest, process_id: int) -> HttpResponse:
    """Visible to staff who can see the agency; anyone else gets 404, never 403."""
    try:
        process = process_for_user(request_user(request), process_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    transitions = Prefetch(
        "transitions", queryset=StepTransition.objects.select_related("target").order_by("pk")
    )
    steps = list(
        process.steps.select_related("unit", "external_agency")
        .prefetch_related(transitions)
        .order_by("position")
    )
    total = sum((step.allowance_hours for step in steps), Decimal(0))
    return render(
        request,
        "procedures/process_detail.html",
        {
            "process": process,
            "steps": [(step, allowance_text(step.allowance_hours)) for step in steps],
            "total": allowance_text(total) if steps else "",
            "diagram": render_process_svg(process),
        },
    )

"""The web shell: home, login, a unit's home page, the due-date calculator."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.platform.accounts.access import request_user, visible_units
from egov.platform.accounts.models import AccountKind, Membership, User
from egov.platform.audit.selectors import events_for_target
from egov.platform.core.errors import DomainError
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit
from egov.platform.organisation.selectors import ancestors, children, unit_for_user, unit_staff
from egov.platform.web.forms import LoginForm
from egov.platform.workcalendar.deadlines import due_at
from egov.platform.workcalendar.parsing import parse_amount, parse_start


def _user(request: HttpRequest) -> User:
    return request_user(request)


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "web/home_public.html", {"now": timezone.localtime()})
    user = _user(request)
    memberships = list(
        Membership.objects.filter(user=user, unit__is_active=True)
        .select_related("unit")
        .order_by("unit__path", "role")
    )
    unit_ids = {m.unit_id for m in memberships}
    if user.kind == AccountKind.STAFF and len(unit_ids) == 1:
        return redirect("web:unit", unit_id=unit_ids.pop())
    return render(
        request,
        "web/home_user.html",
        {"memberships": memberships, "now": timezone.localtime()},
    )


class EgovLoginView(auth_views.LoginView):
    template_name = "web/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class EgovLogoutView(auth_views.LogoutView):
    pass


@login_required
def unit_home(request: HttpRequest, unit_id: int) -> HttpResponse:
    user = _user(request)
    try:
        unit = unit_for_user(user, unit_id)
    except DomainError:
        return not_found(request, None)
    roles = Membership.objects.filter(user=user, unit=unit).order_by("role")
    return render(
        request,
        "web/unit.html",
        {
            "unit": unit,
            "breadcrumbs": [u for u in ancestors(unit) if u.path in _visible_prefixes(user, unit)],
            "children": children(unit),
            "staff": unit_staff(unit),
            "my_roles": roles,
        },
    )


def _visible_prefixes(user: User, unit: Unit) -> set[str]:
    # Ancestors are shown only when the user may see them too.
    ids = [int(p) for p in unit.path.strip("/").split("/") if p]
    return set(visible_units(user).filter(pk__in=ids).values_list("path", flat=True))


@login_required
def unit_trail(request: HttpRequest, unit_id: int) -> HttpResponse:
    try:
        unit = unit_for_user(_user(request), unit_id)
    except DomainError:
        return not_found(request, None)
    return render(request, "web/_trail.html", {"events": events_for_target(unit, limit=20)})


@require_GET
def due_calculator(request: HttpRequest) -> HttpResponse:
    """Show the appointment date for a start moment and a duration."""
    context: dict[str, object] = {}
    try:
        start = parse_start(request.GET.get("start", ""))
        amount = parse_amount(request.GET.get("amount", ""))
        if request.GET.get("unit") == "hours":
            context["due"] = due_at(start, working_hours=amount)
        else:
            context["due"] = due_at(start, working_days=amount)
    except DomainError as exc:
        context["error"] = exc.message
    status = 200 if "due" in context else 422
    template = "web/_due.html" if request.htmx else "web/due_page.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "server_error", "message": _("Lỗi hệ thống. Vui lòng thử lại sau.")},
            status=500,
        )
    return render(request, "web/500.html", status=500)

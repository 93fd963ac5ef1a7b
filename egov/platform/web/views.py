"""The web shell: home, login, a unit's home page, the due-date calculator."""

from __future__ import annotations

import re
from datetime import datetime

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.platform.accounts.access import request_user, visible_units
from egov.platform.accounts.models import AccountKind, Membership, Role, User
from egov.platform.accounts.twofactor import has_device, start_pending_login
from egov.platform.audit.selectors import events_for_target
from egov.platform.core.errors import DomainError, InvalidInput
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit
from egov.platform.organisation.selectors import ancestors, children, unit_for_user, unit_staff
from egov.platform.web.forms import LoginForm
from egov.platform.workcalendar.deadlines import VN_TZ, due_at
from egov.platform.workcalendar.errors import CalendarError
from egov.platform.workcalendar.parsing import parse_amount, parse_start


def _user(request: HttpRequest) -> User:
    return request_user(request)


# Whose work is the dashboard: leaders and heads follow their units' figures.
_DASHBOARD_ROLES = frozenset({Role.LEADER, Role.HEAD})
# Whose work is the dossier inbox.
_INBOX_ROLES = frozenset({Role.RECEPTION, Role.SPECIALIST, Role.CLERK})


def landing_url(user: User) -> str:
    """Where a signed-in person starts: their own work, never a dead end.

    Citizens and businesses: their dossiers; leaders and heads: the
    dashboard; other officers: their inbox; an administrator without a
    dossier role: their unit's page.
    """
    if user.kind != AccountKind.STAFF:
        return reverse("portal:mine")
    memberships = list(
        Membership.objects.filter(user=user, unit__is_active=True)
        .order_by("unit__path", "role")
        .values_list("unit_id", "role")
    )
    roles = {role for _unit, role in memberships}
    if roles & _DASHBOARD_ROLES:
        return reverse("reports:dashboard")
    if roles & _INBOX_ROLES:
        return reverse("dossiers:inbox")
    if memberships:
        return reverse("web:unit", kwargs={"unit_id": memberships[0][0]})
    if user.is_superuser:
        # The Django admin is the platform operators' only (admin_app.py).
        return reverse("admin:index")
    return reverse("web:home")


def home(request: HttpRequest) -> HttpResponse:
    """The public front page, the same for everyone; "Trang của tôi" leads to one's work."""
    return render(request, "web/home_public.html", {"now": timezone.localtime()})


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    return redirect(landing_url(_user(request)))


class EgovLoginView(auth_views.LoginView):
    template_name = "web/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return landing_url(_user(self.request))

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        # A user with an authenticator app is not logged in yet: the code
        # page finishes the login (web/twofactor.py).
        user = form.get_user()
        if has_device(user):
            return start_pending_login(self.request, user, self.get_redirect_url())
        return super().form_valid(form)


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
    context: dict[str, object] = {
        "start_text": request.GET.get("start") or timezone.localtime().strftime("%d/%m/%Y %H:%M")
    }
    if "start" not in request.GET and "amount" not in request.GET:
        # Opened from the menu: the form alone, no complaint before any input.
        template = "web/_due.html" if request.htmx else "web/due_page.html"  # type: ignore[attr-defined]
        return render(request, template, context)
    try:
        start = _parse_web_start(request.GET.get("start", ""))
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


_VN_MOMENT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ ,]+(\d{1,2})[:h](\d{2}))?")


def _parse_web_start(value: str) -> datetime:
    """People type "13/02/2026 09:00" (or just the date, read as 07:30, the day's start)."""
    text = value.strip()
    found = _VN_MOMENT.fullmatch(text)
    if found is None:
        if "/" in text:
            raise _bad_start()
        try:
            return parse_start(text)
        except DomainError as exc:
            raise _bad_start() from exc
    day, month, year, hour, minute = found.groups()
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour) if hour else 7,
            int(minute) if minute else 30,
            tzinfo=VN_TZ,
        )
    except ValueError as exc:
        raise _bad_start() from exc


def _bad_start() -> InvalidInput:
    return InvalidInput(
        CalendarError.INVALID_START,
        _(
            "Thời điểm tiếp nhận không đúng định dạng ngày/tháng/năm giờ:phút"
            " (ví dụ 13/02/2026 09:00)."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "server_error", "message": _("Lỗi hệ thống. Vui lòng thử lại sau.")},
            status=500,
        )
    return render(request, "web/500.html", status=500)

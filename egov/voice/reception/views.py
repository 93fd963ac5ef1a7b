"""The reception register (staff) and the leaders' reception days (public schedule)."""

from __future__ import annotations

import calendar
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from egov.platform.accounts.access import has_role_over, request_user
from egov.platform.accounts.models import AccountKind, Role, User
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit
from egov.voice.reception import frequency, register_form, selectors, services
from egov.voice.reception.models import Handling, Matter, Reception, ReceptionDay, ReceptionKind


class VisitForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Cơ quan"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=gettext_lazy("Hình thức tiếp"), choices=ReceptionKind.choices)
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=300)
    citizen_name = forms.CharField(
        label=gettext_lazy("Họ tên công dân / người đại diện"), max_length=150
    )
    citizen_id_number = forms.CharField(
        label=gettext_lazy("Số định danh"), max_length=12, required=False
    )
    citizen_address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=300, required=False)
    people = forms.IntegerField(
        label=gettext_lazy("Số người"), min_value=1, max_value=1000, initial=1
    )
    representatives = forms.CharField(
        label=gettext_lazy("Người đại diện khác của đoàn (mỗi dòng một người)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    matter = forms.ChoiceField(label=gettext_lazy("Loại việc"), choices=Matter.choices)
    content = forms.CharField(
        label=gettext_lazy("Nội dung"), widget=forms.Textarea(attrs={"rows": 3})
    )
    handling = forms.ChoiceField(label=gettext_lazy("Hướng xử lý"), choices=Handling.choices)
    lead_unit = forms.CharField(
        label=gettext_lazy("Cơ quan chủ trì"), max_length=300, required=False
    )
    coordinating_units = forms.CharField(
        label=gettext_lazy("Cơ quan phối hợp"), max_length=300, required=False
    )
    deadline = forms.DateField(label=gettext_lazy("Thời hạn"), required=False)
    result = forms.CharField(label=gettext_lazy("Kết quả"), required=False)
    wants_leader = forms.BooleanField(label=gettext_lazy("Đề nghị gặp lãnh đạo"), required=False)
    appointment = forms.DateTimeField(label=gettext_lazy("Lịch hẹn gặp lãnh đạo"), required=False)
    petition_code = forms.CharField(
        label=gettext_lazy("Số đơn đã vào sổ"), max_length=12, required=False
    )

    def visit(self) -> services.Visit:
        data = {k: v for k, v in self.cleaned_data.items() if k != "unit"}
        data["representatives"] = tuple(data["representatives"].splitlines())
        return services.Visit(**data)


def _staff(request: HttpRequest) -> tuple[User, list[Unit]]:
    user = request_user(request)
    if user.kind != AccountKind.STAFF:
        raise Http404
    units = list(
        Unit.objects.filter(
            memberships__user=user, memberships__role__in=services.RECEIVERS, is_active=True
        ).distinct()
    )
    if not units:
        raise Http404
    return user, units


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    user, units = _staff(request)
    form = VisitForm(request.POST or None)
    field = form.fields["unit"]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
    field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.record_reception(
                actor=user, unit=form.cleaned_data["unit"], visit=form.visit()
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = 422
        else:
            messages.success(request, _("Đã vào sổ tiếp công dân."))
            return HttpResponseRedirect(reverse("reception:register"))
    elif request.method == "POST":
        status = 422
    paths = [u.path for u in units]
    rows = [
        (r, services.shown_citizen(r), services.shown_representatives(r))
        for r in Reception.objects.select_related("unit", "officer", "petition")[:500]
        if any(r.unit.path.startswith(p) for p in paths)
    ][:200]
    context = {"form": form, "rows": rows, "units": units}
    return render(request, "reception/register.html", context, status=status)


def schedule(request: HttpRequest) -> HttpResponse:
    """Public: the leaders' coming reception days (names, units and places are public)."""
    days = ReceptionDay.objects.filter(date__gte=timezone.localdate()).select_related(
        "unit", "leader"
    )[:100]
    return render(request, "reception/schedule.html", {"days": days})


@login_required
@require_POST
def schedule_add(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    post = request.POST
    unit = Unit.objects.filter(
        pk=int(post["unit"]) if post.get("unit", "").isdigit() else 0
    ).first()
    leader = User.objects.filter(
        pk=int(post["leader"]) if post.get("leader", "").isdigit() else 0
    ).first()
    try:
        day = date.fromisoformat(post.get("date", ""))
    except ValueError:
        day = None
    if unit is None or leader is None or day is None:
        raise Http404
    try:
        services.schedule_day(
            actor=user, unit=unit, leader=leader, day=day, place=post.get("place", "")
        )
    except DomainError as error:
        if error.status == 403:
            raise Http404 from None
        messages.error(request, error.message)
    if request.POST.get("back") == "calendar":
        return HttpResponseRedirect(
            reverse("reception:calendar", kwargs={"unit_id": unit.pk}) + f"?thang={day:%Y-%m}"
        )
    return HttpResponseRedirect(reverse("reception:schedule"))


def _month(request: HttpRequest) -> tuple[int, int] | None:
    """`?thang=YYYY-MM` (this month when absent); None when it is not a month."""
    raw = request.GET.get("thang", "").strip()
    if not raw:
        today = timezone.localdate()
        return today.year, today.month
    try:
        first = date.fromisoformat(f"{raw}-01")
    except ValueError:
        return None
    return first.year, first.month


def _month_nav(year: int, month: int) -> dict[str, str]:
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return {
        "current": f"{month:02d}/{year}",
        "previous": f"{previous:%Y-%m}",
        "next": f"{following:%Y-%m}",
    }


BAD_MONTH = gettext_lazy("Tháng không hợp lệ: nhập theo dạng năm-tháng, ví dụ 2026-12.")


def calendar_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Public: a body's leaders' regular reception days in a month, and the rule they follow."""
    unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
    if unit is None:
        raise Http404
    chosen = _month(request)
    status = 200 if chosen is not None else 422
    today = timezone.localdate()
    year, month = chosen or (today.year, today.month)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    days = ReceptionDay.objects.filter(unit=unit, date__range=(first, last)).select_related(
        "leader"
    )
    leaders: list[User] = []
    user = request.user
    if isinstance(user, User) and has_role_over(user, unit, services.SCHEDULERS):
        leaders = list(
            User.objects.filter(
                memberships__unit=unit,
                memberships__role__in=(Role.LEADER, Role.HEAD),
                is_active=True,
            )
            .distinct()
            .order_by("full_name", "pk")
        )
    context = {
        "unit": unit,
        "days": days,
        "rule": frequency.frequency_for(unit),
        "nav": _month_nav(year, month),
        "leaders": leaders,
        "error": BAD_MONTH if chosen is None else "",
    }
    return render(request, "reception/calendar.html", context, status=status)


@login_required
def check(request: HttpRequest) -> HttpResponse:
    """Staff: the leaders whose regular reception days fell short of the rule in a month."""
    user = request_user(request)
    units = selectors.units_checked_by(user)
    if not units:
        raise Http404
    raw = request.GET.get("don-vi", "")
    unit = units[0]
    if raw:
        chosen_unit = Unit.objects.filter(pk=int(raw) if raw.isdigit() else 0).first()
        if chosen_unit is None or not any(chosen_unit.path.startswith(u.path) for u in units):
            raise Http404
        unit = chosen_unit
    chosen = _month(request)
    today = timezone.localdate()
    year, month = chosen or (today.year, today.month)
    result = frequency.check_month(unit=unit, year=year, month=month, today=today)
    context = {
        "result": result,
        "units": units,
        "unit": unit,
        "nav": _month_nav(year, month),
        "error": BAD_MONTH if chosen is None else "",
    }
    return render(
        request, "reception/check.html", context, status=200 if chosen is not None else 422
    )


class OutcomeForm(forms.Form):
    result = forms.CharField(
        label=gettext_lazy("Kết quả"), widget=forms.Textarea(attrs={"rows": 3})
    )
    petition_code = forms.CharField(
        label=gettext_lazy("Số đơn đã vào sổ"), max_length=12, required=False
    )


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, reception: int) -> HttpResponse:
    """One line of the register: what the reception led to and the petitions on its matter."""
    user = request_user(request)
    try:
        line = selectors.reception_for_staff(user, reception)
    except DomainError:
        raise Http404 from None
    form = OutcomeForm(request.POST or None, initial={"result": line.result})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(
                actor=user,
                reception=line,
                result=form.cleaned_data["result"],
                petition_code=form.cleaned_data["petition_code"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = 422
        else:
            messages.success(request, _("Đã ghi kết quả tiếp công dân."))
            return HttpResponseRedirect(reverse("reception:detail", args=[line.pk]))
    elif request.method == "POST":
        status = 422
    masked = line.matter == Matter.DENUNCIATION
    context = {
        "r": line,
        "citizen": services.shown_citizen(line),
        "representatives": services.shown_representatives(line),
        "masked": masked,
        "petitions": selectors.linked_petitions(line),
        "form": form,
    }
    return render(request, "reception/detail.html", context, status=status)


@login_required
def register_pdf(request: HttpRequest) -> HttpResponse:
    """The month's register of one body as the printed book (register_form.py)."""
    user = request_user(request)
    units = selectors.units_checked_by(user)
    if not units:
        raise Http404
    raw = request.GET.get("don-vi", "")
    unit = units[0]
    if raw:
        chosen_unit = Unit.objects.filter(pk=int(raw) if raw.isdigit() else 0).first()
        if chosen_unit is None:
            raise Http404
        unit = chosen_unit
    chosen = _month(request)
    if chosen is None:
        return HttpResponse(str(BAD_MONTH), status=422, content_type="text/plain; charset=utf-8")
    try:
        document = register_form.register_pdf(
            actor=user, unit=unit, year=chosen[0], month=chosen[1]
        )
    except DomainError:
        raise Http404 from None
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="so-tiep-cong-dan-{chosen[0]}-{chosen[1]:02d}.pdf"'
    )
    return response

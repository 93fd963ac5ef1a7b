"""The reception register (staff) and the leaders' reception days (public schedule)."""

from __future__ import annotations

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

from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit
from egov.voice.reception import services
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
        (r, services.shown_citizen(r))
        for r in Reception.objects.select_related("unit", "officer", "petition")[:500]
        if any(r.unit.path.startswith(p) for p in paths)
    ][:200]
    return render(request, "reception/register.html", {"form": form, "rows": rows}, status=status)


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
    return HttpResponseRedirect(reverse("reception:schedule"))

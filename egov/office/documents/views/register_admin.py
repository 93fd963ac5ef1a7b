"""A unit's registers, managed by its administrator at /quan-tri-don-vi/so-van-ban/ (issue 19).

The rules and the audit are in services/register_admin.py. A register
outside the administrator's subtree, or these pages for someone who
administers nothing, answer 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import Direction, Register
from egov.office.documents.services.register_admin import (
    MAX_NAME,
    close_register,
    create_register,
    rename_register,
    reopen_register,
)
from egov.platform.accounts.access import request_user
from egov.platform.accounts.administration import administered_roots, administered_units
from egov.platform.accounts.models import User
from egov.platform.core.choices import CHOICE_ERRORS
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found


class _BodyChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    pass


class RenameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên sổ"),
        max_length=MAX_NAME,
        error_messages={
            "required": gettext_lazy("Hãy nhập tên sổ."),
            "max_length": gettext_lazy("Tên sổ dài quá %(limit_value)d ký tự."),
        },
    )


class RegisterForm(RenameForm):
    body = _BodyChoice(label=gettext_lazy("Cơ quan"), queryset=None, error_messages=CHOICE_ERRORS)
    year = forms.TypedChoiceField(
        label=gettext_lazy("Năm"), coerce=int, error_messages=CHOICE_ERRORS
    )
    direction = forms.ChoiceField(
        label=gettext_lazy("Loại sổ"), choices=Direction.choices, error_messages=CHOICE_ERRORS
    )
    confidential = forms.BooleanField(label=gettext_lazy("Sổ văn bản mật"), required=False)

    field_order = ["body", "year", "direction", "name", "confidential"]

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body: _BodyChoice = self.fields["body"]  # type: ignore[assignment]
        body.queryset = administered_units(actor).filter(is_active=True)
        this_year = timezone.localdate().year
        year: forms.TypedChoiceField = self.fields["year"]  # type: ignore[assignment]
        year.choices = [(this_year, str(this_year)), (this_year + 1, str(this_year + 1))]


def _registers(actor: User, year: int) -> list[Register]:
    return list(
        Register.objects.filter(body__in=administered_units(actor), year=year)
        .select_related("body", "closed_by")
        .order_by("body__path", "direction", "confidential", "name", "pk")
    )


def _register_for_admin(actor: User, register_id: int) -> Register:
    register = (
        Register.objects.filter(pk=register_id, body__in=administered_units(actor))
        .select_related("body")
        .first()
    )
    if register is None:
        raise NotFound(OfficeError.REGISTER_NOT_FOUND, _("Không tìm thấy sổ văn bản."))
    return register


def _year(request: HttpRequest) -> int:
    value = request.GET.get("nam", "")
    return (
        int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year
    )


def _list_page(
    request: HttpRequest, actor: User, form: RegisterForm, status: int = 200
) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "office/register_admin/registers.html",
        {"registers": _registers(actor, year), "year": year, "form": form},
        status=status,
    )


def _form_error(form: forms.Form, error: DomainError) -> None:
    fields = (error.details or {}).get("fields", {})
    placed = False
    for name, errors in fields.items():
        if name in form.fields:
            for message in errors:
                form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)


@login_required
def registers(request: HttpRequest) -> HttpResponse:
    """GET: the registers of a year (?nam=); POST: create one."""
    actor = request_user(request)
    if not administered_roots(actor):
        return not_found(request, None)
    if request.method != "POST":
        return _list_page(request, actor, RegisterForm(actor=actor))
    form = RegisterForm(request.POST, actor=actor)
    if form.is_valid():
        data = form.cleaned_data
        try:
            register = create_register(
                actor=actor,
                body=data["body"],
                year=data["year"],
                direction=Direction(data["direction"]),
                name=data["name"],
                confidential=data["confidential"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Đã mở sổ «%(name)s».") % {"name": register.name})
            return redirect("office-admin:register", register_id=register.pk)
    return _list_page(request, actor, form, status=400)


def _detail_page(
    request: HttpRequest, register: Register, form: RenameForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "office/register_admin/register.html",
        {"register": register, "form": form, "this_year": timezone.localdate().year},
        status=status,
    )


@login_required
def register_detail(request: HttpRequest, register_id: int) -> HttpResponse:
    """GET: the register; POST: rename it."""
    actor = request_user(request)
    try:
        register = _register_for_admin(actor, register_id)
    except NotFound:
        return not_found(request, None)
    if request.method != "POST":
        return _detail_page(request, register, RenameForm(initial={"name": register.name}))
    form = RenameForm(request.POST)
    if form.is_valid():
        try:
            rename_register(actor=actor, register=register, name=form.cleaned_data["name"])
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Đã đổi tên sổ."))
            return redirect("office-admin:register", register_id=register.pk)
    return _detail_page(request, register, form, status=400)


def _switch(request: HttpRequest, register_id: int, *, close: bool) -> HttpResponse:
    actor = request_user(request)
    try:
        register = _register_for_admin(actor, register_id)
    except NotFound:
        return not_found(request, None)
    try:
        if close:
            close_register(actor=actor, register=register)
            messages.success(request, _("Đã khóa sổ."))
        else:
            reopen_register(actor=actor, register=register)
            messages.success(request, _("Đã mở lại sổ."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("office-admin:register", register_id=register.pk)


@login_required
@require_POST
def close(request: HttpRequest, register_id: int) -> HttpResponse:
    return _switch(request, register_id, close=True)


@login_required
@require_POST
def reopen(request: HttpRequest, register_id: int) -> HttpResponse:
    return _switch(request, register_id, close=False)

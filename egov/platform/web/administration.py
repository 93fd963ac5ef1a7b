"""Delegated administration pages at /quan-tri-don-vi/ (issue 19).

A unit's administrator manages the accounts and roles of their own subtree;
the rules are in egov/platform/accounts/administration.py and every change
goes through the account services, which audit it. Accounts and roles the
administrator does not administer answer 404, as if they did not exist.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from egov.platform.accounts.access import request_user
from egov.platform.accounts.administration import (
    account_for_admin,
    account_roles,
    administered_accounts,
    administered_roots,
    administered_units,
    membership_for_admin,
)
from egov.platform.accounts.models import Role, User
from egov.platform.accounts.services import (
    create_staff_account,
    deactivate_account,
    grant_role,
    reactivate_account,
    revoke_role,
)
from egov.platform.core.collation import vietnamese_key
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit


class _UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    # Django's own message has no Vietnamese translation.
    default_error_messages = {
        "invalid_choice": gettext_lazy("Đơn vị này không thuộc phạm vi bạn quản trị.")
    }
    # The depth of the administrator's top unit: it is shown flush left.
    base_depth = 0

    def label_from_instance(self, obj: Any) -> str:
        unit: Unit = obj
        # Indented by depth, so the subtree reads as a tree in the list.
        return "\u2003" * max(unit.depth - self.base_depth, 0) + unit.name


class RoleForm(forms.Form):
    unit = _UnitChoice(label=gettext_lazy("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(
        label=gettext_lazy("Vai trò"),
        choices=Role.choices,
        error_messages={"invalid_choice": gettext_lazy("Vai trò không có trong danh sách.")},
    )
    title = forms.CharField(label=gettext_lazy("Chức danh"), max_length=150, required=False)

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: _UnitChoice = self.fields["unit"]  # type: ignore[assignment]
        field.queryset = administered_units(actor).filter(is_active=True)
        field.base_depth = min((root.depth for root in administered_roots(actor)), default=0)


class AccountForm(RoleForm):
    username = forms.CharField(label=gettext_lazy("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=16, required=False)
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu ban đầu"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    field_order = ["username", "full_name", "email", "phone", "password", "unit", "role", "title"]


def _form_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal on the field it names, else on the whole form."""
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
def overview(request: HttpRequest) -> HttpResponse:
    """What the signed-in person administers: their units and the accounts in them."""
    actor = request_user(request)
    roots = administered_roots(actor)
    accounts = sorted(
        administered_accounts(actor).prefetch_related("memberships__unit"),
        key=lambda account: vietnamese_key(account.display_name),
    )
    return render(
        request,
        "web/administration/overview.html",
        {
            "roots": roots,
            "units": list(administered_units(actor)),
            "accounts": accounts,
        },
    )


@login_required
def new_account(request: HttpRequest) -> HttpResponse:
    actor = request_user(request)
    if not administered_roots(actor):
        return not_found(request, None)
    form = AccountForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = create_staff_account(
                actor=actor,
                username=data["username"],
                password=data["password"],
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                unit=data["unit"],
                role=Role(data["role"]),
                title=data["title"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Đã tạo tài khoản %(name)s.") % {"name": account})
            return redirect("web:administration-account", account_id=account.pk)
    status = 400 if form.errors else 200
    return render(request, "web/administration/new_account.html", {"form": form}, status=status)


def _account_page(
    request: HttpRequest,
    actor: User,
    account: User,
    form: RoleForm,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    template = (
        "web/administration/_roles.html"
        if request.htmx  # type: ignore[attr-defined]
        else "web/administration/account.html"
    )
    return render(
        request,
        template,
        {"account": account, "roles": list(account_roles(account)), "form": form, "error": error},
        status=status,
    )


def _refused(request: HttpRequest) -> int:
    # htmx swaps 422 answers in (the htmx-config of web/base.html), not 400.
    return 422 if request.htmx else 400  # type: ignore[attr-defined]


@login_required
def account_detail(request: HttpRequest, account_id: int) -> HttpResponse:
    actor = request_user(request)
    try:
        account = account_for_admin(actor, account_id)
    except NotFound:
        return not_found(request, None)
    return _account_page(request, actor, account, RoleForm(actor=actor))


@login_required
@require_POST
def grant(request: HttpRequest, account_id: int) -> HttpResponse:
    actor = request_user(request)
    try:
        account = account_for_admin(actor, account_id)
    except NotFound:
        return not_found(request, None)
    form = RoleForm(request.POST, actor=actor)
    if not form.is_valid():
        return _account_page(request, actor, account, form, status=_refused(request))
    try:
        grant_role(
            actor=actor,
            user=account,
            unit=form.cleaned_data["unit"],
            role=Role(form.cleaned_data["role"]),
            title=form.cleaned_data["title"],
        )
    except DomainError as error:
        _form_error(form, error)
        return _account_page(request, actor, account, form, status=_refused(request))
    if request.htmx:  # type: ignore[attr-defined]
        return _account_page(request, actor, account, RoleForm(actor=actor))
    messages.success(request, _("Đã giao vai trò."))
    return redirect("web:administration-account", account_id=account.pk)


@login_required
@require_POST
def revoke(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = request_user(request)
    try:
        membership = membership_for_admin(actor, membership_id)
        account = account_for_admin(actor, membership.user_id)
    except NotFound:
        return not_found(request, None)
    try:
        revoke_role(actor=actor, membership=membership)
    except DomainError as error:
        if request.htmx:  # type: ignore[attr-defined]
            return _account_page(
                request, actor, account, RoleForm(actor=actor), _refused(request), error.message
            )
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã thu hồi vai trò."))
        if request.htmx:  # type: ignore[attr-defined]
            return _account_page(request, actor, account, RoleForm(actor=actor))
    return redirect("web:administration-account", account_id=account.pk)


def _switch(request: HttpRequest, account_id: int, *, active: bool) -> HttpResponse:
    actor = request_user(request)
    try:
        account = account_for_admin(actor, account_id)
    except NotFound:
        return not_found(request, None)
    try:
        if active:
            reactivate_account(actor=actor, account=account)
            messages.success(request, _("Đã mở khóa tài khoản."))
        else:
            deactivate_account(actor=actor, account=account)
            messages.success(request, _("Đã khóa tài khoản."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("web:administration-account", account_id=account.pk)


@login_required
@require_POST
def deactivate(request: HttpRequest, account_id: int) -> HttpResponse:
    return _switch(request, account_id, active=False)


@login_required
@require_POST
def reactivate(request: HttpRequest, account_id: int) -> HttpResponse:
    return _switch(request, account_id, active=True)

"""The editors of a unit's site, managed by its administrator at /quan-tri-don-vi/cong-thong-tin/.

Issue 19, item 5. The rules and the audit are in site_editors.py; the page
lists, for each site in the administrator's subtree, who edits and approves
it by role (changed on the account's roles) and by naming (added and removed
here). Someone who administers nothing, or a naming outside the subtree,
gets 404.
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
from egov.platform.accounts.administration import administered_accounts, administered_roots
from egov.platform.accounts.models import User
from egov.platform.core.choices import CHOICE_ERRORS
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found
from egov.portal.pages.models import SiteCapacity
from egov.portal.pages.site_editors import (
    administered_sites,
    name_site_editor,
    naming_for_admin,
    remove_site_editor,
    site_units,
)


class _AccountChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        account: User = obj
        return f"{account.display_name} ({account.username})"


class _UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    pass


class NamingForm(forms.Form):
    unit = _UnitChoice(
        label=gettext_lazy("Trang của đơn vị"), queryset=None, error_messages=CHOICE_ERRORS
    )
    account = _AccountChoice(
        label=gettext_lazy("Tài khoản"), queryset=None, error_messages=CHOICE_ERRORS
    )
    capacity = forms.ChoiceField(
        label=gettext_lazy("Vai trò trên trang"),
        choices=SiteCapacity.choices,
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit: _UnitChoice = self.fields["unit"]  # type: ignore[assignment]
        unit.queryset = site_units(actor)
        account: _AccountChoice = self.fields["account"]  # type: ignore[assignment]
        account.queryset = administered_accounts(actor).filter(is_active=True)


def _page(request: HttpRequest, actor: User, form: NamingForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "portal_pages/unit_admin/site_editors.html",
        {"sites": administered_sites(actor), "form": form},
        status=status,
    )


@login_required
def site_editors(request: HttpRequest) -> HttpResponse:
    """GET: the sites and their teams; POST: name an editor or approver."""
    actor = request_user(request)
    if not administered_roots(actor):
        return not_found(request, None)
    if request.method != "POST":
        return _page(request, actor, NamingForm(actor=actor))
    form = NamingForm(request.POST, actor=actor)
    if not form.is_valid():
        return _page(request, actor, form, status=400)
    try:
        name_site_editor(
            actor=actor,
            unit=form.cleaned_data["unit"],
            account=form.cleaned_data["account"],
            capacity=SiteCapacity(form.cleaned_data["capacity"]),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _page(request, actor, form, status=400)
    messages.success(request, _("Đã chỉ định người biên tập trang."))
    return redirect("portal-admin:site-editors")


@login_required
@require_POST
def remove(request: HttpRequest, naming_id: int) -> HttpResponse:
    actor = request_user(request)
    try:
        naming = naming_for_admin(actor, naming_id)
    except NotFound:
        return not_found(request, None)
    try:
        remove_site_editor(actor=actor, naming=naming)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã bỏ chỉ định người biên tập trang."))
    return redirect("portal-admin:site-editors")

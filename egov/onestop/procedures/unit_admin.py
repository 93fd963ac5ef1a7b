"""A unit's internal processes, edited by its administrator at /quan-tri-don-vi/quy-trinh/.

Issue 19, item 5: each unit's administrator manages the internal processes
(quy trình nội bộ) of the agencies in their own subtree, outside the Django
admin, which is for the platform's operators only. The pages are a shell
around the process editor (`process_editor.py`): the same normalised form of
steps, the same validation, and `save_process`, which checks the actor,
audits the change (`procedures.process_saved`) and publishes `ProcessSaved`,
on which the quality system proposes the next edition of the quality
procedure in the same transaction (egov/onestop/quality/subscribers.py).

A process outside the subtree, or any of these pages for someone who
administers nothing, answers 404, as if it did not exist.
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

from egov.onestop.procedures.models import Procedure, Process
from egov.onestop.procedures.process_editor import (
    build_editor,
    definition_data,
    editor_svg,
    normalise,
)
from egov.onestop.procedures.processes import (
    process_definition,
    save_process,
    standard_definition,
)
from egov.onestop.procedures.selectors import administered_processes, process_for_admin
from egov.platform.accounts.access import request_user
from egov.platform.accounts.administration import administered_roots, administered_units
from egov.platform.accounts.models import User
from egov.platform.core.choices import CHOICE_ERRORS
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit


class _Choice(forms.ModelChoiceField):  # type: ignore[type-arg]
    # Django's own message has no Vietnamese translation.
    default_error_messages = CHOICE_ERRORS


class NewProcessForm(forms.Form):
    """Which procedure, at which agency of the administrator's subtree."""

    procedure = _Choice(
        label=gettext_lazy("Thủ tục hành chính"),
        queryset=Procedure.objects.filter(is_active=True).order_by("code"),
    )
    agency = _Choice(label=gettext_lazy("Cơ quan giải quyết"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: _Choice = self.fields["agency"]  # type: ignore[assignment]
        agency.queryset = administered_units(actor).filter(is_active=True)


@login_required
def process_list(request: HttpRequest) -> HttpResponse:
    """The processes of the agencies the signed-in administrator administers."""
    actor = request_user(request)
    roots = administered_roots(actor)
    if not roots:
        return not_found(request, None)
    processes = list(administered_processes(actor))
    return render(
        request,
        "procedures/unit_admin/process_list.html",
        {"roots": roots, "processes": processes, "choose": NewProcessForm(actor=actor)},
    )


@login_required
def new_process(request: HttpRequest) -> HttpResponse:
    """A new process from the common four steps, for ?procedure= at ?agency=."""
    actor = request_user(request)
    if not administered_roots(actor):
        return not_found(request, None)
    choose = NewProcessForm(request.GET or None, actor=actor)
    if not choose.is_valid():
        status = 400 if choose.errors else 200
        return render(
            request, "procedures/unit_admin/process_new.html", {"choose": choose}, status=status
        )
    procedure: Procedure = choose.cleaned_data["procedure"]
    agency: Unit = choose.cleaned_data["agency"]
    existing = Process.objects.filter(procedure=procedure, agency=agency).first()
    if existing is not None:
        return redirect("procedures-admin:edit", process_id=existing.pk)
    initial = standard_definition(
        procedure, agency=agency, specialist_unit=agency, leader_unit=agency
    )
    return _edit(request, actor, procedure, agency, initial, None)


@login_required
def edit_process(request: HttpRequest, process_id: int) -> HttpResponse:
    actor = request_user(request)
    try:
        process = process_for_admin(actor, process_id)
    except NotFound:
        return not_found(request, None)
    return _edit(
        request, actor, process.procedure, process.agency, process_definition(process), process
    )


def _edit(
    request: HttpRequest,
    actor: User,
    procedure: Procedure,
    agency: Unit,
    initial: dict[str, Any],
    process: Process | None,
) -> HttpResponse:
    """The editor: a POST with op=save saves; any other POST only redraws it."""
    op = request.POST.get("op", "") if request.method == "POST" else ""
    if request.method == "POST":
        data = normalise(request.POST, op)
    else:
        data = normalise(definition_data(initial), "")
    editor = build_editor(procedure=procedure, agency=agency, data=data)
    status = 200
    if op == "save" and editor.is_valid:
        try:
            saved = save_process(
                actor=actor, procedure=procedure, agency=agency, definition=editor.definition
            )
        except DomainError as error:
            editor.formset._non_form_errors = editor.formset.error_class(
                [error.message], error_class="nonform"
            )
        else:
            messages.success(request, _("Đã lưu quy trình «%(name)s».") % {"name": saved.name})
            return redirect("procedures-admin:edit", process_id=saved.pk)
    if op == "save":
        # Refused: the page again with every problem at its field, nothing saved.
        status = 422 if request.htmx else 400  # type: ignore[attr-defined]
    context = {
        "editor": editor,
        "diagram": editor_svg(editor, f"pe{process.pk if process else 0}"),
        "procedure": procedure,
        "agency": agency,
        "original": process,
        "action_url": request.get_full_path(),
        "saving": op == "save",
    }
    template = (
        "procedures/process_editor_body.html"
        if request.htmx  # type: ignore[attr-defined]
        else "procedures/unit_admin/process_editor.html"
    )
    return render(request, template, context, status=status)

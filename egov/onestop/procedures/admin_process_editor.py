"""The process editor's pages in the admin, beside the JSON form of `ProcessAdmin`.

`/admin/procedures/process/<id>/soan-thao/` edits a process,
`/admin/procedures/process/soan-thao/?procedure=..&agency=..` makes a new
one from the common four-step process. A POST with `op=save` saves through
`save_process`; any other POST (a change, a step added, moved or deleted)
only redraws the editor - the fragment for htmx, the page without it.

Only administrators of the process's agency get in: others get 403, and a
process outside the units they administer is not found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
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
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

    _Base = ModelAdmin[Process]
else:
    _Base = object


def administered_units(user: User | None) -> QuerySet[Unit]:
    """The units whose processes `user` may edit: subtrees where they are administrator."""
    if user is None or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    paths = Membership.objects.filter(
        user=user, role=Role.ADMINISTRATOR, unit__is_active=True
    ).values_list("unit__path", flat=True)
    condition = Q(pk__in=[])
    for path_ in paths:
        condition |= Q(path__startswith=path_)
    return Unit.objects.filter(condition)


class NewProcessForm(forms.Form):
    """Which procedure, at which agency: asked before a new process is edited."""

    procedure = forms.ModelChoiceField(
        label=gettext_lazy("Thủ tục hành chính"), queryset=Procedure.objects.order_by("code")
    )
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan giải quyết"), queryset=Unit.objects.none()
    )


class ProcessEditorMixin(_Base):
    """Adds the editor's routes and views to `ProcessAdmin`."""

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        own: list[URLPattern] = [
            path("soan-thao/", wrap(self.new_process_editor), name="procedures_process_new_editor"),
            path(
                "<int:object_id>/soan-thao/",
                wrap(self.process_editor),
                name="procedures_process_editor",
            ),
        ]
        return own + super().get_urls()

    def process_editor(self, request: HttpRequest, object_id: int) -> HttpResponse:
        if not self.has_change_permission(request):  # administrators only
            raise DjangoPermissionDenied
        process = self.get_object(request, str(object_id))
        if process is None:  # outside the units this user administers
            raise Http404(_("Không tìm thấy quy trình."))
        if not self.has_change_permission(request, process):
            raise DjangoPermissionDenied
        initial = process_definition(process)
        return self._edit(request, process.procedure, process.agency, initial, process)

    def new_process_editor(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise DjangoPermissionDenied
        user = request.user if isinstance(request.user, User) else None
        choose = NewProcessForm(request.GET or None)
        agencies = administered_units(user).filter(is_active=True)
        choose.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        if not choose.is_valid():
            if request.GET.get("agency") and not choose.has_error("procedure"):
                # An agency outside the units this user administers.
                raise DjangoPermissionDenied
            context = {**self.admin_site.each_context(request), "choose": choose, **self._meta()}
            context["title"] = _("Lập quy trình nội bộ mới")
            return TemplateResponse(request, "admin/procedures/process/editor_new.html", context)
        procedure: Procedure = choose.cleaned_data["procedure"]
        agency: Unit = choose.cleaned_data["agency"]
        existing = Process.objects.filter(procedure=procedure, agency=agency).first()
        if existing is not None:
            return HttpResponseRedirect(self._editor_url(existing))
        initial = standard_definition(
            procedure, agency=agency, specialist_unit=agency, leader_unit=agency
        )
        return self._edit(request, procedure, agency, initial, None)

    def _edit(
        self,
        request: HttpRequest,
        procedure: Procedure,
        agency: Unit,
        initial: dict[str, Any],
        process: Process | None,
    ) -> HttpResponse:
        user = request.user if isinstance(request.user, User) else None
        if user is None or not has_role_over(user, agency, [Role.ADMINISTRATOR]):
            raise DjangoPermissionDenied
        op = request.POST.get("op", "") if request.method == "POST" else ""
        if request.method == "POST":
            data = normalise(request.POST, op)
        else:
            data = normalise(definition_data(initial), "")
        editor = build_editor(procedure=procedure, agency=agency, data=data)
        if op == "save" and editor.is_valid:
            try:
                saved = save_process(
                    actor=user, procedure=procedure, agency=agency, definition=editor.definition
                )
            except DomainError as exc:
                editor.formset._non_form_errors = editor.formset.error_class(
                    [exc.message], error_class="nonform"
                )
            else:
                self.message_user(
                    request,
                    _("Đã lưu quy trình «%(name)s».") % {"name": saved.name},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._editor_url(saved))
        context = {
            **self.admin_site.each_context(request),
            **self._meta(),
            "title": _("Soạn thảo quy trình nội bộ"),
            "editor": editor,
            "diagram": editor_svg(editor, f"pe{process.pk if process else 0}"),
            "procedure": procedure,
            "agency": agency,
            "original": process,
            "action_url": request.get_full_path(),
            "json_url": (
                reverse("admin:procedures_process_change", args=[process.pk])
                if process is not None
                else reverse("admin:procedures_process_add")
                + f"?procedure={procedure.pk}&agency={agency.pk}"
            ),
            "saving": op == "save",
        }
        if getattr(request, "htmx", False):
            return TemplateResponse(request, "procedures/process_editor_body.html", context)
        return TemplateResponse(request, "admin/procedures/process/editor.html", context)

    def _meta(self) -> dict[str, Any]:
        return {"opts": self.model._meta, "app_label": self.model._meta.app_label}

    @staticmethod
    def _editor_url(process: Process) -> str:
        return reverse("admin:procedures_process_editor", args=[process.pk])

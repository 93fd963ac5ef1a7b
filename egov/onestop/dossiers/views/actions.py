"""The action panel's forms: each POST calls one service and reports back.

The services decide who may do what; a refusal (DomainError) becomes a
message on the dossier page, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egov.onestop.dossiers import forms, services
from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Dossier, DossierStatus, ReturnMethod
from egov.onestop.dossiers.permissions import can_see
from egov.onestop.dossiers.selectors import dossier_state_for_user
from egov.platform.accounts.access import remember_memberships, request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import (
    Conflict,
    DomainError,
    InsufficientStorage,
    InvalidInput,
    NotFound,
)
from egov.platform.core.responses import not_found, storage_full
from egov.platform.organisation.models import Unit

Data = dict[str, Any]


@dataclass(frozen=True)
class Posted:
    user: User
    dossier: Dossier
    data: Data
    # The step the page showed, for services that re-check it under the lock.
    step: int | None


def _claim(p: Posted) -> str:
    services.claim(actor=p.user, dossier=p.dossier, expected_step=p.step)
    return _("Bạn đã nhận xử lý hồ sơ.")


def _mover(action: str) -> Callable[[Posted], str]:
    def move(p: Posted) -> str:
        services.move_on(
            actor=p.user,
            dossier=p.dossier,
            action=action,
            target=p.data["target"],
            note=p.data["note"],
            expected_step=p.step,
        )
        if action == "approve":
            return _("Đã phê duyệt và chuyển bước trả kết quả.")
        if action == "return":
            return _("Đã trả hồ sơ về bước trước.")
        return _("Đã chuyển hồ sơ.")

    return move


def _assign(p: Posted) -> str:
    assignee = User.objects.filter(pk=p.data["assignee"], is_active=True).first()
    if assignee is None:
        raise InvalidInput(DossierError.ASSIGNEE_NOT_FOUND, _("Không tìm thấy cán bộ được giao."))
    services.assign(actor=p.user, dossier=p.dossier, assignee=assignee, expected_step=p.step)
    return _("Đã giao hồ sơ cho %s.") % assignee.display_name


def _consult(p: Posted) -> str:
    unit = Unit.objects.filter(pk=p.data["unit"], is_active=True).first()
    if unit is None:
        raise InvalidInput(DossierError.UNIT_NOT_FOUND, _("Không tìm thấy đơn vị."))
    services.consult(
        actor=p.user,
        dossier=p.dossier,
        unit=unit,
        question=p.data["question"],
        expected_step=p.step,
    )
    return _("Đã gửi xin ý kiến %s.") % unit.name


def _answer(p: Posted) -> str:
    consultation = p.dossier.consultations.filter(pk=p.data["consultation"]).first()
    if consultation is None:
        raise NotFound(DossierError.CONSULTATION_NOT_FOUND, _("Không tìm thấy yêu cầu xin ý kiến."))
    services.answer_consultation(actor=p.user, consultation=consultation, answer=p.data["answer"])
    return _("Đã trả lời xin ý kiến.")


def _accept(p: Posted) -> str:
    dossier = services.accept_dossier(actor=p.user, dossier=p.dossier)
    return _("Đã tiếp nhận hồ sơ %s.") % dossier.code


def _supplement(p: Posted) -> str:
    items = forms.lines(p.data["items"])
    if p.dossier.status == DossierStatus.NEW:
        services.request_supplement_at_reception(
            actor=p.user, dossier=p.dossier, items=items, reason=p.data["reason"]
        )
    else:
        services.request_supplement(
            actor=p.user,
            dossier=p.dossier,
            items=items,
            reason=p.data["reason"],
            expected_step=p.step,
        )
    return _("Đã yêu cầu bổ sung hồ sơ.")


def _receive_supplement(p: Posted) -> str:
    services.receive_supplement(
        actor=p.user, dossier=p.dossier, note=p.data["note"], expected_step=p.step
    )
    return _("Đã nhận hồ sơ bổ sung.")


def _payment(p: Posted) -> str:
    services.request_payment(
        actor=p.user, dossier=p.dossier, note=p.data["note"], expected_step=p.step
    )
    return _("Đã yêu cầu thực hiện nghĩa vụ tài chính.")


def _confirm_payment(p: Posted) -> str:
    services.confirm_payment(
        actor=p.user, dossier=p.dossier, note=p.data["note"], expected_step=p.step
    )
    return _("Đã xác nhận nộp phí, thuế.")


def _result(p: Posted) -> str:
    services.record_result(
        actor=p.user,
        dossier=p.dossier,
        number=p.data["number"],
        signed_on=p.data["signed_on"],
        signer=p.data["signer"],
        file=p.data["file"],
        expected_step=p.step,
    )
    return _("Đã ghi nhận kết quả giải quyết.")


def _apology(p: Posted) -> str:
    services.issue_apology(
        actor=p.user,
        dossier=p.dossier,
        reason=p.data["reason"],
        new_appointment=p.data["new_appointment"],
        expected_step=p.step,
    )
    return _("Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả.")


def _withdraw(p: Posted) -> str:
    services.withdraw(
        actor=p.user, dossier=p.dossier, reason=p.data["reason"], expected_step=p.step
    )
    return _("Đã ghi nhận công dân rút hồ sơ.")


def _stop(p: Posted) -> str:
    services.stop_processing(
        actor=p.user, dossier=p.dossier, reason=p.data["reason"], expected_step=p.step
    )
    return _("Đã dừng xử lý hồ sơ.")


def _refuse(p: Posted) -> str:
    if p.dossier.status == DossierStatus.NEW:
        services.refuse_at_reception(actor=p.user, dossier=p.dossier, reason=p.data["reason"])
        return _("Đã từ chối tiếp nhận hồ sơ.")
    services.refuse(actor=p.user, dossier=p.dossier, reason=p.data["reason"], expected_step=p.step)
    return _("Đã từ chối giải quyết hồ sơ.")


def _return_result(p: Posted) -> str:
    services.return_result(
        actor=p.user,
        dossier=p.dossier,
        method=ReturnMethod(p.data["method"]),
        collected_by=p.data["collected_by"],
        expected_step=p.step,
    )
    return _("Đã trả kết quả.")


Handler = tuple[type[forms.ActionForm], Callable[[Posted], str]]

HANDLERS: dict[str, Handler] = {
    "accept": (forms.ActionForm, _accept),
    "claim": (forms.ActionForm, _claim),
    "forward": (forms.MoveForm, _mover("forward")),
    "approve": (forms.MoveForm, _mover("approve")),
    "return": (forms.MoveForm, _mover("return")),
    "assign": (forms.AssignForm, _assign),
    "consult": (forms.ConsultForm, _consult),
    "answer": (forms.AnswerForm, _answer),
    "supplement": (forms.ItemsForm, _supplement),
    "receive-supplement": (forms.NoteForm, _receive_supplement),
    "payment": (forms.NoteForm, _payment),
    "confirm-payment": (forms.NoteForm, _confirm_payment),
    "result": (forms.ResultForm, _result),
    "apology": (forms.ApologyForm, _apology),
    "withdraw": (forms.ReasonForm, _withdraw),
    "stop": (forms.ReasonForm, _stop),
    "refuse": (forms.ReasonForm, _refuse),
    "return-result": (forms.ReturnForm, _return_result),
}


def _stale(request: HttpRequest, form: django_forms.Form, dossier: Dossier) -> bool:
    """The page showed another step or status than the dossier has now.

    Services that take `expected_step` check it again under the row lock;
    this catches the rest (status changes, services without the argument).
    """
    data = form.cleaned_data
    if "expected_step" in request.POST and data["expected_step"] != dossier.current_step_id:
        return True
    return "expected_status" in request.POST and data["expected_status"] != dossier.status


def _form_error(form: django_forms.Form) -> str:
    first = next(iter(form.errors.values()))
    return _("Thông tin chưa hợp lệ: %s") % first[0]


@login_required
@require_POST
def dossier_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = request_user(request)
    remember_memberships(user)  # this request's user: read once for all the checks
    handler = HANDLERS.get(action)
    try:
        dossier = dossier_state_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    if handler is None:
        return not_found(request, None)
    form_class, run = handler
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect("dossiers:detail", pk=pk)
    try:
        if _stale(request, form, dossier):
            raise Conflict(
                DossierError.DOSSIER_CHANGED,
                _("Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang để xem trạng thái mới."),
            )
        message = run(Posted(user, dossier, form.cleaned_data, form.cleaned_data["expected_step"]))
    except InsufficientStorage as exc:
        return storage_full(request, exc, back=reverse("dossiers:detail", args=[pk]))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("dossiers:detail", pk=pk)
    messages.success(request, message)
    if not can_see(user, pk):
        return redirect("dossiers:inbox")
    return redirect("dossiers:detail", pk=pk)

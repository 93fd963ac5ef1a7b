"""Internal audit pages under /chat-luong/ (issue 19, item 3).

A refusal re-renders the page with its Vietnamese message: 403 not allowed,
400 bad input, 409 a state that does not allow it; another agency's answer 404.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.onestop.quality.audits import services
from egov.onestop.quality.audits.models import (
    Audit,
    AuditProgramme,
    AuditStatus,
    FindingKind,
    Nonconformity,
    NonconformityStatus,
    Verdict,
)
from egov.onestop.quality.audits.selectors import (
    audit_for_user,
    audits_of,
    nonconformities_for,
    nonconformity_for_user,
    programme_for_user,
    programmes_for,
)
from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.models import DocumentKind, QualityProcedure
from egov.platform.accounts.access import has_role_over, request_user, visible_units
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import DomainError, InvalidInput, NotFound
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit

STATUS_OF = {
    "permission_denied": 403,
    "own_action_check": 403,
    "invalid_audit": 400,
    "auditor_not_independent": 400,
}


def _status(error: DomainError) -> int:
    return STATUS_OF.get(error.code, 409)


def _bad(field: str, message: str) -> InvalidInput:
    return InvalidInput(QualityError.INVALID_AUDIT, message, details={"fields": {field: [message]}})


def _date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad(field, _("Ngày không hợp lệ.")) from None


def _ids(request: HttpRequest, field: str) -> list[int]:
    try:
        return sorted({int(v) for v in request.POST.getlist(field)})
    except ValueError:
        raise _bad(field, _("Lựa chọn không hợp lệ.")) from None


def _staff_under(unit: Unit) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            kind=AccountKind.STAFF,
            memberships__unit__path__startswith=unit.path,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def _staff_by_ids(unit: Unit, ids: list[int], field: str) -> list[User]:
    staff = {u.pk: u for u in _staff_under(unit)}
    if any(pk not in staff for pk in ids):
        raise _bad(field, _("Người được chọn không thuộc cơ quan được đánh giá."))
    return [staff[pk] for pk in ids]


def _attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> DomainError | None:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return error
    messages.success(request, success)
    return None


# --- programmes -----------------------------------------------------------------


def _programmes_page(request: HttpRequest, user: User, status: int = 200) -> HttpResponse:
    managed = [
        u for u in visible_units(user).order_by("path") if has_role_over(user, u, services.MANAGERS)
    ]
    return render(
        request,
        "quality/audits/programmes.html",
        {"programmes": list(programmes_for(user)), "managed": managed},
        status=status,
    )


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    return _programmes_page(request, request_user(request))


@login_required
@require_POST
def programme_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    created: list[AuditProgramme] = []

    def act() -> None:
        try:
            unit_id, year = int(request.POST.get("agency", "")), int(request.POST.get("year", ""))
        except ValueError:
            raise _bad("year", _("Hãy chọn cơ quan và năm.")) from None
        agency = visible_units(user).filter(pk=unit_id).first()
        if agency is None:
            raise _bad("agency", _("Hãy chọn cơ quan và năm."))
        created.append(
            services.create_programme(
                actor=user,
                agency=agency,
                year=year,
                objectives=request.POST.get("objectives", ""),
            )
        )

    error = _attempt(request, act, _("Đã lập chương trình đánh giá."))
    if error is not None:
        return _programmes_page(request, user, _status(error))
    return redirect("quality:programme", programme_id=created[0].pk)


def _programme_page(
    request: HttpRequest, user: User, programme: AuditProgramme, status: int = 200
) -> HttpResponse:
    agency = programme.agency
    may_plan = has_role_over(user, agency, services.MANAGERS)
    return render(
        request,
        "quality/audits/programme.html",
        {
            "programme": programme,
            "audits": audits_of(programme),
            "may_plan": may_plan,
            "documents": list(
                QualityProcedure.objects.filter(
                    agency__path__startswith=agency.path, kind=DocumentKind.PROCEDURE
                )
                .select_related("procedure")
                .order_by("code")
            )
            if may_plan
            else [],
            "staff": _staff_under(agency) if may_plan else [],
        },
        status=status,
    )


@login_required
@require_GET
def programme_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        programme = programme_for_user(user, programme_id)
    except NotFound:
        return not_found(request, None)
    return _programme_page(request, user, programme)


@login_required
@require_POST
def audit_plan(request: HttpRequest, programme_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        programme = programme_for_user(user, programme_id)
    except NotFound:
        return not_found(request, None)
    planned: list[Audit] = []

    def act() -> None:
        agency = programme.agency
        scope_ids = _ids(request, "scope")
        scope = list(
            QualityProcedure.objects.filter(
                pk__in=scope_ids, agency__path__startswith=agency.path
            ).select_related("agency")
        )
        if len(scope) != len(scope_ids):
            raise _bad("scope", _("Quy trình được chọn không thuộc cơ quan được đánh giá."))
        planned.append(
            services.plan_audit(
                actor=user,
                programme=programme,
                planned_on=_date(request.POST.get("planned_on", ""), "planned_on"),
                scope=scope,
                auditors=_staff_by_ids(agency, _ids(request, "auditors"), "auditors"),
            )
        )

    error = _attempt(request, act, _("Đã lập kế hoạch đánh giá."))
    if error is not None:
        return _programme_page(request, user, programme, _status(error))
    return redirect("quality:audit", audit_id=planned[0].pk)


# --- an audit ---------------------------------------------------------------------


def _audit_page(request: HttpRequest, user: User, audit: Audit, status: int = 200) -> HttpResponse:
    agency = audit.programme.agency
    open_ = audit.status == AuditStatus.PLANNED
    manager = has_role_over(user, agency, services.MANAGERS)
    auditor = any(a.pk == user.pk for a in audit.auditors.all())
    return render(
        request,
        "quality/audits/audit.html",
        {
            "audit": audit,
            "programme": audit.programme,
            "checklist": list(audit.checklist.select_related("procedure").order_by("position")),
            "findings": list(
                audit.findings.select_related(
                    "nonconformity", "recorded_by", "checklist_item"
                ).order_by("number")
            ),
            "may_work": open_ and (manager or auditor),
            "may_complete": open_ and manager,
            "verdicts": [v for v in Verdict if v != Verdict.PENDING],
            "kinds": list(FindingKind),
        },
        status=status,
    )


def _audit_action(
    request: HttpRequest, audit_id: int, act: Callable[[User, Audit], Any], success: str
) -> HttpResponse:
    user = request_user(request)
    try:
        audit = audit_for_user(user, audit_id)
    except NotFound:
        return not_found(request, None)
    error = _attempt(request, lambda: act(user, audit), success)
    if error is not None:
        return _audit_page(request, user, audit_for_user(user, audit_id), _status(error))
    return redirect("quality:audit", audit_id=audit.pk)


@login_required
@require_GET
def audit_detail(request: HttpRequest, audit_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        audit = audit_for_user(user, audit_id)
    except NotFound:
        return not_found(request, None)
    return _audit_page(request, user, audit)


@login_required
@require_POST
def checklist_add(request: HttpRequest, audit_id: int) -> HttpResponse:
    def act(user: User, audit: Audit) -> None:
        services.add_checklist_item(
            actor=user,
            audit=audit,
            question=request.POST.get("question", ""),
            clause=request.POST.get("clause", ""),
        )

    return _audit_action(request, audit_id, act, _("Đã thêm câu hỏi kiểm tra."))


@login_required
@require_POST
def checklist_answer(request: HttpRequest, audit_id: int, position: int) -> HttpResponse:
    def act(user: User, audit: Audit) -> None:
        item = audit.checklist.filter(position=position).first()
        if item is None:
            raise _bad("position", _("Không tìm thấy câu hỏi kiểm tra."))
        services.answer_item(
            actor=user,
            item=item,
            verdict=request.POST.get("verdict", ""),
            evidence=request.POST.get("evidence", ""),
        )

    return _audit_action(request, audit_id, act, _("Đã ghi kết quả kiểm tra."))


@login_required
@require_POST
def finding_add(request: HttpRequest, audit_id: int) -> HttpResponse:
    def act(user: User, audit: Audit) -> None:
        item = None
        position = request.POST.get("position", "")
        if position:
            item = audit.checklist.filter(
                position=int(position) if position.isdigit() else 0
            ).first()
            if item is None:
                raise _bad("position", _("Không tìm thấy câu hỏi kiểm tra."))
        services.record_finding(
            actor=user,
            audit=audit,
            kind=request.POST.get("kind", ""),
            description=request.POST.get("description", ""),
            clause=request.POST.get("clause", ""),
            checklist_item=item,
        )

    return _audit_action(request, audit_id, act, _("Đã ghi nhận phát hiện."))


@login_required
@require_POST
def audit_complete(request: HttpRequest, audit_id: int) -> HttpResponse:
    def act(user: User, audit: Audit) -> None:
        services.complete_audit(actor=user, audit=audit, summary=request.POST.get("summary", ""))

    return _audit_action(request, audit_id, act, _("Đã kết thúc cuộc đánh giá."))


# --- nonconformities ----------------------------------------------------------------


@login_required
@require_GET
def nonconformity_list(request: HttpRequest) -> HttpResponse:
    rows = list(nonconformities_for(request_user(request)))
    return render(request, "quality/audits/nonconformities.html", {"rows": rows})


def _nc_page(
    request: HttpRequest, user: User, row: Nonconformity, status: int = 200
) -> HttpResponse:
    manager = has_role_over(user, row.agency, services.MANAGERS)
    auditor = row.finding.audit.auditors.filter(pk=user.pk).exists()
    checker = auditor or has_role_over(user, row.agency, services.CHECKERS)
    s = NonconformityStatus
    return render(
        request,
        "quality/audits/nonconformity.html",
        {
            "row": row,
            "finding": row.finding,
            "may_plan": manager and row.status in (s.OPEN, s.ACTION_PLANNED),
            "may_report": row.status == s.ACTION_PLANNED and (manager or row.owner_id == user.pk),
            "may_check": row.status == s.ACTION_DONE and checker and row.owner_id != user.pk,
            "staff": _staff_under(row.agency) if manager else [],
        },
        status=status,
    )


def _nc_action(
    request: HttpRequest, nc_id: int, act: Callable[[User, Nonconformity], Any], success: str
) -> HttpResponse:
    user = request_user(request)
    try:
        row = nonconformity_for_user(user, nc_id)
    except NotFound:
        return not_found(request, None)
    error = _attempt(request, lambda: act(user, row), success)
    if error is not None:
        return _nc_page(request, user, nonconformity_for_user(user, nc_id), _status(error))
    return redirect("quality:nonconformity", nc_id=row.pk)


@login_required
@require_GET
def nonconformity_detail(request: HttpRequest, nc_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        row = nonconformity_for_user(user, nc_id)
    except NotFound:
        return not_found(request, None)
    return _nc_page(request, user, row)


@login_required
@require_POST
def action_plan(request: HttpRequest, nc_id: int) -> HttpResponse:
    def act(user: User, row: Nonconformity) -> None:
        try:
            owner_id = int(request.POST.get("owner", ""))
        except ValueError:
            raise _bad("owner", _("Hãy chọn người thực hiện.")) from None
        owners = _staff_by_ids(row.agency, [owner_id], "owner")
        services.plan_action(
            actor=user,
            nonconformity=row,
            cause=request.POST.get("cause", ""),
            action=request.POST.get("action", ""),
            owner=owners[0],
            due_on=_date(request.POST.get("due_on", ""), "due_on"),
        )

    return _nc_action(request, nc_id, act, _("Đã giao hành động khắc phục."))


@login_required
@require_POST
def action_done(request: HttpRequest, nc_id: int) -> HttpResponse:
    def act(user: User, row: Nonconformity) -> None:
        services.report_action_done(
            actor=user, nonconformity=row, note=request.POST.get("done_note", "")
        )

    return _nc_action(request, nc_id, act, _("Đã báo cáo hoàn thành hành động khắc phục."))


@login_required
@require_POST
def action_check(request: HttpRequest, nc_id: int) -> HttpResponse:
    def act(user: User, row: Nonconformity) -> None:
        verdict = request.POST.get("effective", "")
        if verdict not in ("yes", "no"):
            raise _bad("effective", _("Hãy chọn kết quả kiểm tra hiệu lực."))
        due = request.POST.get("due_on", "")
        services.check_effectiveness(
            actor=user,
            nonconformity=row,
            effective=verdict == "yes",
            note=request.POST.get("check_note", ""),
            new_due_on=_date(due, "due_on") if due else None,
        )

    return _nc_action(request, nc_id, act, _("Đã ghi nhận kiểm tra hiệu lực."))

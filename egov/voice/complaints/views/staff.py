"""Staff pages: the register, recording, one petition with its actions, notices, export."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import DomainError, InvalidInput, NotFound
from egov.platform.organisation.models import Unit
from egov.voice.complaints import access, identity, notices, selectors, services
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.forms import RecordForm
from egov.voice.complaints.models import Kind, Petition, Status
from egov.voice.feedback.files import CONTENT_TYPES
from egov.voice.staffpages import staff_user


def _item(request: HttpRequest, pk: int) -> tuple[User, Petition]:
    user = staff_user(request)
    try:
        return user, selectors.petition_for_staff(user, pk)
    except NotFound:
        raise Http404 from None


@login_required
def register(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    rows = selectors.rows(selectors.register(user)[:200])
    return render(request, "complaints/register.html", {"rows": rows})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The register as CSV: a denouncer is masked here as everywhere but the detail page."""
    user = staff_user(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="so-don.csv"'
    response.write("\ufeff")
    out = csv.writer(response)
    out.writerow(
        [
            _("Số đơn"),
            _("Ngày nhận"),
            _("Loại đơn"),
            _("Người gửi"),
            _("Người bị khiếu nại/tố cáo"),
            _("Tóm tắt"),
            _("Trạng thái"),
            _("Hạn thụ lý"),
            _("Hạn giải quyết"),
            _("Quá hạn"),
        ]
    )
    for row in selectors.rows(selectors.register(user)):
        p = row.petition
        out.writerow(
            [
                p.code,
                p.received_at.date().isoformat(),
                p.get_kind_display(),
                row.petitioner,
                p.respondent,
                p.summary,
                p.get_status_display(),
                p.accept_due.date().isoformat(),
                p.settle_due.date().isoformat() if p.settle_due else "",
                _("Có") if row.late else "",
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    units = list(
        Unit.objects.filter(
            memberships__user=user, memberships__role__in=access.RECORDERS, is_active=True
        ).distinct()
    )
    if not units:
        raise Http404
    form = RecordForm(request.POST or None, request.FILES or None, units=units)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.record_petition(
                actor=user,
                letter=form.letter(),
                addressed_to=form.cleaned_data["addressed_to"],
                channel=form.cleaned_data["channel"],
                repeat_of=form.cleaned_data["repeat_of"],
                first_instance=form.cleaned_data["first_instance"],
                delay_reason=form.cleaned_data["delay_reason"],
                attachments=request.FILES.getlist("attachments"),
                identifying=form.cleaned_data["identifying"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = 422
        else:
            messages.success(request, _("Đã vào sổ đơn %(code)s.") % {"code": petition.code})
            return HttpResponseRedirect(reverse("complaints:detail", kwargs={"pk": petition.pk}))
    elif request.method == "POST":
        status = 422
    return render(request, "complaints/record.html", {"form": form}, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user, petition = _item(request, pk)
    who = identity.read_identity(user, petition, purpose="detail")
    may_read = who is not None
    attachments = [
        a
        for a in petition.attachments.all()
        if may_read or not (identity.is_protected(petition) and a.identifies_petitioner)
    ]
    decider = access.may_decide(user, petition)
    state = petition.status
    context = {
        "petition": petition,
        "who": who or identity.masked(),
        "mask": identity.MASK,
        "identity_shown": may_read,
        "text_shown": identity.may_read_text(user, petition),
        "attachments": attachments,
        "steps": list(petition.steps.select_related("actor")),
        "handlers": list(petition.handlers.select_related("user")),
        "repeats": list(petition.repeats.all()),
        "second_instances": list(petition.second_instances.all()),
        "late": services.is_late(petition),
        "kinds": Kind.choices,
        "may_classify": access.may_classify(user, petition)
        and state in (Status.RECEIVED, Status.CLASSIFIED),
        "may_settle": decider and state == Status.CLASSIFIED,
        "may_check_longer": decider
        and petition.kind == Kind.DENUNCIATION
        and not petition.check_extended
        and state in (Status.RECEIVED, Status.CLASSIFIED),
        "may_assign": decider and state in (Status.ACCEPTED, Status.INVESTIGATING),
        "may_find": access.is_handler(user, petition) and state == Status.INVESTIGATING,
        "may_decide": decider and state in (Status.ACCEPTED, Status.INVESTIGATING),
        "may_close": decider and state == Status.DECIDED,
        "staff": list(
            User.objects.filter(
                kind=AccountKind.STAFF,
                is_active=True,
                memberships__unit__path__startswith=petition.addressed_to.path,
            ).distinct()[:100]
        )
        if decider
        else [],
    }
    return render(request, "complaints/detail.html", context)


@login_required
def attachment(request: HttpRequest, pk: int, item: int) -> FileResponse:
    user, petition = _item(request, pk)
    row = petition.attachments.filter(pk=item).first()
    if row is None:
        raise Http404
    protected = identity.is_protected(petition) and row.identifies_petitioner
    if protected and identity.read_identity(user, petition, purpose=f"file:{row.pk}") is None:
        raise Http404
    extension = PurePosixPath(str(row.file.name)).suffix.lstrip(".").lower()
    response = FileResponse(
        row.file.open("rb"),
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        as_attachment=True,
        filename=f"{petition.code}-{row.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def notice(request: HttpRequest, pk: int, notice: str) -> HttpResponse:
    user, petition = _item(request, pk)
    try:
        pdf = notices.render(user, petition, notice)
    except DomainError:
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{petition.code}-{notice}.pdf"'
    return response


def _act(
    request: HttpRequest, pk: int, action: Callable[[User, Petition], object], done: str
) -> HttpResponse:
    user, petition = _item(request, pk)
    try:
        action(user, petition)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return HttpResponseRedirect(reverse("complaints:detail", kwargs={"pk": pk}))


def _yes(request: HttpRequest, name: str) -> bool:
    return request.POST.get(name) == "on"


@login_required
@require_POST
def classify(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, p: services.classify(
            actor=user,
            petition=p,
            kind=request.POST.get("kind", ""),
            within_competence=_yes(request, "within_competence"),
            qualifying=_yes(request, "qualifying"),
            complicated=_yes(request, "complicated"),
            remote_area=_yes(request, "remote_area"),
        ),
        _("Đã phân loại đơn."),
    )


@login_required
@require_POST
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, p: services.forward(
            actor=user,
            petition=p,
            to=request.POST.get("to", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("Đã chuyển đơn."),
    )


@login_required
@require_POST
def file(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, p: services.file_petition(
            actor=user, petition=p, reason=request.POST.get("reason", "")
        ),
        _("Đã lưu đơn."),
    )


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, lambda user, p: services.accept(actor=user, petition=p), _("Đã thụ lý đơn.")
    )


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("handlers") if v.isdigit()]
    lead_raw = request.POST.get("lead", "")
    users = list(User.objects.filter(pk__in=ids))
    lead = User.objects.filter(pk=int(lead_raw) if lead_raw.isdigit() else 0).first()

    def run(user: User, p: Petition) -> object:
        if lead is None:
            raise InvalidInput(ComplaintError.INVALID_FIELD, _("Cần chọn người chủ trì xác minh."))
        return services.assign(actor=user, petition=p, users=users, lead=lead)

    return _act(request, pk, run, _("Đã phân công xác minh."))


@login_required
@require_POST
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, p: services.add_finding(
            actor=user, petition=p, text=request.POST.get("text", "")
        ),
        _("Đã ghi kết quả xác minh."),
    )


@login_required
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, p: services.extend(
            actor=user, petition=p, reason=request.POST.get("reason", "")
        ),
        _("Đã gia hạn giải quyết."),
    )


@login_required
@require_POST
def extend_check(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, p: services.extend_check(
            actor=user, petition=p, reason=request.POST.get("reason", "")
        ),
        _("Đã kéo dài thời hạn kiểm tra điều kiện thụ lý."),
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, p: services.decide(
            actor=user,
            petition=p,
            number=request.POST.get("number", ""),
            text=request.POST.get("text", ""),
        ),
        _("Đã ghi quyết định/kết luận."),
    )


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda user, p: services.close(actor=user, petition=p, note=request.POST.get("note", "")),
        _("Đã đóng hồ sơ."),
    )

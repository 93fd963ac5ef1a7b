"""Staff pages: the inbox, the desk entry, one item with its actions (classify, answer, approve)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.organisation.models import Unit
from egov.voice.feedback import access, selectors, services
from egov.voice.feedback.files import CONTENT_TYPES
from egov.voice.feedback.forms import SendForm
from egov.voice.feedback.models import Channel, Feedback, Status, Topic
from egov.voice.staffpages import staff_user


def _item(request: HttpRequest, pk: int) -> tuple[User, Feedback]:
    user = staff_user(request)
    try:
        return user, selectors.feedback_for_staff(user, pk)
    except NotFound:
        raise Http404 from None


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    return render(
        request,
        "voice/inbox.html",
        {
            "inbox": selectors.inbox(user),
            "recent": list(selectors.for_staff(user)[:50]),
            # The desk entry is offered only to those who may use it (a 404 otherwise).
            "may_enter": selectors.may_enter_at_desk(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    """Feedback brought to the desk or phoned in, entered by staff for the sender."""
    user = staff_user(request)
    units = selectors.desk_units(user)
    if not units:
        raise Http404
    form = SendForm(request.POST or None, request.FILES or None, units=units)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            feedback = services.send_feedback(
                actor=user,
                submission=form.submission(),
                addressed_to=form.cleaned_data["addressed_to"],
                channel=Channel.DESK,
                attachments=request.FILES.getlist("attachments"),
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = 422
        else:
            messages.success(
                request, _("Đã tiếp nhận phản ánh %(code)s.") % {"code": feedback.code}
            )
            return HttpResponseRedirect(reverse("voice:detail", kwargs={"pk": feedback.pk}))
    elif request.method == "POST":
        status = 422
    return render(request, "voice/desk.html", {"form": form}, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user, feedback = _item(request, pk)
    title, question, answer = services.public_version(feedback)
    under = feedback.addressed_to.path
    context = {
        "feedback": feedback,
        "steps": list(feedback.steps.select_related("actor", "unit")),
        "attachments": list(feedback.attachments.all()),
        "follow_ups": list(feedback.follow_ups.order_by("received_at", "pk")),
        "may_classify": access.may_classify(user, feedback) and feedback.status == Status.RECEIVED,
        "may_transfer": access.may_transfer(user, feedback) and feedback.status == Status.HANDLING,
        "may_draft": access.may_draft(user, feedback) and feedback.status == Status.HANDLING,
        "may_approve": access.may_approve(user, feedback)
        and feedback.status == Status.AWAITING_APPROVAL,
        "may_publish": access.may_approve(user, feedback)
        and feedback.status == Status.ANSWERED
        and feedback.published_at is None,
        "may_promote": access.may_approve(user, feedback) and feedback.published_at is not None,
        "may_link": access.may_classify(user, feedback),
        "units": list(Unit.objects.filter(is_active=True, path__startswith=under)[:200]),
        "topics": list(Topic.objects.filter(is_active=True)),
        "public_title": title,
        "public_question": question,
        "public_answer": answer,
        "late": services.is_late(feedback),
    }
    return render(request, "voice/detail.html", context)


@login_required
def attachment(request: HttpRequest, pk: int, item: int) -> FileResponse:
    _user, feedback = _item(request, pk)
    row = feedback.attachments.filter(pk=item).first()
    if row is None:
        raise Http404
    extension = PurePosixPath(str(row.file.name)).suffix.lstrip(".").lower()
    response = FileResponse(
        row.file.open("rb"),
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        as_attachment=extension != "pdf",
        filename=f"{feedback.code}-{row.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _act(
    request: HttpRequest, pk: int, action: Callable[[User, Feedback], object], done: str
) -> HttpResponse:
    user, feedback = _item(request, pk)
    try:
        action(user, feedback)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return HttpResponseRedirect(reverse("voice:detail", kwargs={"pk": pk}))


def _unit(raw: str | None, feedback: Feedback) -> Unit:
    unit = Unit.objects.filter(pk=int(raw) if raw and raw.isdigit() else 0).first()
    return unit if unit is not None else feedback.addressed_to


@login_required
@require_POST
def classify(request: HttpRequest, pk: int) -> HttpResponse:
    post = request.POST

    def run(user: User, feedback: Feedback) -> object:
        if post.get("decision") == "refuse":
            return services.refuse_feedback(
                actor=user, feedback=feedback, reason=post.get("reason", "")
            )
        raw_topic = post.get("topic", "")
        topic = Topic.objects.filter(pk=int(raw_topic)).first() if raw_topic.isdigit() else None
        return services.accept_feedback(
            actor=user,
            feedback=feedback,
            unit=_unit(post.get("unit"), feedback),
            topic=topic,
            subject=post.get("subject") or None,
        )

    return _act(request, pk, run, _("Đã phân loại phản ánh."))


@login_required
@require_POST
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    post = request.POST
    return _act(
        request,
        pk,
        lambda user, feedback: services.transfer_feedback(
            actor=user,
            feedback=feedback,
            unit=_unit(post.get("unit"), feedback),
            note=post.get("note", ""),
        ),
        _("Đã chuyển phản ánh."),
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    text = request.POST.get("answer", "")
    return _act(
        request,
        pk,
        lambda user, feedback: services.draft_answer(actor=user, feedback=feedback, answer=text),
        _("Đã trình lãnh đạo dự thảo trả lời."),
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    post = request.POST

    def run(user: User, feedback: Feedback) -> object:
        if post.get("decision") == "return":
            return services.return_answer(actor=user, feedback=feedback, note=post.get("note", ""))
        return services.approve_answer(
            actor=user,
            feedback=feedback,
            publish_it=post.get("publish") == "on",
            public_title=post.get("public_title") or None,
            public_question=post.get("public_question") or None,
            public_answer=post.get("public_answer") or None,
        )

    return _act(request, pk, run, _("Đã xử lý dự thảo trả lời."))


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    post = request.POST
    return _act(
        request,
        pk,
        lambda user, feedback: services.publish_feedback(
            actor=user,
            feedback=feedback,
            public_title=post.get("public_title") or None,
            public_question=post.get("public_question") or None,
            public_answer=post.get("public_answer") or None,
        ),
        _("Đã công khai trả lời."),
    )


@login_required
@require_POST
def promote(request: HttpRequest, pk: int) -> HttpResponse:
    wanted = request.POST.get("frequently_asked") == "on"
    return _act(
        request,
        pk,
        lambda user, feedback: services.promote_faq(
            actor=user, feedback=feedback, frequently_asked=wanted
        ),
        _("Đã cập nhật câu hỏi thường gặp."),
    )


@login_required
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    code = request.POST.get("repeat_of", "")
    return _act(
        request,
        pk,
        lambda user, feedback: services.link_follow_up(actor=user, feedback=feedback, code=code),
        _("Đã cập nhật phản ánh trùng nội dung."),
    )

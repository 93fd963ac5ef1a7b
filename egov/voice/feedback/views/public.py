"""The citizen's pages: send feedback, follow it by its code, one's own list, rate the answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.citizens.lockout import lockout_address
from egov.platform.core.errors import DomainError, NotFound
from egov.voice.feedback import selectors, services, tokens
from egov.voice.feedback.forms import RateForm, SendForm
from egov.voice.feedback.models import Channel


@require_http_methods(["GET", "POST"])
def send(request: HttpRequest) -> HttpResponse:
    user = request.user if isinstance(request.user, User) else None
    units = selectors.receiving_units()
    form = SendForm(request.POST or None, request.FILES or None, units=units)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):
            # A bot filled in the hidden field: it is told what a person would
            # be told, and nothing is stored.
            return render(request, "voice/sent_nothing.html")
        try:
            feedback = services.send_feedback(
                actor=user,
                submission=form.submission(),
                addressed_to=form.cleaned_data["addressed_to"],
                channel=Channel.ONLINE,
                attachments=request.FILES.getlist("attachments"),
                client_address=lockout_address(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status if error.status in (422, 429) else 422
        else:
            messages.success(
                request,
                _("Đã gửi phản ánh. Mã tra cứu của bạn là %(code)s.") % {"code": feedback.code},
            )
            return HttpResponseRedirect(reverse("voice:follow", kwargs={"code": feedback.code}))
    elif request.method == "POST":
        status = 422
    return render(request, "voice/send.html", {"form": form}, status=status)


def follow(request: HttpRequest, code: str) -> HttpResponse:
    """The status of one item by its code: no personal data, the answer only once approved."""
    try:
        feedback = selectors.by_code(code)
    except NotFound:
        raise Http404 from None
    return render(request, "voice/follow.html", {"feedback": feedback})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    items = list(selectors.sent_by(user)[:200])
    return render(request, "voice/mine.html", {"items": items, "rate_form": RateForm()})


@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        feedback = selectors.feedback_of_sender(user, pk)
    except NotFound:
        raise Http404 from None
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn mức đánh giá."))
    else:
        try:
            services.rate_answer(actor=user, feedback=feedback, rating=form.cleaned_data["rating"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    return HttpResponseRedirect(reverse("voice:mine"))


@require_http_methods(["GET", "POST"])
def rate_anonymous(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """An anonymous sender rates the answer by the secret link that came with it."""
    try:
        feedback = selectors.by_code(code)
    except NotFound:
        raise Http404 from None
    if feedback.account is not None or not tokens.token_matches(feedback, token):
        raise Http404
    form = RateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rate_with_token(
                    feedback=feedback, token=token, rating=form.cleaned_data["rating"]
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Cảm ơn bạn đã đánh giá."))
                return HttpResponseRedirect(reverse("voice:follow", kwargs={"code": code}))
        status = 422
    context = {"feedback": feedback, "rate_form": form, "rating": True}
    return render(request, "voice/follow.html", context, status=status)

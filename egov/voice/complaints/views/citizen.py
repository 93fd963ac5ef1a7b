"""The citizen's side: send a petition online (logged in) and follow one's own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import AccountKind
from egov.platform.core.errors import DomainError
from egov.voice.complaints import selectors, services
from egov.voice.complaints.forms import CitizenForm
from egov.voice.complaints.models import Channel


@login_required
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if user.kind != AccountKind.CITIZEN:
        raise Http404
    form = CitizenForm(request.POST or None, initial={"petitioner_name": user.display_name})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.record_petition(
                actor=user,
                letter=form.letter(),
                addressed_to=form.cleaned_data["addressed_to"],
                channel=Channel.ONLINE,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = 422
        else:
            messages.success(request, _("Đã gửi đơn, số đơn %(code)s.") % {"code": petition.code})
            return HttpResponseRedirect(reverse("complaints:mine"))
    elif request.method == "POST":
        status = 422
    return render(request, "complaints/send.html", {"form": form}, status=status)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(request, "complaints/mine.html", {"petitions": list(selectors.own(user))})

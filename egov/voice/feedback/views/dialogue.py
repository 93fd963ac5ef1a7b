"""The dialogue page (hỏi đáp): published questions and answers, searched and filtered."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from egov.platform.core.errors import NotFound
from egov.voice.feedback import selectors
from egov.voice.feedback.forms import DialogueFilter

PAGE_SIZE = 20


def index(request: HttpRequest) -> HttpResponse:
    form = DialogueFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    items = selectors.published(
        query=data.get("q") or "",
        topic_id=data.get("linh_vuc"),
        unit_id=data.get("don_vi"),
        frequently_asked=bool(data.get("thuong_gap")),
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("trang"))
    faq = [] if data else list(selectors.published(frequently_asked=True)[:5])
    context = {
        "form": form,
        "page": page,
        "faq": faq,
        "topics": selectors.dialogue_topics(),
        "units": selectors.dialogue_units(),
        "query": data.get("q") or "",
        # The filters, kept by the pager's links.
        "filters": urlencode(
            [(key, value) for key, value in request.GET.items() if key != "trang"]
        ),
        "topic_id": data.get("linh_vuc"),
        "unit_id": data.get("don_vi"),
    }
    return render(request, "voice/dialogue.html", context)


def question(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        feedback = selectors.published_one(pk)
    except NotFound:
        raise Http404 from None
    return render(request, "voice/question.html", {"feedback": feedback})

"""The site's URLs plus a throwaway page showing a form, for the browser test only.

The page is what the portal will do: prefill on GET, parse + validate on POST,
render inside a `<form novalidate>` on a page extending web/base.html, with
eforms.css linked at the top of the content block.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from egov.onestop.eforms.engine import definition_for, parse, prefill, render, validate
from egov.onestop.procedures.models import Procedure
from egov.urls import urlpatterns as site_urlpatterns

PAGE = engines["django"].from_string(
    """{% extends "web/base.html" %}{% load static %}
{% block title %}{{ procedure.name }}{% endblock %}
{% block content %}
<link rel="stylesheet" href="{% static 'eforms/eforms.css' %}">
<h1>{{ procedure.name }}</h1>
{% if done %}<p class="ok" role="status">Tờ khai hợp lệ.</p>{% endif %}
<form method="post" novalidate>{% csrf_token %}
{{ form_html }}
<button type="submit">Nộp hồ sơ</button>
</form>
{% endblock %}"""
)
PROFILE = {
    "full_name": "Trần Văn An",
    "id_number": "072090001234",
    "phone": "0912345678",
    "email": "an.tran@example.vn",
    "address": "Số 12, đường 30/4, khu phố 1",
}


def form_page(request: HttpRequest, code: str) -> HttpResponse:
    procedure = Procedure.objects.get(code=code)
    definition = definition_for(procedure)
    assert definition is not None  # noqa: S101 - a test page
    errors: dict[str, str] = {}
    if request.method == "POST":
        data = parse(definition, request.POST)
        errors = validate(definition, data)
    else:
        data = prefill(definition, PROFILE)
    context = {
        "procedure": procedure,
        "form_html": render(definition, data, errors),
        "done": request.method == "POST" and not errors,
    }
    return HttpResponse(PAGE.render(context, request))


urlpatterns = [*site_urlpatterns, path("__eforms__/<str:code>/", form_page)]

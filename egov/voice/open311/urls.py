"""Open311 GeoReport v2 under /open311/v2/: each endpoint in .json and .xml."""

from __future__ import annotations

from django.urls import path, register_converter

from egov.voice.open311 import views


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "open311fmt")

app_name = "open311"

urlpatterns = [
    path("services.<open311fmt:fmt>", views.services, name="services"),
    path(
        "services/<slug:service_code>.<open311fmt:fmt>",
        views.service_definition,
        name="service",
    ),
    path("requests.<open311fmt:fmt>", views.requests, name="requests"),
    path(
        "requests/<str:service_request_id>.<open311fmt:fmt>",
        views.request_one,
        name="request",
    ),
]

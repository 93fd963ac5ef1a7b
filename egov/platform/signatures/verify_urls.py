from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.platform.signatures import verify_views

app_name = "verification"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", verify_views.verify, name="verify"),
]

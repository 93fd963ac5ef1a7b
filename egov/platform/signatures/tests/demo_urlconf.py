"""The demo's CA and remote signing service mounted as egov/urls.py mounts
them in DEBUG (tests run without DEBUG, so they name this URL conf)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("chu-ky-so/sandbox/", include("egov.platform.signatures.testing.demo_urls")),
]

"""The demo's CA and remote signing service (testing/demo.py), mounted by
egov/urls.py at /chu-ky-so/sandbox/ only in DEBUG with the demo's signatures."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.platform.signatures.testing import demo

app_name = "signatures_sandbox"

urlpatterns: list[URLPattern | URLResolver] = [
    path("pki/<path:rest>", demo.pki_service, name="pki"),
    path("ky-so-tu-xa/<path:rest>", demo.remote_service, name="remote"),
]

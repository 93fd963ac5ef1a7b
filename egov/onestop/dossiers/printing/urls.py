from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.onestop.dossiers.printing import views

app_name = "printing"

urlpatterns: list[URLPattern | URLResolver] = [
    path("ho-so/<int:pk>/mau-<str:number>.pdf", views.dossier_form, name="dossier_form"),
    path("so-theo-doi/<int:unit_id>.pdf", views.unit_register, name="register"),
]

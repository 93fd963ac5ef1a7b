from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.onestop.portal.views import applying, dossier, pages

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.my_dossiers_page, name="mine"),
    path("nop/<str:code>/", applying.apply_page, name="apply"),
    path("nhap/<int:pk>/", applying.draft_page, name="draft"),
    path("ho-so/<int:pk>/", dossier.dossier_page, name="dossier"),
    path("ho-so/<int:pk>/bo-sung/", dossier.supplement, name="supplement"),
    path("ho-so/<int:pk>/rut/", dossier.withdraw, name="withdraw"),
    path("ho-so/<int:pk>/danh-gia/", dossier.rate, name="rate"),
    path("ho-so/<int:pk>/ket-qua/", dossier.result_file, name="result"),
    path("kho-ket-qua/", pages.store_page, name="store"),
    path("kho-ket-qua/<int:pk>/tai/", pages.stored_file, name="stored-file"),
    path("danh-gia/", pages.ratings_page, name="ratings"),
    path("mau/<str:code>/<int:pk>/", pages.blank_template, name="blank-template"),
]

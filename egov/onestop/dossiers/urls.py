from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.onestop.dossiers.views import actions, detail, files, inbox, reception

app_name = "dossiers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", inbox.inbox_page, name="inbox"),
    path("tiep-nhan/", reception.reception, name="reception"),
    path("tiep-nhan/thanh-phan/", reception.procedure_parts, name="reception-parts"),
    path("<int:pk>/", detail.dossier_page, name="detail"),
    path("<int:pk>/tep/ket-qua/", files.dossier_file, {"kind": "ket-qua"}, name="result-file"),
    path(
        "<int:pk>/tep/ban-quet/<int:item>/", files.dossier_file, {"kind": "ban-quet"}, name="scan"
    ),
    path("<int:pk>/<slug:action>/", actions.dossier_action, name="action"),
]

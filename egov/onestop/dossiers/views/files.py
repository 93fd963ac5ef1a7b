"""Scans and result files for staff, through the dossier's access check.

Files are never served from a public media URL: personal data (Decree
13/2023) goes only to staff who may see the dossier, and each read is logged.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from egov.onestop.dossiers.models import DossierDocument
from egov.onestop.dossiers.selectors import dossier_for_user
from egov.onestop.dossiers.services.reads import log_personal_data_read
from egov.onestop.dossiers.uploads import serve_stored
from egov.platform.accounts.access import request_user
from egov.platform.core.errors import NotFound
from egov.platform.core.responses import not_found


@login_required
@require_GET
def dossier_file(request: HttpRequest, pk: int, kind: str, item: int = 0) -> HttpResponseBase:
    user = request_user(request)
    try:
        dossier = dossier_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    if kind == "ket-qua":
        file = dossier.result_file
    elif kind == "ban-quet":
        document = DossierDocument.objects.filter(pk=item, dossier=dossier).first()
        file = document.scan if document is not None else None
    else:
        file = None
    if not file:
        return not_found(request, None)
    log_personal_data_read(actor=user, dossier=dossier, where=f"file:{kind}:{item}")
    return serve_stored(file, inline=True)

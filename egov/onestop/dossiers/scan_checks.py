"""Validating the signatures of the PDFs citizens upload (issue 12, point 4).

An applicant may upload a document that is already signed (an electronic
certificate, an extract another agency issued with its signature). Each PDF
stored as a dossier document's scan gets a signature check, validated in the
background (egov/platform/signatures/checks.py) and shown beside the file.
"""

from __future__ import annotations

from collections.abc import Iterable

from egov.onestop.dossiers.models import DossierDocument
from egov.platform.signatures.checks import check_for, request_check
from egov.platform.signatures.models import SignatureCheck

SCAN_CHECK = "onestop.document"


def request_scan_checks(documents: Iterable[DossierDocument]) -> None:
    """Inside the caller's transaction, once the rows and files are saved."""
    for document in documents:
        name = str(document.scan.name or "")
        if document.pk is not None and name.endswith(".pdf"):
            request_check(purpose=SCAN_CHECK, object_pk=document.pk, file_name=name)


def scan_check(document: DossierDocument) -> SignatureCheck | None:
    return check_for(SCAN_CHECK, document.pk)

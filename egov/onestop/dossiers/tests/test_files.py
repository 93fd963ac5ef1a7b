from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import DossierDocument
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.tests.samples import PDF
from egov.platform.audit.models import AuditEvent


def test_staff_open_scans_through_the_access_check(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(
        desk, cast, province, scans={desk.documents[0].pk: SimpleUploadedFile("a.pdf", PDF)}
    )
    document = dossier.documents.order_by("pk").first()
    assert document is not None
    url = f"/ho-so/{dossier.pk}/tep/ban-quet/{document.pk}/"

    login(client, cast.outsider)
    denied = client.get(url)
    login(client, cast.reception)
    opened = client.get(url)
    missing = client.get(f"/ho-so/{dossier.pk}/tep/ket-qua/")

    assert denied.status_code == 404
    assert opened.status_code == 200
    assert opened.getvalue() == PDF
    assert missing.status_code == 404
    reads = AuditEvent.objects.filter(event_type="dossiers.personal_data_read")
    assert list(reads.values_list("actor__username", "details__where")) == [
        ("tiepnhan", f"file:ban-quet:{document.pk}")
    ]


def test_a_scan_is_served_with_its_detected_type_and_nosniff(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(
        desk,
        cast,
        province,
        scans={desk.documents[0].pk: SimpleUploadedFile("x.html", PDF, "text/html")},
    )
    document = dossier.documents.order_by("pk").first()
    assert document is not None
    stored = document.scan.name.rsplit("/", 1)[-1]
    login(client, cast.reception)

    response = client.get(f"/ho-so/{dossier.pk}/tep/ban-quet/{document.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{stored}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_file_stored_before_the_check_goes_out_as_an_opaque_download(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(
        desk, cast, province, scans={desk.documents[0].pk: SimpleUploadedFile("a.pdf", PDF)}
    )
    document = dossier.documents.order_by("pk").first()
    assert document is not None
    # An old row: the sender's name and extension, HTML inside.
    document.scan.storage.save("scans/2025/01/x.html", ContentFile(b"%PDF-<script>1</script>"))
    DossierDocument.objects.filter(pk=document.pk).update(scan="scans/2025/01/x.html")
    login(client, cast.reception)

    response = client.get(f"/ho-so/{dossier.pk}/tep/ban-quet/{document.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="x.html"'
    assert response["X-Content-Type-Options"] == "nosniff"

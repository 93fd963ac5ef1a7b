from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.platform.audit.models import AuditEvent

PDF = b"%PDF-1.7\n%%EOF\n"


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

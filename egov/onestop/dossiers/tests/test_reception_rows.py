"""What one reception (register, then decide, in one transaction) writes or leaves unwritten."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.tests.samples import PDF
from egov.onestop.portalsync.models import OutboxEvent
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.platform.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2026, 3, 2, 8, 30, tzinfo=VN)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")


def test_without_scans_the_dossier_is_not_digitised(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)

    payloads = list(
        OutboxEvent.objects.filter(dossier=dossier)
        .order_by("sequence")
        .values_list("payload", flat=True)
    )
    assert [(p["DuocThanhToanTrucTuyen"], p["HoSoCoThanhPhanSoHoa"]) for p in payloads] == [
        (0, 0),
        (0, 0),
    ]


def test_a_refused_acceptance_writes_nothing_and_takes_no_number(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # given a first dossier received today, then a second one missing a required paper
    receive(desk, cast, province)
    counts = [m.objects.count() for m in (Dossier, AuditEvent, OutboxEvent, OutboundEmail)]
    with pytest.raises(InvalidInput) as refused:
        receive(desk, cast, province, received_document_ids=[desk.documents[0].pk])

    assert refused.value.code == "missing_documents"
    assert [m.objects.count() for m in (Dossier, AuditEvent, OutboxEvent, OutboundEmail)] == counts
    # and the next one accepted takes the day's second number
    assert (receive(desk, cast, province).code or "").endswith("-0002")


def test_an_officer_of_another_centre_cannot_receive_and_nothing_is_written(
    desk: Desk, cast: Cast, province: Province
) -> None:
    before = (Dossier.objects.count(), AuditEvent.objects.count(), OutboxEvent.objects.count())
    with pytest.raises(PermissionDenied), transaction.atomic():
        receive(desk, cast, province, actor=cast.specialist)

    after = (Dossier.objects.count(), AuditEvent.objects.count(), OutboxEvent.objects.count())
    assert after == before

"""The demo's document office: a year of incoming mail in bulk, today's through the services."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.test import Client

from egov.office.documents.models import (
    Holder,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    Register,
)
from egov.office.documents.selectors import leaders_of
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@time_machine.travel(NOW, tick=False)
def test_a_year_of_incoming_mail_and_open_work_for_each_role(media: Path) -> None:
    out = StringIO()
    call_command("load_demo", documents=300, stdout=out)

    documents = IncomingDocument.objects.filter(body__stat_code="80")
    synthetic = documents.exclude(registered_by__username="vanthu", arrived_at__date=NOW.date())
    assert documents.count() == synthetic.count() + 7
    assert 280 <= synthetic.count() <= 300
    # Arrival numbers: gapless per register, in arrival order, today's after the year's.
    for register in Register.objects.filter(
        body__stat_code="80", direction="incoming", confidential=False
    ):
        numbers = list(
            documents.filter(register=register)
            .order_by("arrived_at", "pk")
            .values_list("arrival_number", flat=True)
        )
        assert numbers == list(range(1, len(numbers) + 1))
        assert register.last_number == len(numbers)
    years = Register.objects.filter(body__stat_code="80", direction="incoming", confidential=False)
    assert sorted(years.values_list("year", flat=True)) == [2025, 2026]
    span = synthetic.aggregate(first=Min("arrived_at"), last=Max("arrived_at"))
    assert span["first"] >= NOW - timedelta(days=366)
    assert span["last"] < NOW
    # Each demo role finds work waiting for them.
    lanhdao = User.objects.get(username="lanhdao")
    waiting = documents.filter(status=IncomingStatus.AWAITING_ASSIGNMENT, leader=lanhdao)
    assert waiting.filter(arrived_at__date=NOW.date()).count() == 3
    open_at_justice = Holder.objects.filter(
        unit__name="Sở Tư pháp", status=HolderStatus.OPEN, document__arrived_at__date=NOW.date()
    )
    assert open_at_justice.count() == 4
    assert Holder.objects.filter(user__username="chuyenvien", status=HolderStatus.OPEN).count() == 2
    # Handled synthetic documents have their history; today's have an audit trail.
    completed = synthetic.filter(status=IncomingStatus.COMPLETED)
    assert completed.filter(completed_at__isnull=True).count() == 0
    assert completed.annotate(n=Count("actions")).filter(n=3).count() == completed.count()
    # Today's 7 letters, and the issued draft arriving at Phường Long An.
    assert AuditEvent.objects.filter(event_type="office.incoming_registered").count() == 8
    assert AuditEvent.objects.filter(event_type="office.incoming_assigned").count() == 4
    assert AuditEvent.objects.filter(event_type="office.incoming_forwarded").count() == 2
    assert list(leaders_of(documents.earliest("pk").body)) == [lanhdao]
    assert "Document office: " in out.getvalue()
    # Outgoing: a year issued in bulk, then one draft at each step through the
    # services; every outgoing register's numbers run gapless in issue order.
    today_drafts = OutgoingDocument.objects.filter(created_at__date=NOW.date())
    assert sorted(today_drafts.values_list("status", flat=True)) == sorted(
        ["draft", "in_review", "submitted", "approved", "issued"]
    )
    year = OutgoingDocument.objects.exclude(pk__in=today_drafts.values("pk"))
    assert 210 <= year.count() <= 225
    assert year.exclude(status="issued").count() == 0
    for register in Register.objects.filter(body__stat_code="80", direction="outgoing"):
        issued_numbers = list(
            OutgoingDocument.objects.filter(register=register)
            .order_by("issued_at", "pk")
            .values_list("number", flat=True)
        )
        assert issued_numbers == list(range(1, len(issued_numbers) + 1))
        assert register.last_number == len(issued_numbers)
    issued_today = today_drafts.get(status="issued")
    assert issued_today.number is not None and issued_today.number > 1
    assert issued_today.notation == f"{issued_today.number:02d}/UBND-STP"
    assert IncomingDocument.objects.filter(body__stat_code="27694").count() == 1
    assert (media / "office/incoming/synthetic/ban-quet-mau.pdf").exists()


@time_machine.travel(NOW, tick=False)
def test_the_demo_documents_are_found_by_search_without_diacritics(media: Path) -> None:
    call_command("load_demo", documents=50, stdout=StringIO())
    client = Client()
    client.force_login(User.objects.get(username="lanhdao"))
    synthetic = IncomingDocument.objects.filter(arrived_at__date__lt=NOW.date()).earliest("pk")

    today = client.get("/van-ban/tim-kiem/", {"q": "ngay phap luat"})
    earlier = client.get("/van-ban/tim-kiem/", {"q": synthetic.notation})

    assert today.status_code == 200
    letter = IncomingDocument.objects.get(notation="455/BTP-PBGDPL")
    assert f'href="/van-ban/den/{letter.pk}/"' in today.text
    assert f'href="/van-ban/den/{synthetic.pk}/"' in earlier.text

"""The demo's work files: Sở Tư pháp's approved list of the year, one file open, one closed."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from egov.office.workfiles.models import FileList, WorkFile
from egov.platform.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_specialist_has_an_open_and_a_closed_file_in_an_approved_list() -> None:
    with time_machine.travel("2026-12-09 10:00 +07:00", tick=False):
        call_command("load_demo", stdout=StringIO())

        listing = FileList.objects.get()
        assert (listing.unit.name, listing.year, listing.status) == ("Sở Tư pháp", 2026, "approved")
        files = list(
            WorkFile.objects.order_by("notation").values_list(
                "notation", "status", "retention_years", "responsible__username"
            )
        )
        assert files == [
            ("01.HCTP", "open", None, "chuyenvien"),
            ("02.HCTP", "closed", 10, "chuyenvien"),
            ("03.HCTP", "planned", 2, "chuyenvien"),
        ]
        client = Client()
        client.force_login(
            User.objects.get(username="chuyenvien"),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        page = client.get("/ho-so-cong-viec/").content.decode()
        assert "Hồ sơ trả lời kiến nghị của UBND các phường, xã về hộ tịch" in page
        closed = WorkFile.objects.get(notation="02.HCTP")
        assert client.get(f"/ho-so-cong-viec/{closed.pk}/xuat/pdf/").status_code == 200

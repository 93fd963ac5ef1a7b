"""The month's reception register printed as the book, with a denouncer masked."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.voice.complaints.tests.conftest import DENOUNCER, DENOUNCER_ID, Office
from egov.voice.reception import register_form, services

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def visit(**changes: object) -> services.Visit:
    values: dict[str, object] = {
        "kind": "regular",
        "citizen_name": DENOUNCER,
        "citizen_id_number": DENOUNCER_ID,
        "matter": "denunciation",
        "content": "Trình bày việc cán bộ địa chính đòi tiền.",
        "handling": "letter_received",
        "place": "Trụ sở tiếp công dân phường",
    }
    values.update(changes)
    return services.Visit(**values)  # type: ignore[arg-type]


def test_the_book_has_the_forms_columns_and_masks_a_denouncer(
    province: Province, office: Office, cast: Cast
) -> None:
    la = province.long_an
    with time_machine.travel(datetime(2026, 11, 12, 9, 0, tzinfo=HCM), tick=False):
        services.record_reception(actor=office.reception, unit=la, visit=visit())
        services.record_reception(
            actor=office.reception,
            unit=la,
            visit=visit(
                matter="complaint",
                citizen_name="Lâm Thị Hoa",
                citizen_id_number="079190000111",
                citizen_address="5 Lê Lợi",
                people=6,
                handling="guided",
            ),
        )
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=HCM), tick=False):
        services.record_reception(
            actor=office.reception,
            unit=la,
            visit=visit(matter="complaint", citizen_name="Ngô Tháng Mười Hai"),
        )
    url = reverse("reception:register_pdf")
    query = {"don-vi": str(la.pk), "thang": "2026-11"}
    response = login(Client(), office.reception).get(url, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    ).replace("\n", " ")
    assert "SỔ TIẾP CÔNG DÂN" in text
    assert "Tháng 11/2026" in text
    for label in ("Ngày tiếp", "Nội dung vụ việc", "Hướng xử lý", "Ghi chú"):
        assert label in text
    assert "Lâm Thị Hoa; 5 Lê Lợi; 079190000111; 6 người" in text
    assert "[đã ẩn]" in text
    assert DENOUNCER not in text and DENOUNCER_ID not in text
    assert "Ngô Tháng Mười Hai" not in text
    assert "chưa đối chiếu văn bản" in text
    event = AuditEvent.objects.get(event_type="voice.reception_register_printed")
    assert (event.actor, event.details) == (office.reception, {"month": "2026-11", "lines": 2})
    assert [key for key, _label in register_form.COLUMNS] == [
        "number",
        "date",
        "citizen",
        "content",
        "matter",
        "units",
        "handling",
        "result",
        "note",
    ]


def test_strangers_cannot_print_the_book(province: Province, office: Office, cast: Cast) -> None:
    url = reverse("reception:register_pdf")
    query = {"don-vi": str(province.long_an.pk), "thang": "2026-11"}
    for stranger in (cast.outsider, cast.citizen, cast.head):
        assert login(Client(), stranger).get(url, query).status_code == 404
    assert Client().get(url, query).status_code == 302
    bad = login(Client(), office.reception).get(url, {"thang": "2026-13"})
    assert bad.status_code == 422
    assert AuditEvent.objects.filter(event_type="voice.reception_register_printed").count() == 0

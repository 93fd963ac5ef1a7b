"""A reception's own page: what it led to, the petitions on its matter, and who may see it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.voice.complaints.models import Channel, Petition
from egov.voice.complaints.services import record_petition
from egov.voice.complaints.tests.conftest import (
    DENOUNCER,
    DENOUNCER_ADDRESS,
    DENOUNCER_ID,
    Office,
    letter,
)
from egov.voice.reception import services
from egov.voice.reception.models import Reception
from egov.voice.reception.selectors import linked_petitions

pytestmark = pytest.mark.django_db


def visit(**changes: object) -> services.Visit:
    values: dict[str, object] = {
        "kind": "regular",
        "citizen_name": DENOUNCER,
        "citizen_id_number": DENOUNCER_ID,
        "citizen_address": DENOUNCER_ADDRESS,
        "matter": "denunciation",
        "content": "Trình bày việc cán bộ địa chính đòi tiền.",
        "handling": "letter_received",
        "place": "Trụ sở tiếp công dân phường",
    }
    values.update(changes)
    return services.Visit(**values)  # type: ignore[arg-type]


def snapshot() -> tuple[object, ...]:
    return list(Reception.objects.values()), AuditEvent.objects.count()


def test_the_page_shows_what_the_reception_led_to_with_the_denouncer_masked(
    province: Province, office: Office, denunciation: Petition
) -> None:
    repeat = record_petition(
        actor=office.clerk,
        letter=letter(summary="Tố cáo lần hai cùng nội dung"),
        addressed_to=province.long_an,
        channel=Channel.DESK,
        repeat_of=denunciation.code,
    )
    reception = services.record_reception(
        actor=office.reception,
        unit=province.long_an,
        visit=visit(people=6, petition_code=denunciation.code),
    )
    register = login(Client(), office.head).get(reverse("reception:register")).content.decode()
    url = reverse("reception:detail", kwargs={"reception": reception.pk})
    assert f'href="{url}"' in register
    page = login(Client(), office.head).get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "6 (đoàn đông người)" in text
    assert "Trụ sở tiếp công dân phường" in text
    for hidden in (DENOUNCER, DENOUNCER_ID, DENOUNCER_ADDRESS):
        assert hidden not in text
    assert "[đã ẩn]" in text
    assert [p.code for p in linked_petitions(reception)] == [denunciation.code, repeat.code]
    assert text.index(denunciation.code) < text.index(repeat.code)
    assert "Tố cáo lần hai cùng nội dung" in text
    assert f'href="{reverse("complaints:detail", args=[repeat.pk])}"' in text


def test_a_complaint_visit_shows_the_citizen(province: Province, office: Office) -> None:
    reception = services.record_reception(
        actor=office.reception,
        unit=province.long_an,
        visit=visit(matter="complaint", citizen_name="Lâm Thị Hoa"),
    )
    text = (
        login(Client(), office.reception)
        .get(reverse("reception:detail", kwargs={"reception": reception.pk}))
        .content.decode()
    )
    assert "Lâm Thị Hoa" in text
    assert DENOUNCER_ID in text
    assert "Lượt tiếp chưa gắn với đơn nào." in text


def test_the_outcome_is_written_later_and_links_the_petition(
    province: Province, office: Office, denunciation: Petition
) -> None:
    reception = services.record_reception(
        actor=office.reception, unit=province.long_an, visit=visit()
    )
    url = reverse("reception:detail", kwargs={"reception": reception.pk})
    response = login(Client(), office.reception).post(
        url, {"result": "Đã hướng dẫn viết đơn, đơn vào sổ", "petition_code": denunciation.code}
    )
    assert response.status_code == 302
    reception.refresh_from_db()
    assert (reception.result, reception.petition) == (
        "Đã hướng dẫn viết đơn, đơn vào sổ",
        denunciation,
    )
    event = AuditEvent.objects.get(event_type="voice.reception_outcome_recorded")
    assert event.details == {"petition": denunciation.code}


def test_strangers_neither_see_nor_change_a_reception(
    province: Province, office: Office, cast: Cast, denunciation: Petition
) -> None:
    reception = services.record_reception(
        actor=office.reception, unit=province.long_an, visit=visit()
    )
    before = snapshot()
    url = reverse("reception:detail", kwargs={"reception": reception.pk})
    for stranger in (cast.outsider, cast.citizen, cast.head, cast.admin):
        client = login(Client(), stranger)
        assert client.get(url).status_code == 404
        assert client.post(url, {"result": "Sửa", "petition_code": ""}).status_code == 404
        with pytest.raises(PermissionDenied):
            services.record_outcome(actor=stranger, reception=reception, result="Sửa")
    assert Client().get(url).status_code == 302
    for result, code in (("", ""), ("Kết quả", "DKHONGCO")):
        with pytest.raises(InvalidInput):
            services.record_outcome(
                actor=office.reception, reception=reception, result=result, petition_code=code
            )
    bad = login(Client(), office.reception).post(url, {"result": "Kết quả", "petition_code": "DX"})
    assert bad.status_code == 422
    assert "Không tìm thấy đơn trong sổ của cơ quan." in bad.content.decode()
    assert snapshot() == before

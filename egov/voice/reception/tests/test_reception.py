"""The reception register, the leaders' days, what a reception led to, and who may record."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.voice.complaints.models import Petition
from egov.voice.complaints.tests.conftest import DENOUNCER, Office
from egov.voice.reception import services
from egov.voice.reception.models import Reception, ReceptionDay

pytestmark = pytest.mark.django_db


def visit(**changes: object) -> services.Visit:
    values: dict[str, object] = {
        "kind": "regular",
        "citizen_name": DENOUNCER,
        "matter": "denunciation",
        "content": "Trình bày việc cán bộ địa chính đòi tiền.",
        "handling": "letter_received",
        "place": "Trụ sở tiếp công dân phường",
    }
    values.update(changes)
    return services.Visit(**values)  # type: ignore[arg-type]


def snapshot() -> tuple[object, ...]:
    return (
        list(Reception.objects.values()),
        list(ReceptionDay.objects.values()),
        AuditEvent.objects.count(),
    )


def test_a_group_reception_leads_to_the_petition_it_was_recorded_as(
    province: Province, office: Office, denunciation: Petition
) -> None:
    r = services.record_reception(
        actor=office.reception,
        unit=province.long_an,
        visit=visit(people=7, petition_code=denunciation.code.lower(), wants_leader=True),
    )
    assert (r.people, r.is_group, r.petition, r.officer) == (
        7,
        True,
        denunciation,
        office.reception,
    )
    assert list(Reception.objects.filter(petition=denunciation)) == [r]
    event = AuditEvent.objects.get(event_type="voice.reception_recorded")
    assert event.details == {
        "kind": "regular",
        "people": 7,
        "representatives": 1,
        "petition": denunciation.code,
    }


def test_bad_input_and_strangers_store_nothing(
    province: Province, cast: Cast, office: Office
) -> None:
    before = snapshot()
    for bad in (
        visit(kind="x"),
        visit(people=0),
        visit(citizen_name=" "),
        visit(petition_code="DNOPE"),
    ):
        with pytest.raises(InvalidInput):
            services.record_reception(actor=office.reception, unit=province.long_an, visit=bad)
    for stranger in (cast.outsider, cast.citizen, cast.head):
        with pytest.raises(PermissionDenied):
            services.record_reception(actor=stranger, unit=province.long_an, visit=visit())
        with pytest.raises(PermissionDenied):
            services.schedule_day(
                actor=stranger,
                unit=province.long_an,
                leader=office.head,
                day=date(2026, 12, 15),
                place="Phòng tiếp",
            )
    with pytest.raises(PermissionDenied):
        services.schedule_day(
            actor=office.reception,
            unit=province.long_an,
            leader=office.head,
            day=date(2026, 12, 15),
            place="P",
        )
    assert snapshot() == before


def test_leaders_days_are_published_and_the_register_masks_a_denouncer(
    province: Province, office: Office
) -> None:
    services.schedule_day(
        actor=office.head,
        unit=province.long_an,
        leader=office.head,
        day=date(2099, 1, 15),
        place="Phòng tiếp công dân",
    )
    with pytest.raises(InvalidInput):
        services.schedule_day(
            actor=office.head,
            unit=province.long_an,
            leader=office.head,
            day=date(2099, 1, 15),
            place="Phòng",
        )
    page = Client().get(reverse("reception:schedule")).content.decode()
    assert "15/01/2099" in page
    assert "Phan Văn Chủ" in page
    services.record_reception(actor=office.reception, unit=province.long_an, visit=visit())
    services.record_reception(
        actor=office.reception,
        unit=province.long_an,
        visit=visit(matter="complaint", citizen_name="Lâm Thị Hoa"),
    )
    register = login(Client(), office.head).get(reverse("reception:register")).content.decode()
    assert "Lâm Thị Hoa" in register
    assert DENOUNCER not in register
    assert "[đã ẩn]" in register


def test_recording_through_the_page(province: Province, office: Office, cast: Cast) -> None:
    data = {
        "unit": province.long_an.pk,
        "kind": "leader_day",
        "place": "Phòng tiếp",
        "citizen_name": "Lâm Thị Hoa",
        "people": 1,
        "matter": "complaint",
        "content": "Hỏi về bồi thường",
        "handling": "guided",
    }
    assert (
        login(Client(), office.reception).post(reverse("reception:register"), data).status_code
        == 302
    )
    assert Reception.objects.get().kind == "leader_day"
    before = snapshot()
    for stranger in (cast.outsider, cast.citizen):
        # The outsider has the register of their own ward, where Long An is no choice.
        expected = 422 if stranger == cast.outsider else 404
        page = login(Client(), stranger).post(reverse("reception:register"), data)
        assert page.status_code == expected
        response = login(Client(), stranger).post(
            reverse("reception:schedule_add"),
            {
                "unit": province.long_an.pk,
                "leader": office.head.pk,
                "date": "2099-02-01",
                "place": "P",
            },
        )
        assert response.status_code == 404
    assert snapshot() == before

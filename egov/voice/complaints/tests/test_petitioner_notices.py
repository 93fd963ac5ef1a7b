"""The petitioner is told when the petition is accepted, not accepted, forwarded or decided."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.platform.core.errors import Conflict, PermissionDenied
from egov.platform.notifications.models import Notification, OutboundEmail
from egov.voice.complaints import services
from egov.voice.complaints.models import Channel, Kind, Petition
from egov.voice.complaints.tests.conftest import Office, letter
from egov.voice.feedback.tests.conftest import VN

pytestmark = pytest.mark.django_db

# Monday 7/12/2026, 9:00 in Vietnam.
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=VN)


def entries() -> list[tuple[str, str, str, str]]:
    return list(
        Notification.objects.order_by("pk").values_list(
            "recipient__username", "title", "body", "link"
        )
    )


def emails() -> list[tuple[str, str, str]]:
    return list(OutboundEmail.objects.order_by("pk").values_list("to_address", "subject", "body"))


def classified(office: Office, petition: Petition, *, within: bool = True) -> Petition:
    return services.classify(
        actor=office.head,
        petition=petition,
        kind=petition.kind,
        within_competence=within,
        qualifying=True,
    )


def test_an_online_complainant_is_told_in_the_list_and_by_e_mail(
    province: Province, cast: Cast, office: Office
) -> None:
    citizen = cast.citizen
    citizen.email = "an.tran@example.vn"
    citizen.save()
    with time_machine.travel(NOW, tick=False):
        petition = services.record_petition(
            actor=citizen,
            letter=letter(Kind.COMPLAINT),
            addressed_to=province.long_an,
            channel=Channel.ONLINE,
        )
        petition = services.accept(actor=office.head, petition=classified(office, petition))
        services.decide(actor=office.head, petition=petition, number="15/QĐ-UBND", text="Bác")
    accepted = (
        f"Đơn số {petition.code} (khiếu nại) đã được thụ lý ngày 07/12/2026; "
        "hạn giải quyết 06/01/2027."
    )
    decided = (
        f"Khiếu nại theo đơn số {petition.code} đã có quyết định số 15/QĐ-UBND ngày 07/12/2026."
    )
    assert entries() == [
        ("congdan", "Thông báo thụ lý đơn", accepted, "/don-thu/cua-toi/"),
        ("congdan", "Thông báo quyết định giải quyết khiếu nại", decided, "/don-thu/cua-toi/"),
    ]
    assert emails() == [
        ("an.tran@example.vn", "Thông báo thụ lý đơn", accepted),
        ("an.tran@example.vn", "Thông báo quyết định giải quyết khiếu nại", decided),
    ]


def test_a_desk_petitioner_with_an_e_mail_is_told_by_e_mail_and_a_phone_gets_nothing(
    province: Province, office: Office
) -> None:
    by_mail = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.RECOMMENDATION, petitioner_contact="hoa.lam@example.vn"),
        addressed_to=province.long_an,
        channel=Channel.DESK,
    )
    services.file_petition(
        actor=office.head, petition=classified(office, by_mail), reason="Đơn không ký tên"
    )
    by_phone = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.COMPLAINT, petitioner_contact="0987654321"),
        addressed_to=province.long_an,
        channel=Channel.DESK,
    )
    services.forward(
        actor=office.head,
        petition=classified(office, by_phone, within=False),
        to="Sở Tài nguyên và Môi trường",
    )
    forwarded = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.COMPLAINT, petitioner_contact="hoa.lam@example.vn"),
        addressed_to=province.long_an,
        channel=Channel.DESK,
    )
    services.forward(
        actor=office.head,
        petition=classified(office, forwarded, within=False),
        to="Sở Tài nguyên và Môi trường",
    )
    assert entries() == []
    assert emails() == [
        (
            "hoa.lam@example.vn",
            "Thông báo không thụ lý đơn",
            f"Đơn số {by_mail.code} không được thụ lý. Lý do: Đơn không ký tên",
        ),
        (
            "hoa.lam@example.vn",
            "Thông báo chuyển đơn",
            f"Đơn số {forwarded.code} không thuộc thẩm quyền giải quyết của Phường Long An "
            "và đã được chuyển đến Sở Tài nguyên và Môi trường.",
        ),
    ]


def test_a_denouncer_is_told_in_the_account_only_never_by_e_mail(
    province: Province, cast: Cast, office: Office
) -> None:
    citizen = cast.citizen
    citizen.email = "an.tran@example.vn"
    citizen.save()
    with time_machine.travel(NOW, tick=False):
        online = services.record_petition(
            actor=citizen,
            letter=letter(Kind.DENUNCIATION, petitioner_contact="an.tran@example.vn"),
            addressed_to=province.long_an,
            channel=Channel.ONLINE,
        )
        services.accept(actor=office.head, petition=classified(office, online))
        at_desk = services.record_petition(
            actor=office.clerk,
            letter=letter(Kind.DENUNCIATION, petitioner_contact="to.hoang@example.vn"),
            addressed_to=province.long_an,
            channel=Channel.DESK,
        )
        services.accept(actor=office.head, petition=classified(office, at_desk))
    assert [(e[0], e[1]) for e in entries()] == [("congdan", "Thông báo thụ lý đơn")]
    assert entries()[0][2].startswith(f"Đơn số {online.code} (tố cáo) đã được thụ lý")
    assert emails() == []


def test_nothing_is_told_when_the_step_is_refused(
    province: Province, cast: Cast, office: Office
) -> None:
    citizen = cast.citizen
    citizen.email = "an.tran@example.vn"
    citizen.save()
    petition = services.record_petition(
        actor=citizen,
        letter=letter(Kind.COMPLAINT),
        addressed_to=province.long_an,
        channel=Channel.ONLINE,
    )
    for stranger in (cast.outsider, cast.head, office.clerk, office.investigator, citizen):
        with pytest.raises(PermissionDenied):
            services.accept(actor=stranger, petition=petition)
        with pytest.raises(PermissionDenied):
            services.file_petition(actor=stranger, petition=petition, reason="Không")
    # Not yet classified: the state refuses, and the rollback takes the notice with it.
    with pytest.raises(Conflict):
        services.accept(actor=office.head, petition=petition)
    petition.refresh_from_db()
    assert petition.status == "received"
    assert (entries(), emails()) == ([], [])

"""Registering incoming documents: arrival numbers, duplicates, files, who may register."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from egov.conftest import Cast, Province
from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    ActionKind,
    IncomingDocument,
    IncomingStatus,
    Register,
    Secrecy,
)
from egov.office.documents.selectors import visible_incoming
from egov.office.documents.services.incoming import register_incoming
from egov.office.documents.tests.conftest import VN, arrival, pdf, registered
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError
from egov.platform.notifications.models import Notification


def _stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def _state() -> tuple[int, list[int], int, int]:
    return (
        IncomingDocument.objects.count(),
        list(Register.objects.order_by("pk").values_list("last_number", flat=True)),
        AuditEvent.objects.filter(event_type__startswith="office.").count(),
        Notification.objects.count(),
    )


def test_the_clerk_registers_and_presents_to_the_leader(
    office: Province, cast: Cast, media: Path
) -> None:
    first = registered(cast, office)
    second = registered(cast, office, notation="120/BTP-VP", sender="Bộ Tư pháp")

    assert (first.arrival_number, second.arrival_number) == (1, 2)
    assert first.register.name == "Sổ văn bản đến"
    assert (first.status, first.leader, first.registered_by) == (
        IncomingStatus.AWAITING_ASSIGNMENT,
        cast.leader,
        cast.clerk,
    )
    assert list(first.actions.values_list("kind", "actor__username")) == [
        (ActionKind.REGISTERED, "vanthu")
    ]
    assert list(
        AuditEvent.objects.filter(event_type="office.incoming_registered")
        .order_by("pk")
        .values_list("target_id", flat=True)
    ) == [str(first.pk), str(second.pk)]
    notice = Notification.objects.get(
        recipient=cast.leader, dedupe_key__endswith=f"{first.pk}:presented:{cast.leader.pk}"
    )
    assert notice.title == "Văn bản đến chờ phân công"
    assert notice.link == f"/van-ban/den/{first.pk}/"
    stored = str(first.file.name)
    assert stored.startswith("office/incoming/2026/") and stored.endswith(".pdf")
    assert "van-ban" not in stored
    assert len(_stored_files(media)) == 2


def test_a_possible_duplicate_is_refused_until_the_clerk_confirms(
    office: Province, cast: Cast, media: Path
) -> None:
    first = registered(cast, office)
    before = _state()
    with pytest.raises(DomainError) as caught:
        registered(cast, office, sender="bộ tư pháp", notation="15/QĐ-BTP ")
    assert caught.value.code == OfficeError.POSSIBLE_DUPLICATE
    assert caught.value.details == {"duplicates": [first.pk]}
    assert "số đến 1" in caught.value.message
    assert _state() == before
    assert len(_stored_files(media)) == 1

    again = register_incoming(
        actor=cast.clerk,
        body=office.province,
        arrival=arrival(),
        file=pdf(),
        confirm_duplicate=True,
    )
    assert again.arrival_number == 2


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_written(
    office: Province, cast: Cast, media: Path
) -> None:
    before = _state()
    fake = SimpleUploadedFile("van-ban.pdf", b"%PDF-<html><script>", content_type="application/pdf")
    for upload, code in ((fake, OfficeError.FILE_NOT_PDF), (None, OfficeError.FILE_REQUIRED)):
        with pytest.raises(DomainError) as caught:
            register_incoming(
                actor=cast.clerk, body=office.province, arrival=arrival(), file=upload
            )
        assert caught.value.code == code
    assert _state() == before
    assert _stored_files(media) == []


def test_bad_fields_are_refused_with_a_code(office: Province, cast: Cast, media: Path) -> None:
    before = _state()
    for changes in (
        {"summary": "   "},
        {"notation": ""},
        {"pages": 0},
        {"urgency": "very"},
    ):
        with pytest.raises(DomainError) as caught:
            registered(cast, office, **changes)
        assert caught.value.code == OfficeError.INVALID_FIELD
    assert _state() == before


@pytest.mark.parametrize("who", ["specialist", "head", "leader", "outsider", "citizen"])
def test_only_the_bodys_clerk_registers(
    office: Province, cast: Cast, media: Path, who: str
) -> None:
    before = _state()
    with pytest.raises(DomainError) as caught:
        register_incoming(
            actor=getattr(cast, who), body=office.province, arrival=arrival(), file=pdf()
        )
    assert caught.value.code == OfficeError.PERMISSION_DENIED
    assert _state() == before
    assert _stored_files(media) == []


def test_secret_documents_run_their_own_series_and_are_seen_only_by_named_people(
    office: Province, cast: Cast
) -> None:
    registered(cast, office)
    secret = registered(cast, office, secrecy=Secrecy.SECRET, notation="02/QĐ-BQP")
    assert (secret.register.name, secret.register.confidential, secret.arrival_number) == (
        "Sổ văn bản đến mật",
        True,
        1,
    )
    assert list(visible_incoming(cast.leader).filter(pk=secret.pk)) == [secret]
    assert list(visible_incoming(cast.clerk).filter(pk=secret.pk)) == [secret]
    for outsider in (cast.head, cast.specialist, cast.outsider, cast.admin):
        assert not visible_incoming(outsider).filter(pk=secret.pk).exists()


def test_arrival_numbers_restart_on_1_january(office: Province, cast: Cast) -> None:
    december = {"issued_on": date(2025, 12, 30)}
    late = registered(cast, office, arrived_at=datetime(2025, 12, 31, 16, 0, tzinfo=VN), **december)
    registered(
        cast,
        office,
        arrived_at=datetime(2025, 12, 31, 16, 5, tzinfo=VN),
        notation="2/X",
        **december,
    )
    new = registered(
        cast, office, arrived_at=datetime(2026, 1, 2, 8, 0, tzinfo=VN), notation="3/X", **december
    )
    assert (late.register.year, late.arrival_number) == (2025, 1)
    assert (new.register.year, new.arrival_number) == (2026, 1)


def test_the_register_list_is_the_visible_documents_of_the_overseen_bodies(
    office: Province, cast: Cast
) -> None:
    from egov.office.documents.selectors import OVERSEEING_ROLES, _paths, registered_by_bodies

    first = registered(cast, office)
    secret = registered(cast, office, secrecy=Secrecy.SECRET, notation="02/QĐ-BQP")
    last = registered(cast, office, notation="03/UBND-VP")

    # The latest registered first, the secret one only for those it names.
    assert list(registered_by_bodies(cast.clerk)) == [last, secret, first]
    assert list(registered_by_bodies(cast.leader)) == [last, secret, first]
    for person in (cast.clerk, cast.leader, cast.head, cast.specialist, cast.outsider):
        overseen = _paths(person, OVERSEEING_ROLES)
        visible_there = {
            document
            for document in visible_incoming(person)
            if any(document.body.path.startswith(path) for path in overseen)
        }
        assert set(registered_by_bodies(person)) == visible_there

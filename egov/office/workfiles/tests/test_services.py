"""File lists and work files through their services: exact states, totals and audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from egov.conftest import Cast, Province
from egov.office.documents.models import Secrecy
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.tests.conftest import registered
from egov.office.workfiles import services
from egov.office.workfiles.errors import WorkfileError
from egov.office.workfiles.models import (
    DepositStatus,
    Discard,
    FileListStatus,
    WorkFile,
    WorkFileItem,
    WorkFileStatus,
)
from egov.office.workfiles.tests.conftest import (
    YEAR,
    Filled,
    People,
    entry,
    pdf_upload,
    snapshot,
)
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _events() -> list[str]:
    return list(
        AuditEvent.objects.filter(event_type__startswith="office.workfile.")
        .order_by("pk")
        .values_list("event_type", flat=True)
    )


def _items(work_file: WorkFile) -> list[tuple[int, str, int | None, str, str]]:
    return [
        (item.ordinal, item.kind, item.incoming_id, item.note, item.discard)
        for item in WorkFileItem.objects.filter(work_file=work_file).order_by("ordinal")
    ]


def test_the_list_is_drafted_approved_and_its_file_made_and_closed(
    filled: Filled, cast: Cast, people: People
) -> None:
    work_file = filled.work_file
    duplicate = services.add_note(
        actor=people.maker, work_file=work_file, text="Bản chụp trùng", dated=date(2026, 3, 1)
    )
    services.mark_item(
        actor=people.maker, work_file=work_file, item_id=duplicate.pk, discard=Discard.DUPLICATE
    )

    closed = services.close_file(actor=people.maker, work_file=work_file)

    assert closed.file_list.status == FileListStatus.APPROVED
    assert closed.file_list.approved_by == cast.leader
    assert closed.status == WorkFileStatus.CLOSED
    assert (closed.start_date, closed.end_date) == (date(2026, 2, 27), date(2026, 3, 5))
    # The decision has 3 pages, the letter 2, the note's PDF 2; the duplicate is gone.
    assert (closed.doc_total, closed.page_total) == (3, 7)
    # Ordered by date: the letter (27/02), the decision (02/03), the note (05/03).
    assert _items(closed) == [
        (1, "incoming", filled.letter.pk, "", ""),
        (2, "incoming", filled.decision.pk, "", ""),
        (3, "note", None, "Biên bản họp tổ công tác ngày 05/03/2026", ""),
    ]
    assert _events() == [
        "office.workfile.list_entry_added",
        "office.workfile.list_approved",
        "office.workfile.opened",
        "office.workfile.document_added",
        "office.workfile.document_added",
        "office.workfile.note_added",
        "office.workfile.note_added",
        "office.workfile.item_marked",
        "office.workfile.closed",
    ]
    closing = AuditEvent.objects.get(event_type="office.workfile.closed")
    assert closing.details == {"dropped": [duplicate.pk], "doc_total": 3, "page_total": 7}
    assert closing.actor == people.maker


def test_one_document_goes_into_two_files_but_once_into_each(
    filled: Filled, office: Province, cast: Cast, people: People
) -> None:
    second = services.add_list_entry(
        actor=cast.head,
        unit=office.justice,
        year=YEAR + 1,
        entry=entry(people.maker, notation="02.TP", title="Hồ sơ tổng kết"),
    )
    services.approve_list(actor=cast.leader, unit=office.justice, year=YEAR + 1)
    services.open_file(actor=people.maker, work_file=second)

    services.add_document(actor=people.maker, work_file=second, document_id=filled.decision.pk)

    assert WorkFileItem.objects.filter(incoming=filled.decision).count() == 2
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.add_document(actor=people.maker, work_file=second, document_id=filled.decision.pk)
    assert refused.value.code == WorkfileError.ALREADY_IN_FILE
    assert snapshot() == before


def test_secret_documents_and_documents_out_of_sight_stay_out(
    opened: WorkFile, office: Province, cast: Cast, people: People
) -> None:
    secret = assign_incoming(
        actor=cast.leader,
        document=registered(cast, office, notation="7/QĐ-BTP", secrecy=Secrecy.SECRET),
        assignment=Assignment(lead_user=people.maker),
    )
    unseen = registered(cast, office, notation="9/QĐ-BTP")
    before = snapshot()
    with pytest.raises(DomainError) as secret_refused:
        services.add_document(actor=people.maker, work_file=opened, document_id=secret.pk)
    with pytest.raises(DomainError) as unseen_refused:
        services.add_document(actor=people.maker, work_file=opened, document_id=unseen.pk)
    assert (secret_refused.value.code, secret_refused.value.status) == (
        WorkfileError.SECRET_DOCUMENT,
        422,
    )
    assert (unseen_refused.value.code, unseen_refused.value.status) == (
        WorkfileError.NOT_FOUND,
        404,
    )
    assert snapshot() == before


def test_items_are_taken_out_while_open_and_never_after_closing(
    filled: Filled, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    work_file = filled.work_file
    note = WorkFileItem.objects.get(work_file=work_file, kind="note")
    stored = note.note_file.name
    storage = note.note_file.storage
    assert storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_item(actor=people.maker, work_file=work_file, item_id=note.pk)

    assert not storage.exists(stored)

    assert [kind for _o, kind, *_rest in _items(work_file)] == ["incoming", "incoming"]
    services.close_file(actor=people.maker, work_file=work_file)
    kept = WorkFileItem.objects.filter(work_file=work_file).first()
    assert kept is not None
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.remove_item(actor=people.maker, work_file=work_file, item_id=kept.pk)
    assert refused.value.code == WorkfileError.WRONG_STATE
    assert snapshot() == before


def test_the_list_rules(office: Province, cast: Cast, people: People) -> None:
    services.add_list_entry(
        actor=cast.head, unit=office.justice, year=YEAR, entry=entry(people.maker)
    )
    cases = [
        (entry(people.maker), WorkfileError.CODE_TAKEN),
        (entry(people.maker, notation="02.TP", retention_years=0), WorkfileError.INVALID_FIELD),
        (entry(people.maker, notation="03.TP", title="  "), WorkfileError.INVALID_FIELD),
        (entry(cast.outsider, notation="04.TP"), WorkfileError.RESPONSIBLE_NOT_ELIGIBLE),
    ]
    before = snapshot()
    for line, code in cases:
        with pytest.raises(DomainError) as refused:
            services.add_list_entry(actor=cast.head, unit=office.justice, year=YEAR, entry=line)
        assert refused.value.code == code
    assert snapshot() == before

    planned = WorkFile.objects.get()
    with pytest.raises(DomainError) as too_early:
        services.open_file(actor=people.maker, work_file=planned)
    assert too_early.value.code == WorkfileError.LIST_NOT_APPROVED
    services.approve_list(actor=cast.leader, unit=office.justice, year=YEAR)
    before = snapshot()
    with pytest.raises(DomainError) as frozen:
        services.add_list_entry(
            actor=cast.head,
            unit=office.justice,
            year=YEAR,
            entry=entry(people.maker, notation="05.TP"),
        )
    assert frozen.value.code == WorkfileError.LIST_APPROVED
    assert snapshot() == before


def test_an_empty_file_is_not_closed(opened: WorkFile, people: People) -> None:
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        services.close_file(actor=people.maker, work_file=opened)
    assert refused.value.code == WorkfileError.EMPTY_FILE
    assert snapshot() == before


@pytest.mark.parametrize(
    ("years", "maintenance", "must"),
    [(None, "Vĩnh viễn", True), (5, "5 năm", True), (70, "70 năm", True), (2, "2 năm", False)],
)
def test_files_kept_five_years_or_more_must_be_deposited(
    years: int | None, maintenance: str, must: bool
) -> None:
    work_file = WorkFile(retention_years=years, end_date=date(2028, 2, 29))
    assert (work_file.maintenance, work_file.must_deposit) == (maintenance, must)
    assert work_file.deposit_due == date(2029, 2, 28)


def test_a_closed_file_is_deposited_and_received(
    filled: Filled, cast: Cast, people: People
) -> None:
    work_file = services.close_file(actor=people.maker, work_file=filled.work_file)
    before = snapshot()
    with pytest.raises(DomainError) as not_yet:
        services.receive_deposit(actor=cast.clerk, work_file=work_file)
    assert not_yet.value.code == WorkfileError.DEPOSIT_STATE
    assert snapshot() == before

    services.request_deposit(actor=people.maker, work_file=work_file)
    received = services.receive_deposit(actor=cast.clerk, work_file=work_file)

    assert received.deposit_status == DepositStatus.RECEIVED
    assert (received.deposit_requested_by, received.deposit_received_by) == (
        people.maker,
        cast.clerk,
    )
    assert _events()[-2:] == [
        "office.workfile.deposit_requested",
        "office.workfile.deposit_received",
    ]


def test_nobody_else_changes_the_list_or_the_file(
    filled: Filled, office: Province, cast: Cast, people: People
) -> None:
    """A colleague, a specialist of another commune and a citizen: refused, nothing changed."""
    work_file = filled.work_file
    item = WorkFileItem.objects.filter(work_file=work_file).first()
    assert item is not None
    strangers = [people.colleague, cast.outsider, cast.citizen]
    actions: list[Callable[[User], object]] = [
        lambda who: services.add_list_entry(
            actor=who, unit=office.justice, year=YEAR + 1, entry=entry(people.maker)
        ),
        lambda who: services.approve_list(actor=who, unit=office.justice, year=YEAR),
        lambda who: services.add_document(
            actor=who, work_file=work_file, document_id=filled.decision.pk
        ),
        lambda who: services.add_note(actor=who, work_file=work_file, text="Ghi chú"),
        lambda who: services.add_note(
            actor=who, work_file=work_file, text="Ghi chú", file=pdf_upload()
        ),
        lambda who: services.mark_item(
            actor=who, work_file=work_file, item_id=item.pk, discard=Discard.DRAFT
        ),
        lambda who: services.remove_item(actor=who, work_file=work_file, item_id=item.pk),
        lambda who: services.close_file(actor=who, work_file=work_file),
        lambda who: services.open_file(actor=who, work_file=work_file),
        lambda who: services.request_deposit(actor=who, work_file=work_file),
        lambda who: services.receive_deposit(actor=who, work_file=work_file),
    ]
    before = snapshot()
    codes = []
    for who in strangers:
        for action in actions:
            with pytest.raises(DomainError) as refused:
                action(who)
            codes.append((who.username, refused.value.status))
    assert snapshot() == before
    # The colleague may not read the file (404) nor draft or approve (403).
    assert codes == [
        (who.username, status)
        for who in strangers
        for status in (403, 403, 404, 404, 404, 404, 404, 404, 404, 404, 404)
    ]
    # The head reads the file but does not make it; the maker does not receive deposits.
    with pytest.raises(DomainError) as head_refused:
        services.close_file(actor=cast.head, work_file=work_file)
    assert head_refused.value.code == WorkfileError.NOT_ALLOWED
    assert snapshot() == before


def test_a_note_with_a_file_that_is_not_a_pdf_leaves_nothing(
    opened: WorkFile, people: People, media: Path
) -> None:
    before = snapshot()
    files_before = sorted(p for p in media.rglob("*") if p.is_file())
    with pytest.raises(DomainError) as refused:
        services.add_note(
            actor=people.maker,
            work_file=opened,
            text="Biên bản",
            file=SimpleUploadedFile(
                "bien-ban.pdf", b"%PDF-1.4 hong", content_type="application/pdf"
            ),
        )
    assert (refused.value.code, refused.value.status) == ("office_file_not_pdf", 422)
    assert refused.value.message == "Tệp «bien-ban.pdf» không phải tệp PDF đọc được."
    assert snapshot() == before
    assert sorted(p for p in media.rglob("*") if p.is_file()) == files_before

"""Registers and numbers: gapless under concurrency, reset each year, symbols by Decree 30."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import close_old_connections, connection, transaction

from egov.conftest import Cast, Province
from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    Direction,
    DocumentType,
    Register,
    RegisterEntry,
)
from egov.office.documents.services.registers import issue_number, open_year, register_for
from egov.office.documents.symbols import compose_notation
from egov.office.documents.tests.conftest import doc_type, letter
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError

postgresql_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="row locks under real concurrency need PostgreSQL (SQLite serialises writers)",
)
ISSUERS = 50


def _outgoing(province: Province, year: int = 2026, confidential: bool = False) -> Register:
    return register_for(
        body=province.province,
        year=year,
        direction=Direction.OUTGOING,
        confidential=confidential,
        document_type=doc_type("QĐ"),
    )


def test_the_29_types_of_decree_30_are_loaded(db: None) -> None:
    assert DocumentType.objects.count() == 29
    assert list(DocumentType.objects.values_list("abbreviation", flat=True)[:5]) == [
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
    ]
    # Case- and diacritic-sensitive: each of these is its own type.
    assert DocumentType.objects.get(abbreviation="HĐ").name == "Hợp đồng"
    assert DocumentType.objects.get(abbreviation="HD").name == "Hướng dẫn"
    assert DocumentType.objects.get(abbreviation="ĐA").name == "Đề án"
    assert DocumentType.objects.get(abbreviation="DA").name == "Dự án"
    assert letter().name == "Công văn"


@pytest.mark.parametrize(
    ("number", "abbreviation", "is_letter", "unit", "expected"),
    [
        (15, "QĐ", False, "", "15/QĐ-UBND"),
        (5, "QĐ", False, "", "05/QĐ-UBND"),
        (120, "", True, "VP", "120/UBND-VP"),
        (3, "", True, "", "03/UBND"),
        (7, "TTr", False, "VP", "07/TTr-UBND"),
        (42, "KH", False, "", "42/KH-UBND"),
        (1, "QyĐ", False, "", "01/QyĐ-UBND"),
    ],
)
def test_symbols_follow_decree_30(
    number: int, abbreviation: str, is_letter: bool, unit: str, expected: str
) -> None:
    notation = compose_notation(
        number=number,
        type_abbreviation=abbreviation,
        is_letter=is_letter,
        body_abbreviation="UBND",
        unit_abbreviation=unit,
    )
    assert notation == expected


def test_a_symbol_needs_the_bodys_abbreviation() -> None:
    with pytest.raises(DomainError) as caught:
        compose_notation(number=1, type_abbreviation="QĐ", is_letter=False, body_abbreviation="")
    assert caught.value.code == OfficeError.BODY_WITHOUT_ABBREVIATION


def test_a_new_body_gets_the_four_usual_registers(abbreviations: Province) -> None:
    registers = open_year(abbreviations.province, 2026)
    assert sorted((r.direction, r.confidential, r.name) for r in registers) == [
        ("incoming", False, "Sổ văn bản đến"),
        ("incoming", True, "Sổ văn bản đến mật"),
        ("outgoing", False, "Sổ văn bản đi"),
        ("outgoing", True, "Sổ văn bản đi mật"),
    ]


def test_numbers_and_symbols_issued_in_order(abbreviations: Province, cast: Cast) -> None:
    register = _outgoing(abbreviations)
    first = issue_number(actor=cast.clerk, register=register, document_type=doc_type("QĐ"))
    second = issue_number(
        actor=cast.clerk,
        register=register,
        document_type=letter(),
        drafting_unit=abbreviations.centre,
    )
    third = issue_number(actor=cast.clerk, register=register, document_type=doc_type("TB"))
    assert [first.notation, second.notation, third.notation] == [
        "01/QĐ-UBND",
        "02/UBND-VP",
        "03/TB-UBND",
    ]
    assert AuditEvent.objects.filter(event_type="office.number_issued").count() == 3


def test_a_type_given_its_own_register_is_numbered_there(
    abbreviations: Province, cast: Cast
) -> None:
    open_year(abbreviations.province, 2026)
    decisions = Register.objects.create(
        body=abbreviations.province, year=2026, direction=Direction.OUTGOING, name="Sổ quyết định"
    )
    decisions.types.add(doc_type("QĐ"))
    general = register_for(
        body=abbreviations.province,
        year=2026,
        direction=Direction.OUTGOING,
        confidential=False,
        document_type=doc_type("TB"),
    )
    assert _outgoing(abbreviations) == decisions
    assert general.name == "Sổ văn bản đi"
    issue_number(actor=cast.clerk, register=general, document_type=doc_type("TB"))
    entry = issue_number(actor=cast.clerk, register=decisions, document_type=doc_type("QĐ"))
    assert entry.notation == "01/QĐ-UBND"


def test_confidential_documents_have_their_own_series(abbreviations: Province, cast: Cast) -> None:
    ordinary = _outgoing(abbreviations)
    secret = _outgoing(abbreviations, confidential=True)
    issue_number(actor=cast.clerk, register=ordinary, document_type=doc_type("QĐ"))
    issue_number(actor=cast.clerk, register=ordinary, document_type=doc_type("QĐ"))
    entry = issue_number(actor=cast.clerk, register=secret, document_type=doc_type("QĐ"))
    assert (entry.number, entry.notation, entry.confidential) == (1, "01/QĐ-UBND", True)


def test_numbers_start_again_from_1_on_1_january(abbreviations: Province, cast: Cast) -> None:
    old = _outgoing(abbreviations, year=2026)
    decisions = Register.objects.create(
        body=abbreviations.province, year=2026, direction=Direction.OUTGOING, name="Sổ quyết định"
    )
    decisions.types.add(doc_type("QĐ"))
    for _ in range(3):
        issue_number(actor=cast.clerk, register=old, document_type=doc_type("TB"))
    new_year = register_for(
        body=abbreviations.province,
        year=2027,
        direction=Direction.OUTGOING,
        confidential=False,
        document_type=doc_type("QĐ"),
    )
    entry = issue_number(actor=cast.clerk, register=new_year, document_type=doc_type("QĐ"))
    assert (new_year.name, new_year.year, entry.number, entry.notation) == (
        "Sổ quyết định",
        2027,
        1,
        "01/QĐ-UBND",
    )
    # The year's registers were opened from the year before, types and all.
    assert Register.objects.filter(body=abbreviations.province, year=2027).count() == 5
    assert old.last_number == 3


def test_a_rolled_back_issue_leaves_no_gap(abbreviations: Province, cast: Cast) -> None:
    register = _outgoing(abbreviations)
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_number(actor=cast.clerk, register=register, document_type=doc_type("QĐ"))
        raise RuntimeError("the document's file could not be stored")
    entry = issue_number(actor=cast.clerk, register=register, document_type=doc_type("QĐ"))
    assert entry.number == 1
    assert list(RegisterEntry.objects.values_list("number", flat=True)) == [1]


def test_only_the_bodys_clerk_issues_numbers(abbreviations: Province, cast: Cast) -> None:
    register = _outgoing(abbreviations)
    for someone in (cast.specialist, cast.leader, cast.outsider, cast.citizen):
        with pytest.raises(DomainError) as caught:
            issue_number(actor=someone, register=register, document_type=doc_type("QĐ"))
        assert caught.value.code == OfficeError.PERMISSION_DENIED
    register.refresh_from_db()
    assert register.last_number == 0
    assert RegisterEntry.objects.count() == 0
    assert AuditEvent.objects.filter(event_type="office.number_issued").count() == 0


def test_an_incoming_register_issues_no_outgoing_numbers(
    abbreviations: Province, cast: Cast
) -> None:
    incoming = register_for(
        body=abbreviations.province, year=2026, direction=Direction.INCOMING, confidential=False
    )
    with pytest.raises(DomainError) as caught:
        issue_number(actor=cast.clerk, register=incoming, document_type=doc_type("QĐ"))
    assert caught.value.code == OfficeError.WRONG_DIRECTION
    incoming.refresh_from_db()
    assert incoming.last_number == 0


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_clerks_at_once_get_1_to_50(abbreviations: Province, cast: Cast) -> None:
    register = _outgoing(abbreviations)
    barrier = threading.Barrier(ISSUERS)
    numbers: list[int] = []
    notations: list[str] = []
    errors: list[BaseException] = []

    def clerk() -> None:
        try:
            barrier.wait(timeout=30)
            entry = issue_number(actor=cast.clerk, register=register, document_type=doc_type("QĐ"))
            numbers.append(entry.number)
            notations.append(entry.notation)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=clerk) for _ in range(ISSUERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(numbers) == list(range(1, ISSUERS + 1))
    assert sorted(notations) == sorted(f"{n:02d}/QĐ-UBND" for n in range(1, ISSUERS + 1))
    register.refresh_from_db()
    assert register.last_number == ISSUERS
    assert sorted(RegisterEntry.objects.values_list("number", flat=True)) == list(
        range(1, ISSUERS + 1)
    )

"""The payload's two facts that are not on the dossier's row: paid online, digitised."""

from __future__ import annotations

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierDocument, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.payments.models import Payment, PaymentPurpose, PaymentStatus
from egov.onestop.portalsync.mapping import (
    PAID_THROUGH_PROVINCE_GATEWAY,
    PortalFacts,
    portal_facts,
    portal_payload,
)
from egov.onestop.reports.indicators.definition import definition_for


def _pay(dossier: Dossier, cast: Cast, ref: str, status: PaymentStatus) -> None:
    Payment.objects.create(
        dossier=dossier,
        purpose=PaymentPurpose.FEE,
        amount_vnd=8000,
        gateway="sandbox",
        txn_ref=ref,
        status=status,
        payer=cast.citizen,
    )


def _scan(dossier: Dossier, *positions: int) -> None:
    documents = DossierDocument.objects.filter(dossier=dossier)
    documents.filter(procedure_document__position__in=positions).update(scan="scans/a.pdf")


@pytest.mark.parametrize(
    ("received", "scanned", "digitised"),
    [
        ([1, 2], [], False),  # nothing scanned
        ([1, 2], [1], False),  # one received document without its scan
        ([1, 2], [1, 2], True),  # every received document scanned
        ([1, 2], [1, 2, 3], True),  # a scan of one not received changes nothing
        ([1], [1], True),  # the unreceived ones need no scan
        ([], [], False),  # nothing received: nothing digitised
        ([], [3], False),
    ],
)
def test_digitised_means_every_received_document_has_a_scan(
    received: list[int],
    scanned: list[int],
    digitised: bool,
    desk: Desk,
    cast: Cast,
    province: Province,
) -> None:
    dossier = receive(desk, cast, province)
    DossierDocument.objects.filter(dossier=dossier).update(received=False)
    DossierDocument.objects.filter(
        dossier=dossier, procedure_document__position__in=received
    ).update(received=True)
    _scan(dossier, *scanned)

    assert portal_facts(dossier) == PortalFacts(
        paid_gateway="", digitised=digitised, processing_unit="000.01.30.H53"
    )


@pytest.mark.parametrize(
    ("statuses", "paid"),
    [
        ([], False),
        ([PaymentStatus.PENDING], False),
        ([PaymentStatus.FAILED, PaymentStatus.PENDING], False),
        ([PaymentStatus.FAILED, PaymentStatus.PAID], True),
    ],
)
def test_paid_online_means_a_payment_went_through(
    statuses: list[PaymentStatus], paid: bool, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    other = receive(desk, cast, province)
    _pay(other, cast, "OTHER", PaymentStatus.PAID)  # another dossier's payment
    for n, status in enumerate(statuses):
        _pay(dossier, cast, f"T{n}", status)

    assert portal_facts(dossier).paid_online is paid


def test_the_facts_take_one_query(
    desk: Desk,
    cast: Cast,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    dossier = receive(desk, cast, province)
    _scan(dossier, 1, 2)
    _pay(dossier, cast, "T1", PaymentStatus.PAID)

    with django_assert_num_queries(1):
        facts = portal_facts(dossier)

    assert (facts.payment_code, facts.digitised) == (PAID_THROUGH_PROVINCE_GATEWAY, True)


def test_a_payment_through_the_province_gateway_is_code_2(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    assert portal_facts(dossier).payment_code == 0
    _pay(dossier, cast, "T1", PaymentStatus.PAID)  # the sandbox stands for the province's VNPAY
    assert portal_facts(dossier).payment_code == 2


def test_the_payload_reads_the_same_queries_whatever_the_lists_hold(
    desk: Desk,
    cast: Cast,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    dossier = receive(desk, cast, province)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=cast.citizen)
    dossier = Dossier.objects.select_related("procedure__field", "agency").get(pk=dossier.pk)
    # facts, documents, supplements (the fee of a national-rule procedure reads nothing)
    with django_assert_num_queries(3):
        portal_payload(dossier)


@pytest.mark.parametrize(
    ("status", "result_file", "switch", "flag"),
    [
        (DossierStatus.PROCESSING, "", True, 1),  # no result issued yet: the scans suffice
        (DossierStatus.RETURNED, "", True, 0),  # a (paper) result without its electronic one
        (DossierStatus.FINISHED, "", True, 0),
        (DossierStatus.RETURNED, "results/kq.pdf", True, 1),
        (DossierStatus.RETURNED, "", False, 1),  # the definition's switch off
    ],
)
def test_a_digitised_dossier_with_an_issued_result_needs_the_electronic_result(
    status: DossierStatus,
    result_file: str,
    switch: bool,
    flag: int,
    desk: Desk,
    cast: Cast,
    province: Province,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dossier = receive(desk, cast, province)
    DossierDocument.objects.filter(dossier=dossier, received=True).update(scan="scans/a.pdf")
    Dossier.objects.filter(pk=dossier.pk).update(status=status, result_file=result_file)
    dossier.refresh_from_db()
    assert dossier.received_at is not None
    spec = next(
        s
        for _g, s in definition_for(timezone.localdate(dossier.received_at)).indicators
        if s.key == "digitised_components"
    )
    assert spec.params["paper_result_needs_electronic"] is True
    monkeypatch.setitem(spec.params, "paper_result_needs_electronic", switch)

    assert portal_payload(dossier)["HoSoCoThanhPhanSoHoa"] == flag

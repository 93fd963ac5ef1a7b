"""An issued document's attachments go with it: into the incoming documents of the
deployment's own recipient units, and in the edXML message to a directory agency
(where registering makes them the incoming document's attachments). Sealed at issue,
they arrive sealed, byte for byte."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from egov.office.documents.models import IncomingDocument, OutgoingDocument
from egov.office.documents.services.outgoing import (
    ReviewAction,
    create_draft,
    issue_outgoing,
    latest_version,
    review_outgoing,
    send_outgoing,
)
from egov.office.documents.tests.conftest import PDF, abbreviations, media, office, pdf  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    draft,
    drafting_fixture,
)
from egov.office.documents.tests.signing_fixtures import (  # noqa: F401 - the fixtures
    Signing,
    signing_fixture,
    test_pki_fixture,
)
from egov.office.documents.tests.test_outgoing_attachments import signed_with_attachments
from egov.office.exchange import intake
from egov.office.exchange.edxml import model
from egov.office.exchange.edxml.parse import parse_message
from egov.office.exchange.models import ReceivedDocument
from egov.office.exchange.tests.delivery_fixtures import LONG_AN, pump

pytestmark = pytest.mark.django_db

NAMES = ["Phụ lục I.pdf", "Phụ lục II.pdf"]


def _annexes() -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, PDF, content_type="application/pdf") for name in NAMES]


def _issued_files(document: OutgoingDocument) -> tuple[bytes, list[tuple[str, bytes]]]:
    version = latest_version(document)
    assert version is not None
    with version.file.open("rb") as handle:
        main = handle.read()
    annexes = []
    for row in version.attachments.order_by("position"):
        with row.file.open("rb") as handle:
            annexes.append((row.name, handle.read()))
    return main, annexes


def _incoming_annexes(incoming: IncomingDocument) -> list[tuple[str, bytes]]:
    found = []
    for row in incoming.attachments.order_by("pk"):
        with row.file.open("rb") as handle:
            found.append((row.name, handle.read()))
    return found


def _both_ways(d: Drafting, document: OutgoingDocument) -> None:
    """The internal recipient's incoming document and the agency's received message
    carry exactly the issued version's attachments."""
    main, annexes = _issued_files(document)
    assert [name for name, _data in annexes] == NAMES

    [internal] = IncomingDocument.objects.filter(body=d.office.long_an)
    assert _incoming_annexes(internal) == annexes

    pump()
    received = ReceivedDocument.objects.get(notation=document.notation)
    assert received.body.agency_code == LONG_AN
    with received.message.open("rb") as handle:
        message = parse_message(handle.read())
    assert isinstance(message, model.DocumentMessage)
    assert [(a.content_id, a.name, a.data) for a in message.attachments] == [
        ("1", f"{document.notation.replace('/', '_')}.pdf", main),
        ("2", NAMES[0], annexes[0][1]),
        ("3", NAMES[1], annexes[1][1]),
    ]
    # Long An is both recipients (the fixture's only unit with a clerk and a leader), so
    # the document office's duplicate warning is confirmed.
    registered = intake.register_received(
        actor=d.long_an_clerk, received=received, confirm_duplicate=True
    )
    assert _incoming_annexes(registered) == annexes
    with registered.file.open("rb") as handle:
        assert handle.read() == main


def test_sealed_attachments_reach_the_internal_and_the_exchange_recipients(
    signing: Signing,
) -> None:
    d = signing.drafting
    document = signed_with_attachments(
        signing,
        _annexes(),
        internal_units=[d.office.long_an],
        external_names=[],
        exchange_agencies=[LONG_AN],
    )
    document = issue_outgoing(actor=d.cast.clerk, document=document)

    version = latest_version(document)
    assert version is not None
    assert list(version.attachments.values_list("sealed", flat=True)) == [True, True]
    _both_ways(d, document)


def test_unsigned_attachments_go_the_same_ways(drafting: Drafting) -> None:
    d = drafting
    document = create_draft(
        actor=d.drafter,
        draft=draft(
            d,
            reviewer=None,
            internal_units=[d.office.long_an],
            external_names=[],
            exchange_agencies=[LONG_AN],
        ),
        file=pdf(),
        attachments=_annexes(),
    )
    document = send_outgoing(actor=d.drafter, document=document)
    document = review_outgoing(actor=d.cast.leader, document=document, action=ReviewAction.APPROVE)
    document = issue_outgoing(actor=d.cast.clerk, document=document)

    _, annexes = _issued_files(document)
    assert annexes == [(NAMES[0], PDF), (NAMES[1], PDF)]
    _both_ways(d, document)

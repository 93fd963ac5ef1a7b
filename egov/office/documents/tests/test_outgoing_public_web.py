"""The "Công khai trên cổng thông tin" button of an outgoing document's page
(Decree 42/2022/NĐ-CP art. 4; services/publicity.py): the body's clerk or
leader puts a document on the portal or takes it off; nobody else may."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from egov.conftest import login
from egov.office.documents.models import OutgoingDocument, Secrecy
from egov.office.documents.services.outgoing import issue_outgoing
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    approved,
    drafting_fixture,
)
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

BUTTON = '<button type="submit">Công khai trên cổng thông tin</button>'
WITHDRAW = '<button type="submit">Thôi công khai</button>'


def _client(user: User) -> Client:
    client = Client()
    login(client, user)
    return client


def _state(document: OutgoingDocument) -> tuple[Any, ...]:
    document.refresh_from_db()
    return (
        document.public,
        document.updated_at,
        AuditEvent.objects.filter(event_type__startswith="office.outgoing_made_").count(),
    )


@pytest.fixture
def issued(drafting: Drafting) -> OutgoingDocument:
    return issue_outgoing(actor=drafting.cast.clerk, document=approved(drafting))


def test_the_clerk_puts_an_issued_document_on_the_portal_and_takes_it_off(
    drafting: Drafting, issued: OutgoingDocument
) -> None:
    clerk = _client(drafting.cast.clerk)
    url = f"/van-ban/di/{issued.pk}/"
    before = clerk.get(url).content.decode()

    made = clerk.post(f"{url}cong-khai/", {"public": "1"})
    shown = clerk.get(url).content.decode()
    issued.refresh_from_db()
    public_after_make = issued.public
    withdrawn = clerk.post(f"{url}cong-khai/", {"public": "0"})
    issued.refresh_from_db()

    assert BUTTON in before and WITHDRAW not in before
    assert (made.status_code, made["Location"]) == (302, url)
    assert public_after_make is True
    assert "Đã công khai văn bản trên cổng thông tin." in shown
    assert WITHDRAW in shown and BUTTON not in shown
    assert "Văn bản đang được công khai trên trang thông tin của cơ quan" in shown
    assert (withdrawn.status_code, issued.public) == (302, False)
    events = AuditEvent.objects.filter(event_type__startswith="office.outgoing_made_")
    assert list(events.order_by("pk").values_list("event_type", "actor")) == [
        ("office.outgoing_made_public", drafting.cast.clerk.pk),
        ("office.outgoing_made_private", drafting.cast.clerk.pk),
    ]


def test_the_leader_may_too(drafting: Drafting, issued: OutgoingDocument) -> None:
    response = _client(drafting.cast.leader).post(
        f"/van-ban/di/{issued.pk}/cong-khai/", {"public": "1"}
    )
    issued.refresh_from_db()

    assert (response.status_code, issued.public) == (302, True)


def test_the_drafter_sees_no_button_and_is_refused(
    drafting: Drafting, issued: OutgoingDocument
) -> None:
    drafter = _client(drafting.drafter)
    before = _state(issued)
    page = drafter.get(f"/van-ban/di/{issued.pk}/").content.decode()

    response = drafter.post(f"/van-ban/di/{issued.pk}/cong-khai/", {"public": "1"})

    assert BUTTON not in page
    assert response.status_code == 403
    assert (
        "Chỉ văn thư hoặc lãnh đạo cơ quan ban hành mới công khai được văn bản."
        in response.content.decode()
    )
    assert _state(issued) == before


def test_another_units_clerk_gets_not_found(drafting: Drafting, issued: OutgoingDocument) -> None:
    before = _state(issued)

    response = _client(drafting.long_an_clerk).post(
        f"/van-ban/di/{issued.pk}/cong-khai/", {"public": "1"}
    )

    assert response.status_code == 404
    assert _state(issued) == before


@pytest.mark.parametrize("value", ["", "yes", "2"])
def test_a_choice_other_than_on_or_off_is_refused(
    drafting: Drafting, issued: OutgoingDocument, value: str
) -> None:
    before = _state(issued)

    response = _client(drafting.cast.clerk).post(
        f"/van-ban/di/{issued.pk}/cong-khai/", {"public": value}
    )

    assert response.status_code == 422
    assert "Lựa chọn công khai không hợp lệ." in response.content.decode()
    assert _state(issued) == before


def test_a_classified_document_has_no_button_and_is_refused(drafting: Drafting) -> None:
    # Its signer, the province's leader, is named on it and may read it.
    document = approved(drafting, secrecy=Secrecy.SECRET, internal_units=[], reviewer=None)
    leader = _client(drafting.cast.leader)
    before = _state(document)
    page = leader.get(f"/van-ban/di/{document.pk}/")

    response = leader.post(f"/van-ban/di/{document.pk}/cong-khai/", {"public": "1"})

    assert page.status_code == 200
    assert BUTTON not in page.content.decode()
    assert response.status_code == 422
    assert "Văn bản mật không được công khai trên cổng thông tin." in response.content.decode()
    assert _state(document) == before

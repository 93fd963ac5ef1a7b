"""Shared pieces of the outgoing-document tests: the drafting specialist, a draft, an issue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from egov.conftest import Cast, Province, make_staff
from egov.office.documents.models import OutgoingDocument
from egov.office.documents.services.outgoing import (
    Draft,
    ReviewAction,
    create_draft,
    review_outgoing,
    send_outgoing,
)
from egov.office.documents.tests.conftest import doc_type, ensure_document_types, pdf
from egov.platform.accounts.models import Role, User

SUMMARY = "Về việc triển khai đăng ký hộ tịch trực tuyến năm 2026"


@dataclass
class Drafting:
    """Sở Tư pháp drafts for Tỉnh Tây Ninh; Phường Long An has its own clerk and leader."""

    office: Province
    cast: Cast
    drafter: User
    long_an_clerk: User
    long_an_leader: User


@pytest.fixture(name="drafting")
def drafting_fixture(office: Province, cast: Cast) -> Drafting:
    ensure_document_types()
    return Drafting(
        office=office,
        cast=cast,
        drafter=make_staff("chuyenvien.stp", "Ngô Thanh Sơn", (office.justice, Role.SPECIALIST)),
        long_an_clerk=make_staff("vanthu.longan", "Trịnh Thu Trang", (office.long_an, Role.CLERK)),
        long_an_leader=make_staff(
            "lanhdao.longan", "Huỳnh Văn Phúc", (office.long_an, Role.LEADER)
        ),
    )


def draft(d: Drafting, **changes: Any) -> Draft:
    values: dict[str, Any] = {
        "document_type": doc_type("QĐ"),
        "summary": SUMMARY,
        "signer": d.cast.leader,
        "reviewer": d.cast.head,
        "internal_units": [d.office.long_an],
        "external_names": ["Bộ Tư pháp"],
    }
    values.update(changes)
    return Draft(**values)


def drafted(d: Drafting, **changes: Any) -> OutgoingDocument:
    return create_draft(actor=d.drafter, draft=draft(d, **changes), file=pdf())


def approved(d: Drafting, **changes: Any) -> OutgoingDocument:
    document = drafted(d, **changes)
    document = send_outgoing(actor=d.drafter, document=document)
    if document.reviewer_id is not None:
        document = review_outgoing(actor=d.cast.head, document=document, action=ReviewAction.PASS)
    return review_outgoing(actor=d.cast.leader, document=document, action=ReviewAction.APPROVE)

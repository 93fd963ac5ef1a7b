"""Other controlled documents (issue 19 item 1): policy, objectives, forms, with edition rules."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.onestop.quality.controlled import create_document, redraft_document
from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.models import DocumentKind, Edition, EditionStatus, QualityProcedure
from egov.onestop.quality.services import approve_edition, edit_note, review_edition
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError

pytestmark = pytest.mark.django_db

POLICY = "Phục vụ người dân nhanh chóng, đúng hẹn, công khai."


@pytest.fixture
def head(province: Province) -> User:
    return make_staff("chutich", "Nguyễn Văn Bình", (province.long_an, Role.HEAD))


def snapshot() -> tuple[list[Any], list[Any], int]:
    return (
        list(QualityProcedure.objects.order_by("pk").values()),
        list(Edition.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def test_a_policy_goes_through_drafts_approval_and_locked_editions(
    cast: Cast, province: Province, head: User
) -> None:
    with time_machine.travel("2026-03-02T09:00:00+07:00", tick=False):
        first = create_document(
            actor=cast.admin,
            agency=province.long_an,
            kind=DocumentKind.POLICY,
            code="CSCL",
            title="Chính sách chất lượng",
            text="Bản nháp.",
        )
        # A draft is refreshed while open, not doubled.
        again = redraft_document(actor=cast.admin, document=first.document, text=POLICY)
        review_edition(actor=head, edition=first)
        approve_edition(actor=head, edition=first)
    with time_machine.travel("2026-09-01T09:00:00+07:00", tick=False):
        second = redraft_document(
            actor=cast.admin, document=first.document, text=POLICY + "\nKhông ngừng cải tiến."
        )
        edit_note(actor=cast.admin, edition=second, change_note="Bổ sung cam kết cải tiến.")
        approve_edition(actor=head, edition=second)
    first.refresh_from_db()
    second.refresh_from_db()

    document = first.document
    assert (document.kind, document.code, document.name, document.procedure) == (
        "policy",
        "CSCL",
        "Chính sách chất lượng",
        None,
    )
    assert again.pk == first.pk
    assert (first.number, first.status, str(first.issued_on), first.content) == (
        1,
        EditionStatus.SUPERSEDED,
        "2026-03-02",
        {"kind": "policy", "title": "Chính sách chất lượng", "text": POLICY},
    )
    assert (second.number, second.status, str(second.issued_on), second.change_note) == (
        2,
        EditionStatus.APPROVED,
        "2026-09-01",
        "Bổ sung cam kết cải tiến.",
    )
    assert second.content["text"] == POLICY + "\nKhông ngừng cải tiến."
    # Earlier editions are locked.
    with pytest.raises(DomainError) as locked:
        edit_note(actor=cast.admin, edition=first, change_note="Sửa lại")
    assert locked.value.code == QualityError.EDITION_LOCKED
    # The same text as the edition in force proposes nothing.
    with pytest.raises(DomainError) as unchanged:
        redraft_document(actor=cast.admin, document=document, text=second.content["text"])
    assert (unchanged.value.code, unchanged.value.message) == (
        "invalid_document",
        "Nội dung không thay đổi so với lần ban hành gần nhất.",
    )
    assert list(
        AuditEvent.objects.filter(
            target_id=str(document.pk), event_type="quality.document_created"
        ).values_list("details", flat=True)
    ) == [{"document": "CSCL", "kind": "policy", "title": "Chính sách chất lượng"}]
    assert list(
        AuditEvent.objects.filter(event_type__startswith="quality.edition_")
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == [
        "quality.edition_proposed",
        "quality.edition_redrafted",
        "quality.edition_reviewed",
        "quality.edition_approved",
        "quality.edition_proposed",
        "quality.edition_noted",
        "quality.edition_approved",
    ]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("kind", "procedure", "invalid_document"),
        ("code", "CS CL", "invalid_document"),
        ("title", " ", "invalid_document"),
        ("text", "", "invalid_document"),
        ("code", "cscl", "document_exists"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(
    cast: Cast, province: Province, field: str, value: str, code: str
) -> None:
    create_document(
        actor=cast.admin,
        agency=province.long_an,
        kind=DocumentKind.OBJECTIVES,
        code="CSCL",
        title="Mục tiêu chất lượng năm 2026",
        text="Tỷ lệ hồ sơ đúng hạn từ 98% trở lên.",
    )
    before = snapshot()
    values = {
        "kind": "form",
        "code": "BM-01",
        "title": "Phiếu khảo sát",
        "text": "Ông/bà đánh giá...",
        field: value,
    }
    with pytest.raises(DomainError) as refused:
        create_document(actor=cast.admin, agency=province.long_an, **values)
    assert refused.value.code == code
    assert snapshot() == before


def test_the_pages_create_and_redraft_and_refuse_others(
    client: Client, cast: Cast, province: Province, edition: Edition
) -> None:
    form = {
        "agency": str(province.long_an.pk),
        "kind": "objectives",
        "code": "MTCL-2026",
        "title": "Mục tiêu chất lượng năm 2026",
        "text": "Tỷ lệ hồ sơ đúng hạn từ 98% trở lên.",
    }
    message = "Chỉ lãnh đạo hoặc quản trị của cơ quan được soạn tài liệu chất lượng."
    before = snapshot()
    login(client, cast.specialist)
    offered = 'href="/chat-luong/tai-lieu/moi/"' in client.get("/chat-luong/").content.decode()
    page = client.get("/chat-luong/tai-lieu/moi/")
    refused = client.post("/chat-luong/tai-lieu/moi/", form)
    login(client, cast.outsider)
    hidden = client.post("/chat-luong/tai-lieu/moi/", form)
    assert (page.status_code, refused.status_code, hidden.status_code) == (403, 403, 404)
    assert offered is False
    assert "Bạn không có quyền soạn tài liệu chất lượng." in page.content.decode()
    assert message in refused.content.decode()
    assert snapshot() == before

    login(client, cast.admin)
    created = client.post("/chat-luong/tai-lieu/moi/", form)
    document = QualityProcedure.objects.get(code="MTCL-2026")
    draft = document.editions.get()
    assert (created.status_code, created["Location"]) == (302, f"/chat-luong/ban/{draft.pk}/")
    shown = client.get(created["Location"]).content.decode()
    assert "<h1>MTCL-2026: Mục tiêu chất lượng năm 2026</h1>" in shown
    assert "<p>Tỷ lệ hồ sơ đúng hạn từ 98% trở lên.</p>" in shown
    assert client.get(f"/chat-luong/ban/{draft.pk}/pdf/").content[:5] == b"%PDF-"
    listed = client.get("/chat-luong/").content.decode()
    assert 'Mục tiêu chất lượng năm 2026 <span class="tag">Mục tiêu chất lượng</span>' in listed
    assert 'href="/chat-luong/tai-lieu/moi/"' in listed

    # A generated procedure is not written by hand.
    generated = client.post(f"/chat-luong/{edition.document.pk}/du-thao/", {"text": "Khác"})
    assert generated.status_code == 409
    assert "hãy sửa ở đó" in generated.content.decode()

    before = snapshot()
    login(client, cast.specialist)
    refused = client.post(f"/chat-luong/{document.pk}/du-thao/", {"text": "Khác"})
    login(client, cast.outsider)
    hidden = client.post(f"/chat-luong/{document.pk}/du-thao/", {"text": "Khác"})
    assert (refused.status_code, hidden.status_code) == (403, 404)
    assert snapshot() == before

    login(client, cast.admin)
    redrafted = client.post(f"/chat-luong/{document.pk}/du-thao/", {"text": "Đúng hạn 99%."})
    assert (redrafted.status_code, document.editions.get().content["text"]) == (
        302,
        "Đúng hạn 99%.",
    )


def test_a_unit_administrator_keeps_documents_in_their_subtree_only(
    cast: Cast, province: Province
) -> None:
    """Delegated administration (issue 19 item 5): another commune's administrator is refused."""
    other_admin = make_staff("quantri2", "Đỗ Văn Nam", (province.tan_ninh, Role.ADMINISTRATOR))
    own = create_document(
        actor=cast.admin,
        agency=province.long_an,
        kind=DocumentKind.FORM,
        code="BM-01",
        title="Phiếu khảo sát ý kiến",
        text="Ông/bà đánh giá thái độ phục vụ...",
    )
    before = snapshot()

    refusals = []
    with pytest.raises(DomainError) as create:
        create_document(
            actor=other_admin,
            agency=province.long_an,
            kind=DocumentKind.FORM,
            code="BM-02",
            title="Phiếu khác",
            text="x",
        )
    refusals.append(create.value.code)
    with pytest.raises(DomainError) as redraft:
        redraft_document(actor=other_admin, document=own.document, text="Sửa")
    refusals.append(redraft.value.code)
    # An administrator words drafts but does not approve them (the head or leader does).
    with pytest.raises(DomainError) as approve:
        approve_edition(actor=cast.admin, edition=own)
    refusals.append(approve.value.code)

    assert refusals == ["permission_denied"] * 3
    assert snapshot() == before
    theirs = create_document(
        actor=other_admin,
        agency=province.tan_ninh,
        kind=DocumentKind.FORM,
        code="BM-01",
        title="Phiếu khảo sát ý kiến",
        text="Ông/bà đánh giá...",
    )
    assert (theirs.document.agency, theirs.document.code, theirs.number) == (
        province.tan_ninh,
        "BM-01",
        1,
    )

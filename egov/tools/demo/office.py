"""The demo province's document office: a year of incoming documents and open work.

About 2,000 incoming documents of the last year are inserted in bulk (the
synthetic generator); then a handful arrive today through the services, as
the clerk would register them, so each demo role has something to do:
`lanhdao` assigns, `truongphong` forwards to a specialist, `chuyenvien`
handles. Run after the demo is loaded, outside its transaction: the
services each run in their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from egov.office.documents.models import (
    Channel,
    DocumentType,
    IncomingDocument,
    UnitAbbreviation,
    Urgency,
)
from egov.office.documents.services.handling import (
    Assignment,
    assign_incoming,
    reassign_incoming,
)
from egov.office.documents.services.incoming import Arrival, register_incoming
from egov.office.documents.services.outgoing import (
    Draft,
    ReviewAction,
    create_draft,
    issue_outgoing,
    review_outgoing,
    send_outgoing,
)
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind
from egov.tools.synthetic.office import OfficeCounts, generate_incoming, generate_outgoing


@dataclass(frozen=True)
class _Letter:
    sender: str
    notation: str
    type_abbreviation: str
    summary: str
    # "present": waits for the leader; "department": with Sở Tư pháp's head;
    # "specialist": forwarded to the specialist.
    stage: str
    urgency: str = Urgency.NORMAL


_TODAY: list[_Letter] = [
    _Letter(
        "Bộ Tư pháp",
        "512/BTP-HTQTCT",
        "",
        "Về việc hướng dẫn đăng ký khai sinh, khai tử trực tuyến liên thông",
        "present",
        Urgency.URGENT,
    ),
    _Letter(
        "Văn phòng Chính phủ",
        "8821/VPCP-KSTT",
        "",
        "Về việc đẩy mạnh thanh toán trực tuyến phí, lệ phí thủ tục hành chính",
        "present",
    ),
    _Letter(
        "Sở Tài chính tỉnh Tây Ninh",
        "145/TTr-STC",
        "TTr",
        "Về việc phân bổ kinh phí số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "present",
    ),
    _Letter(
        "Bộ Tư pháp",
        "498/BTP-HCTP",
        "",
        "Về việc kiểm tra công tác chứng thực bản sao từ bản chính năm 2026",
        "department",
    ),
    _Letter(
        "Cục Hộ tịch, quốc tịch, chứng thực",
        "77/HTQTCT-HT",
        "",
        "Về việc rà soát dữ liệu hộ tịch điện tử trước khi đồng bộ lên cơ sở dữ liệu quốc gia",
        "department",
    ),
    _Letter(
        "Thanh tra Chính phủ",
        "301/TTCP-VP",
        "",
        "Về việc báo cáo công tác tiếp công dân, giải quyết khiếu nại năm 2026",
        "specialist",
    ),
    _Letter(
        "Bộ Tư pháp",
        "455/BTP-PBGDPL",
        "KH",
        "Về việc triển khai Ngày Pháp luật Việt Nam năm 2026",
        "specialist",
    ),
]


def _pdf(letter: _Letter) -> SimpleUploadedFile:
    """A one-page scan of the letter: its sender, number and summary as text."""
    from weasyprint import HTML  # noqa: PLC0415 - only the demo renders letters

    html = (
        f"<h3>{escape(letter.sender.upper())}</h3><p>Số: {escape(letter.notation)}</p>"
        f"<p><b>{escape(letter.summary)}</b></p>"
        "<p>Kính gửi: Ủy ban nhân dân tỉnh Tây Ninh.</p>"
    )
    pdf = HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)  # noqa: S101 - write_pdf() without a target returns bytes
    return SimpleUploadedFile("van-ban.pdf", pdf, content_type="application/pdf")


# (type abbreviation, summary, how far it got, internal recipients, outside recipients)
_DRAFTS: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "BC",
        "Báo cáo công tác tiếp công dân, giải quyết khiếu nại năm 2026",
        "draft",
        (),
        ("Thanh tra Chính phủ",),
    ),
    (
        "",
        "V/v triển khai Ngày Pháp luật Việt Nam năm 2026 trên địa bàn tỉnh",
        "review",
        ("27694",),
        (),
    ),
    (
        "KH",
        "Kế hoạch kiểm tra công tác chứng thực năm 2027",
        "signing",
        # Phường Long An has a leader to present it to once it is issued.
        ("27694",),
        (),
    ),
    (
        "QĐ",
        "Quyết định công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
        "approved",
        (),
        ("Bộ Tư pháp", "Văn phòng Chính phủ"),
    ),
    (
        "",
        "V/v đôn đốc đồng bộ dữ liệu hộ tịch điện tử",
        "issued",
        ("27694",),
        ("Cục Hộ tịch, quốc tịch, chứng thực",),
    ),
]


def _draft_pdf(summary: str) -> SimpleUploadedFile:
    from weasyprint import HTML  # noqa: PLC0415 - only the demo renders drafts

    html = (
        "<h3>ỦY BAN NHÂN DÂN TỈNH TÂY NINH</h3><p>Số: ... (dự thảo)</p>"
        f"<p><b>{escape(summary)}</b></p>"
    )
    pdf = HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)  # noqa: S101 - write_pdf() without a target returns bytes
    return SimpleUploadedFile("du-thao.pdf", pdf, content_type="application/pdf")


def _document_type(abbreviation: str) -> DocumentType:
    if abbreviation:
        return DocumentType.objects.get(abbreviation=abbreviation)
    return DocumentType.objects.get(is_letter=True)


# Abbreviations of the demo units' names in document symbols (Decree 30
# Appendix I: "UBND" for a People's Committee, the department's own for a
# department), entered as an administrator would in the admin.
_ABBREVIATIONS = {
    "Sở Tư pháp": "STP",
    "Sở Nông nghiệp và Môi trường": "SNNMT",
    "Sở Tài chính": "STC",
}


def _abbreviations(province: Unit) -> None:
    UnitAbbreviation.objects.get_or_create(unit=province, defaults={"abbreviation": "UBND"})
    for unit in Unit.objects.filter(parent=province, name__in=_ABBREVIATIONS):
        UnitAbbreviation.objects.get_or_create(
            unit=unit, defaults={"abbreviation": _ABBREVIATIONS[unit.name]}
        )
    for commune in Unit.objects.filter(kind=UnitKind.COMMUNE, agency_code__gt=""):
        UnitAbbreviation.objects.get_or_create(unit=commune, defaults={"abbreviation": "UBND"})


def load_demo_outgoing() -> None:
    """Drafts at each step, so the specialist, head, leader and clerk each have one."""
    _abbreviations(Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80"))
    specialist = User.objects.get(username="chuyenvien")
    head = User.objects.get(username="truongphong")
    leader = User.objects.get(username="lanhdao")
    clerk = User.objects.get(username="vanthu")
    for abbreviation, summary, stage, communes, outside in _DRAFTS:
        document = create_draft(
            actor=specialist,
            draft=Draft(
                document_type=_document_type(abbreviation),
                summary=summary,
                signer=leader,
                reviewer=head,
                internal_units=list(Unit.objects.filter(stat_code__in=communes)),
                external_names=outside,
                # The draft waiting for the leader asks for their digital
                # signature: the demo's leader signs it through the demo's
                # remote signing service, the clerk then seals it on issue.
                signature_required=stage == "signing",
            ),
            file=_draft_pdf(summary),
        )
        if stage == "draft":
            continue
        send_outgoing(actor=specialist, document=document)
        if stage == "review":
            continue
        review_outgoing(actor=head, document=document, action=ReviewAction.PASS)
        if stage == "signing":
            continue
        review_outgoing(actor=leader, document=document, action=ReviewAction.APPROVE)
        if stage == "approved":
            continue
        issue_outgoing(actor=clerk, document=document)


def load_demo_office(
    *, incoming: int = 2000, outgoing: int = 1500, seed: int = 2026
) -> tuple[OfficeCounts, int]:
    """The year in bulk, then today's mail and drafts; returns the bulk counts."""
    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
    _abbreviations(province)
    now = timezone.now()
    counts = generate_incoming(body=province, count=incoming, seed=seed, now=now)
    issued = generate_outgoing(body=province, count=outgoing, seed=seed, now=now)
    # Bulk rows skip the registration event that indexes a document: index
    # them here (details at once, the shared scan's text by the worker).
    call_command("office_search_reindex", stdout=StringIO())
    clerk = User.objects.get(username="vanthu")
    leader = User.objects.get(username="lanhdao")
    head = User.objects.get(username="truongphong")
    specialist = User.objects.get(username="chuyenvien")
    justice = Unit.objects.get(parent=province, name="Sở Tư pháp")
    for minutes, letter in enumerate(_TODAY):
        document: IncomingDocument = register_incoming(
            actor=clerk,
            body=province,
            arrival=Arrival(
                channel=Channel.ELECTRONIC,
                arrived_at=now - timedelta(minutes=90 - 10 * minutes),
                sender=letter.sender,
                notation=letter.notation,
                issued_on=timezone.localdate() - timedelta(days=1),
                document_type=(
                    DocumentType.objects.get(abbreviation=letter.type_abbreviation)
                    if letter.type_abbreviation
                    else DocumentType.objects.get(is_letter=True)
                ),
                summary=letter.summary,
                urgency=letter.urgency,
            ),
            file=_pdf(letter),
            leader=leader,
        )
        if letter.stage == "present":
            continue
        assign_incoming(
            actor=leader,
            document=document,
            assignment=Assignment(
                lead_unit=justice,
                instructions="Giao Sở Tư pháp chủ trì, tham mưu văn bản trả lời.",
                working_days=5,
            ),
        )
        if letter.stage == "specialist":
            reassign_incoming(
                actor=head,
                document=document,
                specialist=specialist,
                note="Đề nghị đồng chí Bảo dự thảo báo cáo.",
            )
    load_demo_outgoing()
    return counts, issued

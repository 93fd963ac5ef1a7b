"""The demo province's work files: Sở Tư pháp's approved list, one file open, one closed.

Run after the document office's demo (the files take its documents), outside
the demo's transaction: each step is a service function with its own.
"""

from __future__ import annotations

from datetime import date

from egov.office.documents.models import Secrecy
from egov.office.documents.selectors import visible_incoming
from egov.office.workfiles import services
from egov.platform.accounts.models import Role, User

# (number and symbol, title, retention in years: None is permanent)
_LIST: list[tuple[str, str, int | None]] = [
    ("01.HCTP", "Hồ sơ hướng dẫn nghiệp vụ hộ tịch, quốc tịch năm {year}", None),
    ("02.HCTP", "Hồ sơ trả lời kiến nghị của UBND các phường, xã về hộ tịch", 10),
    ("03.HCTP", "Hồ sơ báo cáo thống kê công tác hộ tịch năm {year}", 2),
]


def load_demo_workfiles(*, today: date) -> int:
    """The list of `today`'s year; returns how many files it holds."""
    head = User.objects.get(username="truongphong")
    leader = User.objects.get(username="lanhdao")
    specialist = User.objects.get(username="chuyenvien")
    unit = head.memberships.get(role=Role.HEAD).unit
    files = [
        services.add_list_entry(
            actor=head,
            unit=unit,
            year=today.year,
            entry=services.Entry(
                notation=notation,
                title=title.format(year=today.year),
                retention_years=years,
                responsible=specialist,
            ),
        )
        for notation, title, years in _LIST
    ]
    services.approve_list(actor=leader, unit=unit, year=today.year)
    documents = list(
        visible_incoming(specialist)
        .filter(secrecy=Secrecy.NONE)
        .order_by("-arrived_at", "-pk")
        .values_list("pk", flat=True)[:3]
    )
    current, answered = files[0], files[1]
    for work_file in (current, answered):
        services.open_file(actor=specialist, work_file=work_file)
    for document_id in documents[:2]:
        services.add_document(actor=specialist, work_file=current, document_id=document_id)
    services.add_note(
        actor=specialist,
        work_file=current,
        text="Ghi chú: tổng hợp vướng mắc của các phường, xã để báo cáo lãnh đạo Sở.",
        dated=today,
    )
    for document_id in documents[2:]:
        services.add_document(actor=specialist, work_file=answered, document_id=document_id)
    services.add_note(
        actor=specialist,
        work_file=answered,
        text="Ghi chú: đã trả lời các kiến nghị, không còn việc tồn đọng.",
        dated=today,
    )
    services.close_file(actor=specialist, work_file=answered)
    return len(files)

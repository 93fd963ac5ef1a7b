"""Synthetic incoming documents for a province's document office, in bulk.

A year of the provincial People's Committee's incoming register: documents
from ministries, departments and communes, arriving on working days, most
electronically, assigned by the leader to a department within a day, and
handled (mostly on time) by the department or one of its specialists. Rows
are bulk-inserted with the simulated times and no audit events, like the
dossiers `egov generate` makes; the arrival numbers run gapless per year in
arrival order, continuing the register's counter, so documents registered
afterwards through the services follow on.

Every synthetic document points at one shared scan (a PDF stored once): the
rows stand for volume, not for their files.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from egov.office.documents.models import (
    ActionKind,
    Channel,
    Direction,
    DocumentAction,
    DocumentType,
    Holder,
    HolderRole,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    OutgoingStep,
    OutgoingVersion,
    RecipientKind,
    Register,
    RegisterEntry,
    StepKind,
    UnitAbbreviation,
    Urgency,
    VersionStatus,
)
from egov.office.documents.services.registers import register_for
from egov.office.documents.symbols import compose_notation
from egov.platform.accounts.models import Role, User
from egov.platform.core.bulkload import insert_objects
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.workcalendar.deadlines import WorkingCalendar
from egov.tools.synthetic.writers import explicit_timestamps

SHARED_SCAN = "office/incoming/synthetic/ban-quet-mau.pdf"

# (sender, symbol suffix, document type abbreviation; "" for a letter, công văn)
_SENDERS: list[tuple[str, str, str]] = [
    ("Văn phòng Chính phủ", "VPCP-KSTT", ""),
    ("Bộ Tư pháp", "BTP-HTQTCT", ""),
    ("Bộ Nội vụ", "BNV-CCHC", ""),
    ("Bộ Tài chính", "BTC-QLCS", ""),
    ("Bộ Nông nghiệp và Môi trường", "BNNMT-QLĐĐ", ""),
    ("Sở Tư pháp tỉnh Tây Ninh", "STP-HCTP", "BC"),
    ("Sở Tài chính tỉnh Tây Ninh", "STC-NS", "TTr"),
    ("Sở Nông nghiệp và Môi trường tỉnh Tây Ninh", "SNNMT-QLĐĐ", "TTr"),
    ("UBND phường Long An", "UBND", "BC"),
    ("UBND phường Tân Ninh", "UBND", "BC"),
    ("Thanh tra Chính phủ", "TTCP-VP", ""),
    ("Ủy ban nhân dân tỉnh Long An", "UBND-VX", ""),
]

_SUMMARIES = [
    "Về việc đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình năm {year}",
    "Về việc báo cáo kết quả giải quyết thủ tục hành chính quý {quarter} năm {year}",
    "Về việc triển khai Nghị định số 30/2020/NĐ-CP về công tác văn thư",
    "Về việc tổ chức tiếp công dân định kỳ tháng {month}",
    "Về việc rà soát, đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch",
    "Về việc đề nghị bố trí kinh phí thực hiện chuyển đổi số năm {year}",
    "Về việc kiểm tra công tác cải cách hành chính năm {year}",
    "Về việc cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    "Về việc góp ý dự thảo quy chế làm việc của Ủy ban nhân dân tỉnh",
    "Về việc tăng cường kỷ luật, kỷ cương hành chính",
    "Về việc triển khai Đề án 06 tại địa phương",
    "Về việc báo cáo tình hình thực hiện Bộ chỉ số phục vụ người dân, doanh nghiệp",
]


@dataclass(frozen=True)
class OfficeCounts:
    incoming: int
    completed: int
    open: int
    awaiting_assignment: int


def _scan() -> str:
    """The one PDF every synthetic document points at, stored once."""
    if not default_storage.exists(SHARED_SCAN):
        from weasyprint import HTML  # noqa: PLC0415 - only the generator renders it

        pdf = HTML(
            string="<p>Bản quét văn bản mẫu (dữ liệu tổng hợp cho bản trình diễn).</p>"
        ).write_pdf()
        assert isinstance(pdf, bytes)  # noqa: S101 - write_pdf() without a target returns bytes
        default_storage.save(SHARED_SCAN, ContentFile(pdf))
    return SHARED_SCAN


def _working_moments(rng: random.Random, start: date, end: date, count: int) -> list[datetime]:
    """`count` arrival times on weekdays between 7:30 and 16:30, in order."""
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    days = [d for d in days if d.weekday() < 5] or days
    moments = []
    for _ in range(count):
        day = rng.choice(days)
        minute = rng.randrange(7 * 60 + 30, 16 * 60 + 30)
        moments.append(timezone.make_aware(datetime.combine(day, time(minute // 60, minute % 60))))
    return sorted(moments)


@dataclass
class _Office:
    """What every synthetic document of one body draws on."""

    body: Unit
    clerk: User
    leader: User
    departments: list[Unit]
    specialists: dict[int, list[User]]
    types: dict[str, DocumentType]
    scan: str
    now: datetime
    rng: random.Random
    # Loaded once: `due_at` reads the calendar's fingerprint on every call.
    calendar: WorkingCalendar
    registers: dict[int, Register] = field(default_factory=dict)
    outgoing_registers: dict[int, Register] = field(default_factory=dict)
    outgoing_routes: dict[tuple[int, int], int] = field(default_factory=dict)


def _office(body: Unit, now: datetime, seed: int) -> _Office:
    clerk = User.objects.filter(memberships__unit=body, memberships__role=Role.CLERK).first()
    leader = User.objects.filter(memberships__unit=body, memberships__role=Role.LEADER).first()
    departments = list(
        Unit.objects.filter(parent=body, kind=UnitKind.DEPARTMENT, is_active=True).order_by("pk")
    )
    if clerk is None or leader is None or not departments:
        raise ValueError(f"{body.name} needs a clerk, a leader and departments")
    types = {t.abbreviation: t for t in DocumentType.objects.filter(is_active=True)}
    types[""] = DocumentType.objects.get(is_letter=True)
    return _Office(
        body=body,
        clerk=clerk,
        leader=leader,
        departments=departments,
        specialists={
            unit.pk: list(
                User.objects.filter(memberships__unit=unit, memberships__role=Role.SPECIALIST)
            )
            for unit in departments
        },
        types=types,
        scan=_scan(),
        now=now,
        rng=random.Random(seed),  # noqa: S311 - synthetic data, not security
        calendar=WorkingCalendar.load(),
    )


_Plan = tuple[IncomingDocument, Unit, User | None, datetime | None, datetime | None]


def _document(office: _Office, arrived: datetime) -> _Plan:
    rng, now = office.rng, office.now
    year = timezone.localtime(arrived).year
    if year not in office.registers:
        office.registers[year] = register_for(
            body=office.body, year=year, direction=Direction.INCOMING, confidential=False
        )
    register = office.registers[year]
    register.last_number += 1
    sender, suffix, abbreviation = rng.choice(_SENDERS)
    local = timezone.localtime(arrived)
    age = now - arrived
    # The leader assigns within office hours: later that day, or the next morning.
    planned = arrived + timedelta(minutes=rng.randrange(30, 240))
    if timezone.localtime(planned).hour >= 17:
        planned += timedelta(hours=15)
    # Old documents are handled, about one in twelve late; recent ones are open.
    done: datetime | None = None
    if age > timedelta(days=25) or rng.random() < 0.5:
        late = rng.random() < 0.08
        spent = timedelta(days=rng.randrange(12, 25) if late else rng.randrange(1, 12))
        done = min(planned + spent, now - timedelta(hours=1))
        if done <= planned:
            done = None
    assigned: datetime | None = planned
    deadline: datetime | None = office.calendar.add(planned, working_days=10)
    status = IncomingStatus.COMPLETED if done else IncomingStatus.IN_PROGRESS
    if planned >= now or (done is None and age < timedelta(days=2) and rng.random() < 0.4):
        status = IncomingStatus.AWAITING_ASSIGNMENT
        assigned = deadline = done = None
    unit = rng.choice(office.departments)
    people = office.specialists[unit.pk]
    document = IncomingDocument(
        body=office.body,
        register=register,
        arrival_number=register.last_number,
        arrived_at=arrived,
        channel=Channel.ELECTRONIC if rng.random() < 0.85 else Channel.PAPER,
        sender=sender,
        notation=f"{rng.randrange(1, 4000)}/{suffix}",
        issued_on=local.date() - timedelta(days=rng.randrange(0, 4)),
        document_type=office.types[abbreviation],
        summary=rng.choice(_SUMMARIES).format(
            year=local.year, quarter=(local.month - 1) // 3 + 1, month=local.month
        ),
        urgency=Urgency.URGENT if rng.random() < 0.1 else Urgency.NORMAL,
        file=office.scan,
        registered_by=office.clerk,
        leader=office.leader,
        status=status,
        instructions="Giao đơn vị chủ trì xử lý, báo cáo kết quả." if assigned else "",
        due_at=deadline,
        assigned_at=assigned,
        completed_at=done,
        created_at=arrived,
    )
    return document, unit, rng.choice(people) if people else None, assigned, done


def _write(office: _Office, plans: list[_Plan]) -> None:
    holders: list[Holder] = []
    actions: list[DocumentAction] = []
    with transaction.atomic(), explicit_timestamps(IncomingDocument, Holder, DocumentAction):
        for register in office.registers.values():
            Register.objects.filter(pk=register.pk).update(last_number=register.last_number)
        insert_objects(IncomingDocument, [plan[0] for plan in plans])
        for document, unit, specialist, assigned, done in plans:
            actions.append(
                DocumentAction(
                    document=document,
                    actor=office.clerk,
                    kind=ActionKind.REGISTERED,
                    note=office.leader.display_name,
                    created_at=document.arrived_at,
                )
            )
            if assigned is None:
                continue
            holders.append(
                Holder(
                    document=document,
                    unit=unit,
                    role=HolderRole.LEAD,
                    status=HolderStatus.DONE if done else HolderStatus.OPEN,
                    assigned_by=office.leader,
                    due_at=document.due_at,
                    done_at=done,
                    created_at=assigned,
                )
            )
            actions.append(
                DocumentAction(
                    document=document,
                    actor=office.leader,
                    kind=ActionKind.ASSIGNED,
                    note=document.instructions,
                    created_at=assigned,
                )
            )
            if done is not None:
                actions.append(
                    DocumentAction(
                        document=document,
                        actor=specialist or office.leader,
                        kind=ActionKind.COMPLETED,
                        created_at=done,
                    )
                )
        insert_objects(Holder, holders)
        insert_objects(DocumentAction, actions)


def generate_incoming(
    *,
    body: Unit,
    count: int,
    days: int = 365,
    seed: int = 2026,
    now: datetime | None = None,
    batch: int = 20000,
) -> OfficeCounts:
    """Insert `count` incoming documents of `body` over the last `days` days.

    Written `batch` documents per transaction, so millions fit in memory.
    """
    if count <= 0:
        return OfficeCounts(incoming=0, completed=0, open=0, awaiting_assignment=0)
    office = _office(body, now or timezone.now(), seed)
    today = timezone.localtime(office.now).date()
    moments = _working_moments(office.rng, today - timedelta(days=days), today, count)
    moments = [m for m in moments if m < office.now - timedelta(hours=2)]
    statuses: Counter[str] = Counter()
    for first in range(0, len(moments), batch):
        plans = [_document(office, arrived) for arrived in moments[first : first + batch]]
        _write(office, plans)
        statuses.update(plan[0].status for plan in plans)
    return OfficeCounts(
        incoming=len(moments),
        completed=statuses[IncomingStatus.COMPLETED],
        open=statuses[IncomingStatus.IN_PROGRESS],
        awaiting_assignment=statuses[IncomingStatus.AWAITING_ASSIGNMENT],
    )


# (type abbreviation, summary); "" is a letter (công văn), symbol "số/UBND-<unit>".
_OUTGOING: list[tuple[str, str]] = [
    ("", "V/v đôn đốc giải quyết hồ sơ thủ tục hành chính quá hạn"),
    ("", "V/v góp ý dự thảo văn bản quy phạm pháp luật"),
    ("", "V/v báo cáo số liệu phục vụ họp giao ban tháng {month}"),
    ("", "V/v triển khai dịch vụ công trực tuyến toàn trình"),
    ("QĐ", "Quyết định công bố danh mục thủ tục hành chính năm {year}"),
    ("QĐ", "Quyết định thành lập tổ công tác cải cách hành chính"),
    ("BC", "Báo cáo kết quả cải cách hành chính quý {quarter} năm {year}"),
    ("KH", "Kế hoạch kiểm tra công tác văn thư, lưu trữ năm {year}"),
    ("TB", "Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban"),
    ("GM", "Giấy mời dự hội nghị trực tuyến về chuyển đổi số"),
]
_OUTSIDE = [
    "Bộ Tư pháp",
    "Văn phòng Chính phủ",
    "Bộ Nội vụ",
    "Thanh tra Chính phủ",
    "UBND các xã, phường",
]


_Issued = tuple[OutgoingDocument, RegisterEntry, Unit]


def _outgoing_row(
    office: _Office, issued: datetime, types: dict[str, DocumentType], abbreviations: dict[int, str]
) -> _Issued:
    rng = office.rng
    abbreviation, summary = rng.choice(_OUTGOING)
    document_type = types[abbreviation]
    local = timezone.localtime(issued)
    key = (local.year, document_type.pk)
    if key not in office.outgoing_routes:
        found = register_for(
            body=office.body,
            year=local.year,
            direction=Direction.OUTGOING,
            confidential=False,
            document_type=document_type,
        )
        # Several types may share one register: one counter object per register.
        office.outgoing_registers.setdefault(found.pk, found)
        office.outgoing_routes[key] = found.pk
    register = office.outgoing_registers[office.outgoing_routes[key]]
    register.last_number += 1
    unit = rng.choice(office.departments)
    notation = compose_notation(
        number=register.last_number,
        type_abbreviation=document_type.abbreviation,
        is_letter=document_type.is_letter,
        body_abbreviation=abbreviations[office.body.pk],
        unit_abbreviation=abbreviations.get(unit.pk, ""),
    )
    entry = RegisterEntry(
        register=register,
        number=register.last_number,
        body=office.body,
        year=local.year,
        notation=notation,
        document_type=document_type,
        taken_by=office.clerk,
        created_at=issued,
    )
    people = office.specialists[unit.pk]
    drafted = issued - timedelta(days=rng.randrange(1, 6), hours=rng.randrange(0, 6))
    document = OutgoingDocument(
        body=office.body,
        drafting_unit=unit,
        document_type=document_type,
        summary=summary.format(
            year=local.year, quarter=(local.month - 1) // 3 + 1, month=local.month
        ),
        drafter=rng.choice(people) if people else office.leader,
        signer=office.leader,
        status=OutgoingStatus.ISSUED,
        register=register,
        number=register.last_number,
        notation=notation,
        issued_on=local.date(),
        issued_at=issued,
        issued_by=office.clerk,
        approved_at=issued - timedelta(hours=rng.randrange(1, 5)),
        created_at=drafted,
        updated_at=issued,
    )
    return document, entry, unit


def generate_outgoing(
    *,
    body: Unit,
    count: int,
    days: int = 365,
    seed: int = 2026,
    now: datetime | None = None,
    batch: int = 20000,
) -> int:
    """Insert `count` issued outgoing documents of `body` over the last `days` days.

    Each has its register entry (numbers gapless per register in issue
    order, continuing the counter), one version (the shared scan), an outside
    recipient sent on paper, and its drafted/approved/issued steps.
    """
    if count <= 0:
        return 0
    office = _office(body, now or timezone.now(), seed + 1)
    abbreviations = dict(UnitAbbreviation.objects.values_list("unit_id", "abbreviation"))
    if not abbreviations.get(body.pk):
        raise ValueError(f"{body.name} needs an abbreviation for its document symbols")
    today = timezone.localtime(office.now).date()
    moments = _working_moments(office.rng, today - timedelta(days=days), today, count)
    moments = [m for m in moments if m < office.now - timedelta(hours=2)]
    written = 0
    for first in range(0, len(moments), batch):
        rows = [
            _outgoing_row(office, issued, office.types, abbreviations)
            for issued in moments[first : first + batch]
        ]
        _write_outgoing(office, rows)
        written += len(rows)
    return written


def _write_outgoing(
    office: _Office, rows: list[tuple[OutgoingDocument, RegisterEntry, Unit]]
) -> None:
    models_with_times = (RegisterEntry, OutgoingDocument, OutgoingVersion, OutgoingStep)
    with transaction.atomic(), explicit_timestamps(*models_with_times):
        for register in office.outgoing_registers.values():
            Register.objects.filter(pk=register.pk).update(last_number=register.last_number)
        entries = RegisterEntry.objects.bulk_create([row[1] for row in rows], batch_size=1000)
        documents = []
        for (document, _entry, _unit), entry in zip(rows, entries, strict=True):
            document.entry = entry
            documents.append(document)
        OutgoingDocument.objects.bulk_create(documents, batch_size=1000)
        versions, recipients, steps = [], [], []
        for document in documents:
            assert document.issued_at is not None and document.approved_at is not None  # noqa: S101
            versions.append(
                OutgoingVersion(
                    document=document,
                    number=1,
                    file=office.scan,
                    status=VersionStatus.READY,
                    created_by=document.drafter,
                    created_at=document.created_at,
                )
            )
            recipients.append(
                OutgoingRecipient(
                    document=document,
                    kind=RecipientKind.EXTERNAL,
                    name=office.rng.choice(_OUTSIDE),
                )
            )
            steps += [
                OutgoingStep(
                    document=document,
                    actor=document.drafter,
                    kind=StepKind.DRAFTED,
                    created_at=document.created_at,
                ),
                OutgoingStep(
                    document=document,
                    actor=office.leader,
                    kind=StepKind.APPROVED,
                    created_at=document.approved_at,
                ),
                OutgoingStep(
                    document=document,
                    actor=office.clerk,
                    kind=StepKind.ISSUED,
                    created_at=document.issued_at,
                ),
            ]
        OutgoingVersion.objects.bulk_create(versions, batch_size=1000)
        OutgoingRecipient.objects.bulk_create(recipients, batch_size=1000)
        OutgoingStep.objects.bulk_create(steps, batch_size=1000)

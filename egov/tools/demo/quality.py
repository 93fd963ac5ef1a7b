"""The demo's quality procedures (issue 19).

Every demo process proposed edition 1 of its quality procedure when it was
saved; here Phường Long An's leader approves the commune's, so the demo shows
editions in force beside drafts waiting for the other agencies' leaders,
and holds this year's internal audit with its findings (`load_demo_audit`).
"""

from __future__ import annotations

from datetime import date, timedelta

from egov.onestop.quality.audits import services as audits
from egov.onestop.quality.audits.models import Audit, FindingKind, Verdict
from egov.onestop.quality.models import Edition, EditionStatus, QualityProcedure
from egov.onestop.quality.records import services as records
from egov.onestop.quality.services import approve_edition
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind

# Who keeps Phường Long An's audit: its administrator (the commune's quality
# secretary) plans and audits, since no step of a process is theirs (an auditor
# does not audit their own work, ISO 19011); its specialist owns the corrective
# actions; its leader completes the audit and checks the actions.
DEMO_AUDIT_PEOPLE = ("quantri.longan", "chuyenvien.longan", "lanhdao.longan")


def load_demo_quality(commune: Unit, leader: User) -> int:
    drafts = Edition.objects.filter(
        document__agency=commune, status=EditionStatus.DRAFT
    ).select_related("document__agency")
    count = 0
    for edition in drafts.order_by("document__code"):
        approve_edition(actor=leader, edition=edition)
        count += 1
    return count


def load_demo_audit(*, today: date) -> Audit:
    """Phường Long An's internal audit of this year: checklist answered, three findings.

    One nonconformity is taken through its corrective action to closure, one
    waits for its owner (due in two weeks), one finding is an observation; the
    commune's first three procedures also get this year's records register.
    Runs after `load_demo`, outside its transaction: the services are durable.
    """
    commune = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code="27694")
    people = {u.username: u for u in User.objects.filter(username__in=DEMO_AUDIT_PEOPLE)}
    admin, owner, leader = (people[name] for name in DEMO_AUDIT_PEOPLE)
    auditor = admin
    documents = list(QualityProcedure.objects.filter(agency=commune).order_by("code")[:3])
    programme = audits.create_programme(
        actor=admin,
        agency=commune,
        year=today.year,
        objectives="Đánh giá việc giải quyết thủ tục hành chính tại bộ phận một cửa",
    )
    planned_on = max(date(today.year, 1, 1), today - timedelta(days=7))
    audit = audits.plan_audit(
        actor=admin, programme=programme, planned_on=planned_on, scope=documents, auditors=[auditor]
    )
    items = list(audit.checklist.order_by("position"))
    for item in items:
        failed = item.position in (1, 2)
        audits.answer_item(
            actor=auditor,
            item=item,
            verdict=Verdict.NONCONFORMS if failed else Verdict.CONFORMS,
            evidence="Kiểm tra 10 hồ sơ ngẫu nhiên trên hệ thống",
        )
    late = audits.record_finding(
        actor=auditor,
        audit=audit,
        kind=FindingKind.NONCONFORMITY,
        description="2/10 hồ sơ bước thẩm định vượt thời gian quy định trong quy trình",
        checklist_item=items[0],
    )
    missing = audits.record_finding(
        actor=auditor,
        audit=audit,
        kind=FindingKind.NONCONFORMITY,
        description="1 hồ sơ thiếu phiếu kiểm soát quá trình có chữ ký người nhận",
        checklist_item=items[1],
    )
    audits.record_finding(
        actor=auditor,
        audit=audit,
        kind=FindingKind.OBSERVATION,
        description="Bảng niêm yết thủ tục tại bộ phận một cửa chưa cập nhật mức phí mới",
    )
    audits.complete_audit(
        actor=leader, audit=audit, summary="Hệ thống phù hợp; 2 điểm không phù hợp cần khắc phục"
    )
    closed = audits.plan_action(
        actor=admin,
        nonconformity=missing.nonconformity,
        cause="Phiếu kiểm soát chưa được in khi bàn giao hồ sơ giữa các bước",
        action="In phiếu kiểm soát (mẫu 06) tại mỗi bước bàn giao",
        owner=owner,
        due_on=today,
    )
    audits.report_action_done(actor=owner, nonconformity=closed, note="Đã áp dụng từ tuần này")
    audits.check_effectiveness(
        actor=leader, nonconformity=closed, effective=True, note="Kiểm tra lại 5 hồ sơ: đủ phiếu"
    )
    audits.plan_action(
        actor=admin,
        nonconformity=late.nonconformity,
        cause="Chuyên viên thẩm định vắng, chưa có người thay",
        action="Phân công chuyên viên dự phòng cho bước thẩm định",
        owner=owner,
        due_on=today + timedelta(days=14),
    )
    for document in documents:
        records.open_register(actor=admin, document=document, year=today.year)
    return audit

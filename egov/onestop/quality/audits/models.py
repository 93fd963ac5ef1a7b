"""Internal audits and improvement (TCVN ISO 9001:2015, clauses 9.2 and 10.2; issue 19, item 3).

An agency keeps an audit programme per year; each audit of it is planned
(date, the quality procedures in scope, the auditors), worked through a
checklist and ends with findings. A nonconformity found needs its cause, a
corrective action with an owner and a due date, and a check that the action
worked: only that check closes it (clause 10.2.1 d).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditProgramme(models.Model):
    """The internal audits an agency means to hold in one year (chương trình đánh giá nội bộ)."""

    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="audit_programmes",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    objectives = models.TextField(_("mục tiêu, phạm vi"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chương trình đánh giá nội bộ")
        verbose_name_plural = _("chương trình đánh giá nội bộ")
        ordering = ["agency__path", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="audit_programme_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.year}"


class AuditStatus(models.TextChoices):
    # Planned: the checklist is being worked through, findings recorded.
    PLANNED = "planned", _("Đã lập kế hoạch")
    # Completed: every checklist item answered; nothing in it changes any more.
    COMPLETED = "completed", _("Đã kết thúc")


class Audit(models.Model):
    """One internal audit of a programme: its plan (kế hoạch đánh giá), checklist, findings."""

    programme = models.ForeignKey(
        AuditProgramme,
        verbose_name=_("chương trình"),
        on_delete=models.PROTECT,
        related_name="audits",
    )
    planned_on = models.DateField(_("ngày đánh giá"))
    # The quality procedures audited (their edition in force is the criterion).
    scope = models.ManyToManyField(
        "quality.QualityProcedure", verbose_name=_("phạm vi"), related_name="audits"
    )
    auditors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("chuyên gia đánh giá"), related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )
    summary = models.TextField(_("kết luận"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập kế hoạch"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    completed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("cuộc đánh giá nội bộ")
        verbose_name_plural = _("cuộc đánh giá nội bộ")
        ordering = ["programme", "planned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.programme} – {self.planned_on:%d/%m/%Y}"


class Verdict(models.TextChoices):
    # Not looked at yet.
    PENDING = "pending", _("Chưa đánh giá")
    # As the procedure says.
    CONFORMS = "conforms", _("Phù hợp")
    # Worth noting, not a breach (điểm lưu ý).
    OBSERVATION = "observation", _("Điểm lưu ý")
    # A requirement not met: a finding follows.
    NONCONFORMS = "nonconforms", _("Không phù hợp")


class ChecklistItem(models.Model):
    """A question of the audit's checklist (câu hỏi kiểm tra) and what the auditor saw."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("cuộc đánh giá"), on_delete=models.PROTECT, related_name="checklist"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    question = models.CharField(_("nội dung kiểm tra"), max_length=500)
    # The clause of TCVN ISO 9001:2015 the question checks ("8.5.1").
    clause = models.CharField(_("điều khoản"), max_length=20, blank=True)
    procedure = models.ForeignKey(
        "quality.QualityProcedure",
        verbose_name=_("quy trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdict = models.CharField(
        _("kết quả"), max_length=12, choices=Verdict.choices, default=Verdict.PENDING
    )
    evidence = models.TextField(_("bằng chứng"), blank=True)

    class Meta:
        verbose_name = _("câu hỏi kiểm tra")
        verbose_name_plural = _("danh mục kiểm tra")
        ordering = ["audit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "position"], name="checklist_position_unique"),
        ]

    def __str__(self) -> str:
        return self.question


class FindingKind(models.TextChoices):
    # A requirement not met: opens a nonconformity (clause 10.2).
    NONCONFORMITY = "nonconformity", _("Điểm không phù hợp")
    # Worth noting, nothing to correct.
    OBSERVATION = "observation", _("Điểm lưu ý")
    # A chance to improve (cơ hội cải tiến, clause 10.1).
    IMPROVEMENT = "improvement", _("Cơ hội cải tiến")


class Finding(models.Model):
    """What an audit found (phát hiện), numbered within the audit."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("cuộc đánh giá"), on_delete=models.PROTECT, related_name="findings"
    )
    number = models.PositiveSmallIntegerField(_("số"))
    kind = models.CharField(_("loại"), max_length=16, choices=FindingKind.choices)
    description = models.TextField(_("mô tả"))
    clause = models.CharField(_("điều khoản"), max_length=20, blank=True)
    checklist_item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("câu hỏi kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phát hiện đánh giá")
        verbose_name_plural = _("phát hiện đánh giá")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="finding_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.audit} – {self.number}"


class NonconformityStatus(models.TextChoices):
    # Found; its cause and corrective action are not decided yet.
    OPEN = "open", _("Mới phát hiện")
    # Cause found, action decided with an owner and a due date.
    ACTION_PLANNED = "action_planned", _("Đang khắc phục")
    # The owner reports the action carried out; waiting for the check.
    ACTION_DONE = "action_done", _("Chờ kiểm tra hiệu lực")
    # The check found the action effective: closed, nothing changes any more.
    CLOSED = "closed", _("Đã đóng")


class Nonconformity(models.Model):
    """A nonconformity (sự không phù hợp) and its corrective action (hành động khắc phục)."""

    finding = models.OneToOneField(
        Finding,
        verbose_name=_("phát hiện"),
        on_delete=models.PROTECT,
        related_name="nonconformity",
    )
    # Denormalised from the audit's programme: the reminders and lists filter on it.
    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="nonconformities",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=NonconformityStatus.choices,
        default=NonconformityStatus.OPEN,
    )
    cause = models.TextField(_("nguyên nhân"), blank=True)
    action = models.TextField(_("hành động khắc phục"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    done_note = models.TextField(_("kết quả thực hiện"), blank=True)
    # The last effectiveness check (kiểm tra hiệu lực), effective or not.
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm tra hiệu lực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)
    check_note = models.TextField(_("nhận xét kiểm tra"), blank=True)
    # How many checks found the action not effective (it went back to the owner).
    ineffective_checks = models.PositiveSmallIntegerField(_("số lần chưa hiệu lực"), default=0)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("sự không phù hợp")
        verbose_name_plural = _("sự không phù hợp")
        ordering = ["agency__path", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="nc_status_due")]

    def __str__(self) -> str:
        return str(self.finding)

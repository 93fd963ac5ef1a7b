"""Controlled quality documents: a quality procedure per procedure and agency (issue 19).

Decision 19/2014/QĐ-TTg makes a quality system under TCVN ISO 9001 mandatory
for provincial and district agencies; the framework model of Decision
101/QĐ-BKHCN (2019) describes it under TCVN ISO 9001:2015. Its quality
procedure (quy trình ISO) repeats what the platform holds, so here it is
generated from the catalogue and the internal process, edition by edition.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    # Generated from the catalogue and the internal process (content.py).
    PROCEDURE = "procedure", _("Quy trình ISO")
    # Written by the agency (ISO 9001:2015 clauses 5.2, 6.2, 7.5): a title and a text.
    POLICY = "policy", _("Chính sách chất lượng")
    OBJECTIVES = "objectives", _("Mục tiêu chất lượng")
    FORM = "form", _("Biểu mẫu")


class QualityProcedure(models.Model):
    """A controlled document of an agency; its text is in editions.

    Most are the quality procedure of one procedure (kind PROCEDURE); the
    agency's other controlled documents (policy, objectives, forms) share the
    same editions and their rules, with a title and a written text instead.
    """

    kind = models.CharField(
        _("loại tài liệu"),
        max_length=12,
        choices=DocumentKind.choices,
        default=DocumentKind.PROCEDURE,
    )
    # Set for (and only for) a quality procedure.
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="quality_procedures",
        null=True,
        blank=True,
    )
    # The name of a document that is not a procedure's.
    title = models.CharField(_("tên tài liệu"), max_length=300, blank=True)
    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="quality_procedures",
    )
    # "QT-" and the procedure's code: unique at the agency, as the agency's
    # list of quality documents numbers them.
    code = models.CharField(_("mã hiệu"), max_length=60)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("quy trình ISO")
        verbose_name_plural = _("quy trình ISO")
        ordering = ["agency__path", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "agency"], name="quality_procedure_per_agency"
            ),
            models.UniqueConstraint(
                fields=["agency", "code"],
                condition=~models.Q(kind="procedure"),
                name="quality_document_code_per_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="procedure", procedure__isnull=False)
                | (~models.Q(kind="procedure") & models.Q(procedure__isnull=True)),
                name="quality_document_procedure_iff_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return self.procedure.name if self.procedure is not None else self.title


class EditionStatus(models.TextChoices):
    # Proposed (by a change of the internal process); its note may still change.
    DRAFT = "draft", _("Dự thảo")
    # Approved by the agency's head or leader: the edition in force. Locked.
    APPROVED = "approved", _("Đang áp dụng")
    # Replaced by a later approved edition: kept, locked.
    SUPERSEDED = "superseded", _("Hết hiệu lực")


class Edition(models.Model):
    """One edition (lần ban hành) of a quality procedure: the seven sections, frozen."""

    document = models.ForeignKey(
        QualityProcedure,
        verbose_name=_("quy trình ISO"),
        on_delete=models.PROTECT,
        related_name="editions",
    )
    number = models.PositiveSmallIntegerField(_("lần ban hành"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    # The seven sections (egov/onestop/quality/content.py), as generated.
    content = models.JSONField(_("nội dung"))
    # SHA-256 of `content`: a process saved unchanged proposes nothing.
    fingerprint = models.CharField(_("dấu vân nội dung"), max_length=64)
    # The amendment log's line for this edition.
    change_note = models.TextField(_("nội dung sửa đổi"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn thảo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("soạn lúc"))
    # Checked (người kiểm tra) by a head or leader of the agency; cleared when
    # a process change rewrites the draft.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("hết hiệu lực lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần ban hành quy trình ISO")
        verbose_name_plural = _("lần ban hành quy trình ISO")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="edition_number_unique"),
            # One draft and one edition in force at a time.
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(status="draft"),
                name="edition_one_draft",
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(status="approved"),
                name="edition_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.code} – lần {self.number}"

    @property
    def is_locked(self) -> bool:
        return self.status != EditionStatus.DRAFT


# The audit, announcement and records models live in their own modules; Django
# finds them through this one.
from egov.onestop.quality.announcement.models import (  # noqa: E402
    AnnouncementSeries,
    IssuedAnnouncement,
)
from egov.onestop.quality.audits.models import (  # noqa: E402
    Audit,
    AuditProgramme,
    ChecklistItem,
    Finding,
    Nonconformity,
)
from egov.onestop.quality.records.models import QualityRecord, RecordRegister  # noqa: E402

__all__ = [
    "AnnouncementSeries",
    "Audit",
    "AuditProgramme",
    "ChecklistItem",
    "DocumentKind",
    "Edition",
    "EditionStatus",
    "Finding",
    "IssuedAnnouncement",
    "Nonconformity",
    "QualityProcedure",
    "QualityRecord",
    "RecordRegister",
]

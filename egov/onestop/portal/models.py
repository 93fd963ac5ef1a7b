"""The citizen's side of the desk: online applications, results, ratings.

An `Application` is the citizen's work in progress (a draft) until it is
submitted; submitting registers a `Dossier` (status 1, channel online) and the
application keeps a link to it. Results returned online go to the citizen's
personal store (kho quản lý dữ liệu điện tử, Decree 45/2020/NĐ-CP art. 15)
so they can be attached to later applications instead of being uploaded again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from egov.onestop.dossiers.uploads import RandomName


class ApplicationStatus(models.TextChoices):
    # Saved by the citizen, not yet sent; may be edited and resumed.
    DRAFT = "draft", _("Bản nháp")
    # Sent: a dossier exists (status 1 at reception or later).
    SUBMITTED = "submitted", pgettext_lazy("application status", "Đã nộp")


class Application(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan giải quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    form_data = models.JSONField(_("dữ liệu tờ khai"), default=dict, blank=True)
    # The e-form version the answers were submitted with (none: plain request).
    form_version = models.PositiveIntegerField(_("phiên bản tờ khai"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ trực tuyến")
        verbose_name_plural = _("hồ sơ trực tuyến")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["applicant", "status"])]

    def __str__(self) -> str:
        return f"{self.procedure_id} #{self.pk}"


class StoredResult(models.Model):
    """A result in the citizen's personal store (Decree 45/2020/NĐ-CP)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ sở hữu"),
        on_delete=models.CASCADE,
        related_name="stored_results",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("tên giấy tờ"), max_length=500)
    file = models.FileField(_("tệp"), upload_to=RandomName("personal"))
    created_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả trong kho cá nhân")
        verbose_name_plural = _("kho kết quả cá nhân")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dossier"], name="stored_result_once"),
        ]

    def __str__(self) -> str:
        return self.title


class ApplicationFile(models.Model):
    """One document of an application: an upload, or a result from the store."""

    application = models.ForeignKey(
        Application, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="files"
    )
    procedure_document = models.ForeignKey(
        "procedures.ProcedureDocument",
        verbose_name=_("thành phần"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("tệp"), upload_to=RandomName("applications"), blank=True)
    stored_result = models.ForeignKey(
        StoredResult,
        verbose_name=_("giấy tờ từ kho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("giấy tờ đính kèm")
        verbose_name_plural = _("giấy tờ đính kèm")
        ordering = ["application", "procedure_document__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "procedure_document"], name="application_file_per_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.procedure_document_id}"

    @property
    def display_name(self) -> str:
        if self.stored_result is not None:
            return self.stored_result.title
        # The stored name is random (see RandomName): say what kind it is.
        extension = str(self.file.name or "").rsplit(".", 1)[-1].upper()
        extension = "JPEG" if extension == "JPG" else extension
        return _("tệp %(kind)s") % {"kind": extension}


class RatingValue(models.TextChoices):
    SATISFIED = "satisfied", _("Hài lòng")
    NORMAL = "normal", _("Bình thường")
    UNSATISFIED = "unsatisfied", _("Không hài lòng")


class Rating(models.Model):
    """The citizen's satisfaction with one dossier, given once after the return."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="rating",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đánh giá"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    value = models.CharField(_("mức độ hài lòng"), max_length=12, choices=RatingValue.choices)
    comment = models.TextField(_("góp ý"), blank=True)
    created_at = models.DateTimeField(_("đánh giá lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.value}"


class WithdrawalRequest(models.Model):
    """The citizen asks to withdraw; an officer accepts it with the desk's action."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="withdrawal_requests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("lý do"))
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    handled_at = models.DateTimeField(_("đã xử lý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu rút hồ sơ")
        verbose_name_plural = _("yêu cầu rút hồ sơ")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.created_at:%Y-%m-%d}"

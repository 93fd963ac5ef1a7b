"""Dossiers of the one-stop desk (một cửa điện tử).

Statuses and channels are the national portal's (DVCQG) codes; the rules
are Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.onestop.dossiers.uploads import RandomName


class DossierStatus(models.IntegerChoices):
    # 1: registered (online or at the desk) but not yet checked by reception.
    NEW = 1, _("Mới đăng ký")
    # 2: accepted at reception, waiting for the first processing step.
    ACCEPTED = 2, _("Được tiếp nhận")
    # 3: refused at reception (not accepted), with a reason (form 03).
    NOT_ACCEPTED = 3, _("Không được tiếp nhận")
    # 4: moving through the internal process.
    PROCESSING = 4, _("Đang xử lý")
    # 5: waiting for the citizen's supplement (form 02); the clock is stopped.
    SUPPLEMENT = 5, _("Yêu cầu bổ sung")
    # 6: waiting for fees or taxes to be paid; the clock is stopped.
    FINANCIAL = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    # 7: the citizen asked to withdraw the dossier.
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    # 8: processing stopped by the agency (form 05).
    STOPPED = 8, _("Dừng xử lý")
    # 9: the result is ready (approved and recorded).
    FINISHED = 9, _("Đã xử lý xong")
    # 10: the result was handed to the citizen.
    RETURNED = 10, _("Đã trả kết quả")


class Channel(models.IntegerChoices):
    DIRECT = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POSTAL = 3, _("Bưu chính")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức")


class Timeliness(models.TextChoices):
    # Ended on a day before the appointment day.
    EARLY = "early", _("Trước hạn")
    # Ended on the appointment day, no later than the appointment moment.
    ON_TIME = "on_time", _("Đúng hạn")
    # Ended after the appointment moment, or supplemented more than once.
    LATE = "late", _("Quá hạn")


class ReturnMethod(models.TextChoices):
    DESK = "desk", _("Tại bộ phận một cửa")
    POST = "post", _("Qua bưu chính")
    ONLINE = "online", _("Trực tuyến")


class Dossier(models.Model):
    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True, null=True, blank=True)  # noqa: DJ001
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    process = models.ForeignKey(
        "procedures.Process",
        verbose_name=_("quy trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    receiving_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("nơi tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.PROTECT,
        related_name="decided_dossiers",
    )
    channel = models.PositiveSmallIntegerField(_("kênh nộp"), choices=Channel.choices)
    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=DossierStatus.choices, default=DossierStatus.NEW, db_index=True
    )
    # The citizen or business account that applied online (channel 2), if any.
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applied_dossiers",
    )
    # The electronic form's answers (validated against the procedure's schema).
    form_data = models.JSONField(_("dữ liệu tờ khai"), default=dict, blank=True)
    applicant_kind = models.CharField(
        _("loại người nộp"),
        max_length=12,
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
    )
    applicant_name = models.CharField(_("họ tên/tên tổ chức"), max_length=255)
    applicant_id_number = models.CharField(
        _("số định danh/mã số doanh nghiệp"), max_length=20, blank=True
    )
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=16, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    delegate_name = models.CharField(_("người được ủy quyền"), max_length=255, blank=True)
    delegate_id_number = models.CharField(
        _("số định danh người được ủy quyền"), max_length=20, blank=True
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True, db_index=True)
    appointment_at = models.DateTimeField(_("ngày hẹn trả"), null=True, blank=True, db_index=True)
    # The legal deadline: the appointment at acceptance, moved only by time the
    # clock was stopped (supplements, fees). Apologies move `appointment_at`
    # but not this, so a dossier that needed an apology still counts as late.
    deadline_at = models.DateTimeField(_("hạn giải quyết theo quy định"), null=True, blank=True)
    current_step = models.ForeignKey(
        "procedures.ProcessStep",
        verbose_name=_("bước hiện tại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị đang giữ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="held_dossiers",
    )
    step_started_at = models.DateTimeField(_("bắt đầu bước lúc"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    clock_stopped_at = models.DateTimeField(_("dừng tính giờ lúc"), null=True, blank=True)
    status_before_pause = models.PositiveSmallIntegerField(
        _("trạng thái trước khi tạm dừng"), choices=DossierStatus.choices, null=True, blank=True
    )
    # Fees or taxes asked for while the dossier is paused (status 6).
    payment_due_vnd = models.PositiveIntegerField(_("số tiền phải nộp (đồng)"), default=0)
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True, db_index=True)
    timeliness = models.CharField(
        _("tiến độ"), max_length=8, choices=Timeliness.choices, blank=True
    )
    # Office seconds the clock stood still waiting for the citizen: supplements
    # (status 5) and fees or taxes (status 6), added when the clock restarts
    # (the deadline moves by the same amount) and, for a dossier that ends
    # while paused, up to its end. Decision 766/QĐ-TTg: the citizen's time is
    # not the agency's.
    waited_seconds = models.PositiveBigIntegerField(
        _("thời gian chờ công dân (giây làm việc)"), default=0
    )
    # Office seconds from receipt to the first end event minus `waited_seconds`,
    # fixed with the timeliness (egov/onestop/dossiers/timeliness.py), so that the
    # yearly report averages a column instead of recomputing the calendar over
    # a million rows.
    processing_seconds = models.PositiveBigIntegerField(
        _("thời gian giải quyết (giây làm việc)"), null=True, blank=True
    )
    outcome_reason = models.TextField(_("lý do"), blank=True)
    result_number = models.CharField(_("số kết quả"), max_length=100, blank=True)
    result_date = models.DateField(_("ngày ký kết quả"), null=True, blank=True)
    result_signer = models.CharField(_("người ký"), max_length=255, blank=True)
    result_file = models.FileField(_("tệp kết quả"), upload_to=RandomName("results"), blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    return_method = models.CharField(
        _("hình thức trả"), max_length=8, choices=ReturnMethod.choices, blank=True
    )
    collected_by = models.CharField(_("người nhận kết quả"), max_length=255, blank=True)
    tracking_secret = models.CharField(_("mã tra cứu"), max_length=8)
    # Issued at registration, so an online dossier can be tracked before the
    # desk accepts it and gives it its official code (issue 17 item 10):
    # `TD-` and 10 unambiguous characters (see codes.new_tracking_reference).
    tracking_reference = models.CharField(  # noqa: DJ001 - NULL for dossiers made before it
        _("mã theo dõi"), max_length=16, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["current_unit", "status"]),
            models.Index(fields=["agency", "received_at"]),
        ]

    def __str__(self) -> str:
        return self.code or f"#{self.pk}"


class DossierDocument(models.Model):
    """A document of the dossier: ticked as received at the desk, maybe scanned."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="documents"
    )
    procedure_document = models.ForeignKey(
        "procedures.ProcedureDocument",
        verbose_name=_("thành phần"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    received = models.BooleanField(_("đã nhận"), default=False)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    scan = models.FileField(_("bản quét"), upload_to=RandomName("scans"), blank=True)

    class Meta:
        verbose_name = _("giấy tờ trong hồ sơ")
        verbose_name_plural = _("giấy tờ trong hồ sơ")
        ordering = ["dossier", "pk"]

    def __str__(self) -> str:
        return self.name


class Handover(models.Model):
    """One hand-over on the process control slip (phiếu kiểm soát, form 06)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="handovers"
    )
    action = models.CharField(_("thao tác"), max_length=20)
    from_step = models.ForeignKey(
        "procedures.ProcessStep",
        verbose_name=_("từ bước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_step = models.ForeignKey(
        "procedures.ProcessStep",
        verbose_name=_("tới bước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    at = models.DateTimeField(_("thời điểm"))
    step_due_at = models.DateTimeField(_("hạn của bước giao"), null=True, blank=True)
    timeliness = models.CharField(
        _("kết quả bước"), max_length=8, choices=Timeliness.choices, blank=True
    )

    class Meta:
        verbose_name = _("bàn giao")
        verbose_name_plural = _("bàn giao")
        ordering = ["dossier", "at", "pk"]
        indexes = [
            # The statistics ask, for each stopped dossier, whether a step
            # refused it: the refusals are a sliver of the hand-overs.
            models.Index(
                fields=["dossier"],
                condition=models.Q(action="refuse"),
                name="dossiers_handover_refuse",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier} {self.action}"


class SupplementRequest(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="supplements"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"))
    items = models.JSONField(_("giấy tờ cần bổ sung"), default=list)
    reason = models.TextField(_("lý do"), blank=True)
    received_at = models.DateTimeField(_("nhận bổ sung lúc"), null=True, blank=True)
    # The appointment when the supplement was asked for, and after it came
    # (moved by the time the clock stood still): the national portal's
    # supplement history carries both (DanhSachHoSoBoSung).
    appointment_before = models.DateTimeField(_("ngày hẹn trả cũ"), null=True, blank=True)
    appointment_after = models.DateTimeField(_("ngày hẹn trả mới"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận bổ sung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("yêu cầu bổ sung")
        verbose_name_plural = _("yêu cầu bổ sung")
        ordering = ["dossier", "requested_at"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.requested_at:%Y-%m-%d}"


class Apology(models.Model):
    """Form 04: the agency apologises and sets a new appointment."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="apologies"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("lập lúc"))
    reason = models.TextField(_("lý do chậm"))
    previous_appointment_at = models.DateTimeField(_("ngày hẹn cũ"))
    new_appointment_at = models.DateTimeField(_("ngày hẹn mới"))

    class Meta:
        verbose_name = _("thư xin lỗi, hẹn lại")
        verbose_name_plural = _("thư xin lỗi, hẹn lại")
        ordering = ["dossier", "issued_at"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.issued_at:%Y-%m-%d}"


class Consultation(models.Model):
    """A question to another unit, answered in parallel with processing."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="consultations"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị được hỏi ý kiến"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hỏi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("hỏi lúc"))
    question = models.TextField(_("nội dung"))
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("xin ý kiến")
        verbose_name_plural = _("xin ý kiến")
        ordering = ["dossier", "requested_at"]

    def __str__(self) -> str:
        return f"{self.dossier} → {self.unit}"


class DailySequence(models.Model):
    """The last number used for dossier codes of one prefix on one day.

    Incremented under a row lock, so concurrent desks never share a number.
    """

    prefix = models.CharField(_("tiền tố mã hồ sơ"), max_length=64)
    day = models.DateField(_("ngày"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("dãy số hồ sơ trong ngày")
        verbose_name_plural = _("dãy số hồ sơ trong ngày")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day"], name="daily_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day} {self.last}"


class ReceptionDraftScan(models.Model):
    """A scan attached to a reception form whose submit was refused (issue 17 item 3).

    Kept so the officer need not choose the file again: the next submit of
    the same form (its token) by the same officer uses it, and the dossier
    then stores its own copy. Drafts nobody came back to are deleted by the
    daily job `reception_drafts` after `DRAFT_SCAN_HOURS` (citizens' papers
    are not kept without a purpose, Decree 13/2023/NĐ-CP).
    """

    token = models.CharField(_("mã biểu mẫu"), max_length=64)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    receiving_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("nơi tiếp nhận"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    procedure_document = models.ForeignKey(
        "procedures.ProcedureDocument",
        verbose_name=_("thành phần"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file = models.FileField(_("bản quét"), upload_to=RandomName("reception-drafts"))
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("thời điểm lưu"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản quét giữ lại khi tiếp nhận")
        verbose_name_plural = _("bản quét giữ lại khi tiếp nhận")
        constraints = [
            models.UniqueConstraint(
                fields=["token", "officer", "procedure_document"],
                name="dossiers_draftscan_one_per_document",
            )
        ]
        indexes = [models.Index(fields=["created_at"], name="dossiers_draftscan_created")]

    def __str__(self) -> str:
        return self.original_name or self.file.name

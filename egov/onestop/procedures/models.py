"""The catalogue of administrative procedures (thủ tục hành chính, TTHC)
and each agency's internal process (quy trình nội bộ) for them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.onestop.procedures.text import fold
from egov.platform.accounts.models import Role
from egov.platform.workcalendar.deadlines import OfficeHours

procedure_code_validator = RegexValidator(
    r"^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.H\d{2})?$|^\d\.\d{6}$",
    _("Mã thủ tục không đúng dạng (ví dụ 1.001193)."),
    code="invalid_procedure_code",
)


class ProcedureLevel(models.TextChoices):
    # Implemented by a province's departments or people's committee.
    PROVINCE = "province", _("Cấp tỉnh")
    # Implemented by a commune, ward or special zone.
    COMMUNE = "commune", _("Cấp xã")
    # Implemented by a central agency's local office.
    CENTRAL = "central", _("Cấp trung ương")


class OnlineClass(models.TextChoices):
    # Decree 42/2022 art. 11: the whole procedure online ("toàn trình").
    FULL = "full", _("Toàn trình")
    # Part of it online ("một phần"), e.g. submit online, collect at the desk.
    PARTIAL = "partial", _("Một phần")
    # Not offered online.
    NONE = "none", _("Chỉ trực tiếp")


class Field(models.Model):
    """Lĩnh vực: the area a procedure belongs to (hộ tịch, chứng thực...)."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)
    # The field's code in the national procedure database (e.g. "G09-TP01" style;
    # not verified against the national list here: entered by the administrator).
    code = models.CharField(_("mã lĩnh vực"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    code = models.CharField(
        _("mã thủ tục"),
        max_length=40,
        unique=True,
        validators=[procedure_code_validator],
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.001193."),
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    level = models.CharField(_("cấp thực hiện"), max_length=10, choices=ProcedureLevel.choices)
    implementing_agency = models.CharField(
        _("cơ quan thực hiện"),
        max_length=500,
        help_text=_("Như trong Cơ sở dữ liệu quốc gia, ví dụ: UBND cấp xã."),
    )
    channel_direct = models.BooleanField(_("nộp trực tiếp"), default=True)
    channel_online = models.BooleanField(_("nộp trực tuyến"), default=False)
    channel_postal = models.BooleanField(_("nộp qua bưu chính"), default=False)
    processing_days = models.DecimalField(
        _("thời hạn giải quyết (ngày làm việc)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    processing_hours = models.DecimalField(
        _("thời hạn giải quyết (giờ làm việc)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Dùng khi thời hạn tính theo giờ; để trống nếu tính theo ngày."),
    )
    fee_vnd = models.PositiveIntegerField(_("phí (đồng)"), default=0)
    charge_vnd = models.PositiveIntegerField(_("lệ phí (đồng)"), default=0)
    # Online amounts, when a rule sets them apart (e.g. Thông tư 75/2022/TT-BTC:
    # lower lệ phí for residence registration submitted online); NULL = as direct.
    fee_online_vnd = models.PositiveIntegerField(
        _("phí khi nộp trực tuyến (đồng)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu bằng mức nộp trực tiếp."),
    )
    charge_online_vnd = models.PositiveIntegerField(
        _("lệ phí khi nộp trực tuyến (đồng)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu bằng mức nộp trực tiếp."),
    )
    # Luật Phí và lệ phí 2015, Điều 21: HĐND cấp tỉnh sets many local fees; the
    # amounts then live in CouncilFee, entered per province or agency.
    fee_set_by_council = models.BooleanField(
        _("mức thu do HĐND tỉnh quyết định"),
        default=False,
        help_text=_("Khi chọn, mức thu lấy từ “Mức thu do HĐND tỉnh quyết định” theo đơn vị."),
    )
    fee_note = models.TextField(_("ghi chú phí, lệ phí"), blank=True)
    result_type = models.CharField(_("kết quả"), max_length=500)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    online_class = models.CharField(
        _("dịch vụ công trực tuyến"),
        max_length=10,
        choices=OnlineClass.choices,
        default=OnlineClass.NONE,
    )
    unverified = models.TextField(
        _("chưa kiểm chứng"),
        blank=True,
        help_text=_("Những chi tiết chưa đối chiếu được với nguồn chính thức."),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    search_text = models.TextField(
        _("chuỗi tìm kiếm"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Mã và tên không dấu, chữ thường; tự cập nhật khi lưu."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["field__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(processing_days__isnull=True)
                | models.Q(processing_hours__isnull=True),
                name="procedure_one_time_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A derived column: every save path (services, import, admin) must
        # keep it in step with the code and name, or search silently misses.
        self.search_text = fold(f"{self.code} {self.name}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"code", "name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def processing_seconds(self) -> int:
        """The processing time in office seconds (a working day is 7.5 hours)."""
        day = OfficeHours.parse(settings.OFFICE_HOURS).seconds_per_day
        if self.processing_hours is not None:
            return int(self.processing_hours * 3600)
        return int((self.processing_days or Decimal(0)) * day)


class ProcedureDocument(models.Model):
    """One document of a procedure's dossier (thành phần hồ sơ)."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="documents"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    required = models.BooleanField(_("bắt buộc"), default=True)
    form_template = models.CharField(
        _("mẫu đơn, tờ khai"), max_length=255, blank=True, help_text=_("Tên hoặc số hiệu mẫu.")
    )
    # The blank form a citizen may print and fill in by hand; public, like
    # the catalogue (Decree 63/2010/NĐ-CP, art. 8: forms are published with
    # the procedure).
    template_file = models.FileField(
        _("tệp mẫu đơn, tờ khai"),
        upload_to="templates/%Y/%m",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "doc", "docx"])],
        help_text=_("Tệp PDF hoặc Word để người dân tải về."),
    )
    # The declaration is the procedure's electronic form: on an online
    # application it is generated from the form's data, not uploaded.
    filled_by_eform = models.BooleanField(
        _("điền bằng biểu mẫu điện tử"),
        default=False,
        help_text=_(
            "Khi nộp trực tuyến, giấy tờ này được lập tự động (PDF) từ biểu mẫu điện tử; "
            "người dân không phải tải lên."
        ),
    )

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["procedure", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class Process(models.Model):
    """An agency's internal process for a procedure (quy trình nội bộ)."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="processes"
    )
    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.PROTECT,
        related_name="processes",
    )
    name = models.CharField(_("tên quy trình"), max_length=255)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["procedure__code", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "agency"], name="process_per_agency"),
        ]

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    """A step of a process: a unit and role hold the dossier for an allowance.

    `unit` empty means "the service centre that received the dossier" (phi
    địa giới: any centre of the province may receive). `external_agency` set
    means the step sends the dossier to that agency (liên thông) and waits.
    """

    process = models.ForeignKey(
        Process, verbose_name=_("quy trình"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    # Stable across renames and moves: definitions refer to steps by key, and
    # dossiers standing at a step keep it when the process is edited.
    key = models.SlugField(_("mã bước"), max_length=60)
    name = models.CharField(_("tên bước"), max_length=255)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: trung tâm đã tiếp nhận hồ sơ."),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    allowance_hours = models.DecimalField(
        _("thời gian (giờ làm việc)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Một ngày làm việc là 7,5 giờ (giờ hành chính mặc định)."),
    )
    is_final = models.BooleanField(_("bước kết thúc"), default=False)
    external_agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("liên thông tới cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["process", "position"]
        constraints = [
            models.UniqueConstraint(fields=["process", "position"], name="step_position_unique"),
            models.UniqueConstraint(fields=["process", "key"], name="step_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class StepAction(models.TextChoices):
    # Chuyển bước tiếp theo.
    FORWARD = "forward", _("Chuyển xử lý")
    # Trả về bước trước.
    RETURN = "return", _("Trả lại bước trước")
    # Phê duyệt (lãnh đạo ký) and move on.
    APPROVE = "approve", _("Phê duyệt")
    # Yêu cầu bổ sung hồ sơ từ công dân.
    SUPPLEMENT = "supplement", _("Yêu cầu bổ sung")
    # Từ chối giải quyết.
    REFUSE = "refuse", _("Từ chối")


class StepTransition(models.Model):
    """An action that leaves a step, the step it leads to, and who may take it."""

    step = models.ForeignKey(
        ProcessStep, verbose_name=_("từ bước"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("thao tác"), max_length=12, choices=StepAction.choices)
    target = models.ForeignKey(
        ProcessStep,
        verbose_name=_("tới bước"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incoming",
        help_text=_("Để trống với yêu cầu bổ sung và từ chối."),
    )
    roles = models.JSONField(
        _("vai trò được thực hiện"),
        default=list,
        blank=True,
        help_text=_("Để trống: vai trò của bước."),
    )

    class Meta:
        verbose_name = _("thao tác chuyển bước")
        verbose_name_plural = _("thao tác chuyển bước")
        ordering = ["step", "action", "pk"]

    def __str__(self) -> str:
        return f"{self.step} → {self.get_action_display()}"


class CouncilFee(models.Model):
    """Amounts of a procedure set by a provincial council's resolution.

    Entered by the administrator for a province (or a narrower agency); an
    agency uses the entry of its nearest unit in the organisation tree.
    """

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        on_delete=models.CASCADE,
        related_name="council_fees",
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("tỉnh hoặc cơ quan áp dụng"),
        on_delete=models.CASCADE,
        related_name="council_fees",
    )
    fee_vnd = models.PositiveIntegerField(_("phí (đồng)"), default=0)
    charge_vnd = models.PositiveIntegerField(_("lệ phí (đồng)"), default=0)
    fee_online_vnd = models.PositiveIntegerField(
        _("phí khi nộp trực tuyến (đồng)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu bằng mức nộp trực tiếp."),
    )
    charge_online_vnd = models.PositiveIntegerField(
        _("lệ phí khi nộp trực tuyến (đồng)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu bằng mức nộp trực tiếp."),
    )
    resolution = models.CharField(
        _("nghị quyết của HĐND"),
        max_length=255,
        help_text=_("Số, ngày của nghị quyết quy định mức thu."),
    )

    class Meta:
        verbose_name = _("mức thu do HĐND tỉnh quyết định")
        verbose_name_plural = _("mức thu do HĐND tỉnh quyết định")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "unit"], name="procedures_councilfee_one_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} · {self.unit}"

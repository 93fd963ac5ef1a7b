"""Complaints, denunciations and the other petitions (đơn) sent to a body.

Law on Complaints 2011 (Luật Khiếu nại 02/2011/QH13) with Decree
124/2020/NĐ-CP; Law on Denunciations 2018 (Luật Tố cáo 25/2018/QH14) with
Decree 31/2019/NĐ-CP; Circular 05/2021/TT-TTCP on receiving, classifying
and handling petitions. A petition is recorded, classified, then either
forwarded to the competent body (or filed) or accepted (thụ lý), assigned
to handlers who investigate, decided and closed.

A denouncer's identity (Law on Denunciations 2018 art. 47-48) lives in the
`petitioner_*` fields and the attachments marked `identifies_petitioner`;
nothing outside identity.py may show them (see that module).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # Circular 05/2021/TT-TTCP art. 6: classification by content.
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    FEEDBACK = "feedback", _("Phản ánh")


class Channel(models.TextChoices):
    DESK = "desk", _("Trực tiếp tại nơi tiếp công dân")
    POST = "post", _("Qua bưu chính")
    ONLINE = "online", _("Trực tuyến")
    TRANSFERRED = "transferred", _("Cơ quan khác chuyển đến")


class Status(models.TextChoices):
    # Recorded in the register, not yet classified.
    RECEIVED = "received", _("Mới tiếp nhận")
    # Classified, waiting for the decision to accept, forward or file.
    CLASSIFIED = "classified", _("Đã phân loại")
    # Outside competence: sent to the competent body with the notice.
    FORWARDED = "forwarded", _("Đã chuyển đơn")
    # Not qualifying (anonymous, already settled, ...): kept in the file.
    FILED = "filed", _("Lưu đơn, không thụ lý")
    # Accepted (thụ lý) with the notice; the settling clock runs.
    ACCEPTED = "accepted", _("Đã thụ lý")
    # Assigned to handlers who verify the facts.
    INVESTIGATING = "investigating", _("Đang xác minh")
    # The decision (complaint) or conclusion (denunciation) is issued.
    DECIDED = "decided", _("Đã có quyết định/kết luận")
    CLOSED = "closed", _("Đã đóng hồ sơ")


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.CLASSIFIED,
    Status.ACCEPTED,
    Status.INVESTIGATING,
)


class Petition(models.Model):
    """One petition (đơn) in the register of the body it was sent to."""

    code = models.CharField(_("số đơn"), max_length=12, unique=True)
    kind = models.CharField(_("loại đơn"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("nguồn đơn"), max_length=12, choices=Channel.choices)
    addressed_to = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan nhận đơn"),
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    received_at = models.DateTimeField(_("ngày nhận đơn"))
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người vào sổ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The citizen's account when sent online (the citizen's own list).
    account = models.ForeignKey(
        "accounts.User",
        verbose_name=_("tài khoản người gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    # The petitioner's identity: protected for denunciations (identity.py).
    petitioner_name = models.CharField(_("họ tên người gửi đơn"), max_length=150)
    petitioner_id_number = models.CharField(_("số định danh"), max_length=12, blank=True)
    petitioner_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    petitioner_contact = models.CharField(_("điện thoại, thư điện tử"), max_length=254, blank=True)
    # Who or what the petition is against (người bị khiếu nại / bị tố cáo).
    respondent = models.CharField(_("người, cơ quan bị khiếu nại/tố cáo"), max_length=300)
    summary = models.CharField(_("tóm tắt nội dung"), max_length=300)
    content = models.TextField(_("nội dung đơn"))
    request = models.TextField(_("yêu cầu của người gửi"), blank=True)
    # Classification (Circular 05/2021 art. 6-7).
    within_competence = models.BooleanField(_("thuộc thẩm quyền"), null=True, blank=True)
    qualifying = models.BooleanField(_("đủ điều kiện xử lý"), null=True, blank=True)
    complicated = models.BooleanField(_("vụ việc phức tạp"), default=False)
    remote_area = models.BooleanField(_("vùng sâu, vùng xa, đi lại khó khăn"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    # Forwarding: the competent body by name (it may be outside the platform).
    forwarded_to = models.CharField(_("chuyển đến cơ quan"), max_length=300, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    accept_due = models.DateTimeField(_("hạn thụ lý"))
    accepted_at = models.DateTimeField(_("ngày thụ lý"), null=True, blank=True)
    settle_due = models.DateTimeField(_("hạn giải quyết"), null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    decided_at = models.DateTimeField(_("ngày quyết định/kết luận"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định/kết luận"), max_length=60, blank=True)
    decision = models.TextField(_("nội dung quyết định/kết luận"), blank=True)
    closed_at = models.DateTimeField(_("ngày đóng hồ sơ"), null=True, blank=True)
    # A second-time complaint (khiếu nại lần hai, Law on Complaints 2011 art.
    # 33, 36-37) points at the first-time one it follows; its clocks differ.
    first_instance = models.ForeignKey(
        "self",
        verbose_name=_("đơn khiếu nại lần đầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_instances",
    )
    # Law on Denunciations 2018 art. 24(1): checking at several places may
    # take the acceptance check to 10 working days.
    check_extended = models.BooleanField(
        _("kéo dài kiểm tra, xác minh điều kiện thụ lý"), default=False
    )
    # A repeated petition on the same matter points at the first one.
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("đơn trùng nội dung với"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
    )

    class Meta:
        verbose_name = _("đơn khiếu nại, tố cáo, kiến nghị, phản ánh")
        verbose_name_plural = _("đơn khiếu nại, tố cáo, kiến nghị, phản ánh")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["addressed_to", "status"], name="voice_pet_unit_status"),
        ]

    def __str__(self) -> str:
        # Never the petitioner: this string shows in the admin and in logs.
        return f"{self.code} ({self.get_kind_display()})"

    @property
    def second_time(self) -> bool:
        return self.first_instance_id is not None


class Handler(models.Model):
    """A person assigned to handle (verify) one petition: the only ones who see a denouncer."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("đơn"), on_delete=models.CASCADE, related_name="handlers"
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người xử lý"),
        on_delete=models.PROTECT,
        related_name="petitions_handled",
    )
    lead = models.BooleanField(_("trưởng đoàn/tổ xác minh"), default=False)
    assigned_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người phân công"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("ngày phân công"))

    class Meta:
        verbose_name = _("người được phân công xử lý đơn")
        verbose_name_plural = _("người được phân công xử lý đơn")
        constraints = [
            models.UniqueConstraint(fields=["petition", "user"], name="voice_pet_handler_once"),
        ]

    def __str__(self) -> str:
        return f"{self.petition.code}: {self.user.username}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(
        Petition, verbose_name=_("đơn"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("tệp"), upload_to="voice/petitions/")
    name = models.CharField(_("tên tệp"), max_length=200)
    # A file that identifies the denouncer (the signed letter, an ID copy).
    identifies_petitioner = models.BooleanField(_("có thông tin nhận diện người gửi"))

    class Meta:
        verbose_name = _("tệp đính kèm đơn")
        verbose_name_plural = _("tệp đính kèm đơn")

    def __str__(self) -> str:
        return f"{self.petition.code}: {self.pk}"


class StepKind(models.TextChoices):
    RECORDED = "recorded", _("Vào sổ")
    CLASSIFIED = "classified", _("Phân loại")
    FORWARDED = "forwarded", _("Chuyển đơn")
    FILED = "filed", _("Lưu đơn")
    ACCEPTED = "accepted", _("Thụ lý")
    ASSIGNED = "assigned", _("Phân công xác minh")
    FINDING = "finding", _("Kết quả xác minh")
    EXTENDED = "extended", _("Gia hạn")
    CHECK_EXTENDED = "check_longer", _("Kéo dài kiểm tra điều kiện thụ lý")
    DECIDED = "decided", _("Quyết định/kết luận")
    CLOSED = "closed", _("Đóng hồ sơ")


class PetitionStep(models.Model):
    petition = models.ForeignKey(
        Petition, verbose_name=_("đơn"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("bước"), max_length=12, choices=StepKind.choices)
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("thời điểm"))

    class Meta:
        verbose_name = _("bước xử lý đơn")
        verbose_name_plural = _("bước xử lý đơn")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition.code}: {self.kind}"

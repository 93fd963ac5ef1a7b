"""Feedback and petitions (phản ánh, kiến nghị), Decree 20/2008/NĐ-CP as amended by Decree 92/2017.

A citizen or business tells the administration about a regulation, a
procedure or an official's conduct; it is classified (accepted for a unit,
or refused with the reason), answered by the unit, approved by a leader,
sent to the sender and published without personal data on the dialogue
page (hỏi đáp). Complaints and denunciations are not feedback (Decree 20
art. 3) and go to egov/voice/complaints.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.platform.core.text import fold


class Topic(models.Model):
    """A field (lĩnh vực) feedback is about: the dialogue page's filter and Open311's services."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực phản ánh")
        verbose_name_plural = _("lĩnh vực phản ánh")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Subject(models.TextChoices):
    # Decree 20/2008 art. 3 (as amended): what feedback may be about.
    REGULATION = "regulation", _("Quy định hành chính")
    PROCEDURE = "procedure", _("Thủ tục hành chính")
    CONDUCT = "conduct", _("Hành vi của cán bộ, công chức")


class Channel(models.TextChoices):
    # Sent by the citizen on the public page.
    ONLINE = "online", _("Trực tuyến")
    # Brought to the desk (or phoned) and entered by staff.
    DESK = "desk", _("Tại bộ phận tiếp nhận")
    # Sent by an application through the REST API or Open311.
    API = "api", _("Qua ứng dụng (API)")


class Status(models.TextChoices):
    # Received, waiting to be classified (accepted or refused).
    RECEIVED = "received", _("Chờ phân loại")
    # Refused with the reason (not feedback, outside competence, ...).
    REFUSED = "refused", _("Không tiếp nhận")
    # Accepted and routed to a unit, which drafts the answer.
    HANDLING = "handling", _("Đang xử lý")
    # The unit's draft answer waits for the leader's approval.
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo duyệt")
    # Approved and sent to the sender.
    ANSWERED = "answered", _("Đã trả lời")


OPEN_STATUSES = (Status.RECEIVED, Status.HANDLING, Status.AWAITING_APPROVAL)


class Rating(models.TextChoices):
    # The sender's rating of the answer (like / dislike on the national portal).
    SATISFIED = "satisfied", _("Hài lòng")
    UNSATISFIED = "unsatisfied", _("Không hài lòng")


class Feedback(models.Model):
    """One feedback or petition, from receipt to publication."""

    code = models.CharField(_("mã tra cứu"), max_length=12, unique=True)
    subject = models.CharField(_("phản ánh về"), max_length=12, choices=Subject.choices)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    # The procedure it is about, by its national code and name: the one-stop
    # catalogue is another domain, so it is named here, not linked.
    procedure_code = models.CharField(_("mã thủ tục"), max_length=40, blank=True)
    procedure_name = models.CharField(_("tên thủ tục"), max_length=300, blank=True)
    # The one-stop dossier the feedback is about, by its code (another domain,
    # so named, not linked): Decision 766's satisfaction with procedures
    # subtracts the dossiers with a complaint (statistics.complained_dossiers).
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=64, blank=True, db_index=True)
    channel = models.CharField(_("hình thức gửi"), max_length=8, choices=Channel.choices)
    # The sender: an account, or a name and a contact (personal data, never published).
    account = models.ForeignKey(
        "accounts.User",
        verbose_name=_("tài khoản người gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voice_feedback",
    )
    sender_name = models.CharField(_("họ tên người gửi"), max_length=150)
    sender_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    sender_email = models.EmailField(_("thư điện tử"), blank=True)
    sender_address = models.CharField(_("địa chỉ người gửi"), max_length=300, blank=True)
    # The place it is about (FixMyStreet-style pin), optional.
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # A photo's address given by an Open311 client (never fetched by the platform).
    media_url = models.URLField(_("đường dẫn ảnh"), max_length=500, blank=True)
    # The body it was sent to, whose staff classify it.
    addressed_to = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("gửi đến"),
        on_delete=models.PROTECT,
        related_name="voice_addressed",
    )
    # The unit answering it, set by the classification or a transfer.
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voice_handled",
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now)
    received_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("cán bộ nhập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Deadlines (deadlines.py): classify from receipt; answer from the latest
    # routing; publish from the approval.
    classify_due_at = models.DateTimeField(_("hạn phân loại"))
    answer_due_at = models.DateTimeField(_("hạn trả lời"), null=True, blank=True)
    publish_due_at = models.DateTimeField(_("hạn công khai"), null=True, blank=True)
    classified_at = models.DateTimeField(_("phân loại lúc"), null=True, blank=True)
    refusal_reason = models.TextField(_("lý do không tiếp nhận"), blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người soạn trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("lãnh đạo duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    # Publication: the question and the answer with personal data removed
    # (privacy.py), kept apart from the original, which stays private.
    public_title = models.CharField(_("tiêu đề công khai"), max_length=200, blank=True)
    public_question = models.TextField(_("câu hỏi công khai"), blank=True)
    public_answer = models.TextField(_("câu trả lời công khai"), blank=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    frequently_asked = models.BooleanField(_("câu hỏi thường gặp"), default=False)
    # Folded public text (no diacritics) for the dialogue page's search.
    search_text = models.TextField(_("nội dung tìm kiếm"), blank=True, editable=False)
    # A later item from the same sender on the same matter points at the
    # first one (followups.py); Decision 766 counts the first as unsatisfied.
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("phản ánh trước cùng người gửi, cùng nội dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    rating = models.CharField(_("đánh giá"), max_length=12, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["addressed_to", "status"], name="voice_fb_addressed_status"),
            models.Index(fields=["unit", "status"], name="voice_fb_unit_status"),
            models.Index(fields=["published_at"], name="voice_fb_published"),
            models.Index(fields=["account", "received_at"], name="voice_fb_account"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title[:60]}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.public_title} {self.public_question} {self.public_answer}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def current_due_at(self) -> datetime | None:
        """The deadline of the step it waits on (None when nothing is due)."""
        if self.status == Status.RECEIVED:
            return self.classify_due_at
        if self.status in (Status.HANDLING, Status.AWAITING_APPROVAL):
            return self.answer_due_at
        if self.status == Status.ANSWERED and self.published_at is None:
            return self.publish_due_at
        return None

    @property
    def is_overdue(self) -> bool:
        """The step it waits on is past its deadline (shown in the staff lists)."""
        due = self.current_due_at
        return due is not None and due < timezone.now()


class FeedbackAttachment(models.Model):
    feedback = models.ForeignKey(
        Feedback, verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("tên tệp"), max_length=200)
    file = models.FileField(_("tệp"), upload_to="voice/feedback/%Y/", max_length=200)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class StepKind(models.TextChoices):
    # The history of a feedback item: every step, with who and when.
    RECEIVED = "received", _("Tiếp nhận")
    ACCEPTED = "accepted", _("Phân loại, chuyển đơn vị xử lý")
    REFUSED = "refused", _("Không tiếp nhận")
    TRANSFERRED = "transferred", _("Chuyển đơn vị khác")
    DRAFTED = "drafted", _("Dự thảo trả lời")
    RETURNED = "returned", _("Lãnh đạo trả lại dự thảo")
    APPROVED = "approved", _("Lãnh đạo duyệt, gửi trả lời")
    PUBLISHED = "published", _("Công khai")
    RATED = "rated", _("Người gửi đánh giá")
    LINKED = "linked", _("Gắn với phản ánh trước cùng nội dung")


class FeedbackStep(models.Model):
    """One step in a feedback item's history; the transfers are its routing log."""

    feedback = models.ForeignKey(
        Feedback, verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("bước"), max_length=12, choices=StepKind.choices)
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["feedback", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.feedback_id} – {self.get_kind_display()}"

"""What signing keeps in the database: the images a signature shows, the
signer's account at the remote signing service, and remote signings that
wait for the signer's phone.

Never a private key, a PIN or a passphrase (issue 12, security): keys live in
tokens, in the remote service or in a PKCS#12 file whose passphrase is in the
environment (backends/server_key.py).
"""

from __future__ import annotations

from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _


class SignerProfile(models.Model):
    """A user's own signing credential and handwritten signature image.

    Decree 30/2020/NĐ-CP, Appendix I: the signer's handwritten signature, a
    transparent PNG, shows between the position and the name. The user
    uploads it themself; nobody else can give a user a signature.
    """

    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("người ký"),
        on_delete=models.CASCADE,
        related_name="signer_profile",
    )
    signature_image = models.FileField(
        _("ảnh chữ ký"), upload_to="signatures/handwritten/", max_length=200, blank=True
    )
    # The user's account at the remote signing service (VNPT SmartCA, Viettel
    # MySign): a user signs only with this, their own credential.
    remote_account = models.CharField(_("tài khoản ký số từ xa"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ chữ ký")
        verbose_name_plural = _("hồ sơ chữ ký")

    def __str__(self) -> str:
        return str(self.user)


class UnitSeal(models.Model):
    """The organisation's red seal image (Decree 30/2020, Appendix I: a
    transparent PNG at actual size over the left third of the signer's
    image), uploaded by an administrator of the unit."""

    unit = models.OneToOneField(
        "organisation.Unit",
        verbose_name=_("cơ quan"),
        on_delete=models.CASCADE,
        related_name="seal",
    )
    image = models.FileField(_("ảnh con dấu"), upload_to="signatures/seals/", max_length=200)
    uploaded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("con dấu của cơ quan")
        verbose_name_plural = _("con dấu của cơ quan")

    def __str__(self) -> str:
        return str(self.unit)


class PendingSigning(models.Model):
    """A remote signing waiting for the signer's confirmation.

    `state` is PendingRemoteSignature.to_json(): the prepared document, the
    digests and the certificates, with an HMAC; it holds no secret. One per
    (purpose, object): the domain names what is being signed ("office.outgoing",
    the document's pk) without the platform importing it.
    """

    purpose = models.CharField(_("mục đích"), max_length=40)
    object_pk = models.PositiveBigIntegerField(_("đối tượng"))
    # Which version of the object was prepared: finishing refuses if it changed.
    revision = models.PositiveIntegerField(_("phiên bản"), default=0)
    signer = models.ForeignKey(
        "accounts.User", verbose_name=_("người ký"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.TextField(_("trạng thái chờ ký"))
    transaction_id = models.CharField(_("mã giao dịch"), max_length=100)
    note = models.TextField(_("ý kiến"), blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu ký số đang chờ")
        verbose_name_plural = _("yêu cầu ký số đang chờ")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "object_pk"], name="signatures_pending_one_per_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}:{self.object_pk}"


class CheckStatus(models.TextChoices):
    """What the validation of a file that entered the platform found."""

    # Queued: the background job has not validated it yet.
    PENDING = "pending", _("đang kiểm tra")
    # A readable PDF without any signature.
    UNSIGNED = "unsigned", _("không có chữ ký số")
    # Every signature valid.
    VALID = "valid", _("chữ ký số hợp lệ")
    # Every signature valid, at least one with a warning (revocation unknown, no timestamp).
    VALID_WITH_WARNINGS = "valid_with_warnings", _("chữ ký số hợp lệ, có cảnh báo")
    # At least one signature invalid (changed, revoked, untrusted).
    INVALID = "invalid", _("chữ ký số không hợp lệ")
    # Not a PDF, encrypted or corrupt: nothing could be validated.
    UNREADABLE = "unreadable", _("không đọc được tệp")


# The statuses of a file that carries at least one valid signature: what the
# statistics count as "signed" (issue 12, point 5; the seed's 90%).
SIGNED_STATUSES = (CheckStatus.VALID, CheckStatus.VALID_WITH_WARNINGS)


class SignatureCheck(models.Model):
    """The validation of one file's signatures, kept with the file.

    The domain names the file's owner by (purpose, object_pk), as for
    PendingSigning, without the platform importing it: "office.incoming" and
    the incoming document's pk, "onestop.result" and the dossier's. The
    storage name says which file was checked; a new file gets a new check.
    `reports` is one entry per signature (validation.SignatureReport as
    JSON), in the order they were applied.
    """

    purpose = models.CharField(_("mục đích"), max_length=40)
    object_pk = models.PositiveBigIntegerField(_("đối tượng"))
    file_name = models.CharField(_("tệp"), max_length=200)
    status = models.CharField(
        _("kết quả kiểm tra"),
        max_length=24,
        choices=CheckStatus.choices,
        default=CheckStatus.PENDING,
    )
    signatures = models.PositiveSmallIntegerField(_("số chữ ký"), default=0)
    reports = models.JSONField(_("chi tiết"), default=list, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    checked_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả kiểm tra chữ ký số")
        verbose_name_plural = _("kết quả kiểm tra chữ ký số")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "object_pk"], name="signatures_check_one_per_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}:{self.object_pk}"

    @property
    def signed(self) -> bool:
        return self.status in SIGNED_STATUSES

    def report_rows(self) -> list[dict[str, object]]:
        """The stored reports with their signing time as a datetime again, for templates."""
        rows = []
        for raw in self.reports or []:
            row = dict(raw)
            when = row.get("signing_time")
            row["signing_time"] = parse_datetime(when) if isinstance(when, str) else None
            rows.append(row)
        return rows


class TrustedRoot(models.Model):
    """A root certificate an administrator added to the deployment's own
    (EGOV_SIGNATURES["trusted_roots"]), trusted where the deployment turns
    `admin_roots` on (trustroots.py). The certificate is public: no secret."""

    name = models.CharField(_("tên"), max_length=255)
    subject = models.TextField(_("chủ thể"))
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True)
    certificate = models.BinaryField(_("chứng thư số (DER)"))
    valid_until = models.DateTimeField(_("hiệu lực đến"))
    added_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người thêm"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư số gốc tin cậy")
        verbose_name_plural = _("chứng thư số gốc tin cậy")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

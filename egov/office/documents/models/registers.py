"""Document types, abbreviations and registers (sổ văn bản), Decree 30/2020/NĐ-CP."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.Model):
    """One of the administrative document types of Decree 30, Appendix III.

    Data, not code: the appendix transcriptions disagree in places (NP or GNP
    for a leave slip), so administrators correct them in the admin.
    Abbreviations are case- and diacritic-sensitive: HĐ is not HD, QĐ is not QyĐ.
    """

    name = models.CharField(_("tên loại văn bản"), max_length=100, unique=True)
    abbreviation = models.CharField(
        _("chữ viết tắt"),
        max_length=10,
        blank=True,
        help_text=_("Để trống cho công văn: ký hiệu công văn không có tên loại."),
    )
    # Decree 30, Appendix I, I.3: a công văn's symbol names the body and the
    # drafting unit, not a type ("120/UBND-VP").
    is_letter = models.BooleanField(_("là công văn"), default=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class UnitAbbreviation(models.Model):
    """The abbreviation of a unit's name in symbols: UBND for the body, VP for its office."""

    unit = models.OneToOneField(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="office_abbreviation",
    )
    abbreviation = models.CharField(_("chữ viết tắt"), max_length=20)

    class Meta:
        verbose_name = _("chữ viết tắt tên đơn vị")
        verbose_name_plural = _("chữ viết tắt tên đơn vị")

    def __str__(self) -> str:
        return f"{self.unit} – {self.abbreviation}"


class Direction(models.TextChoices):
    # Văn bản đến: documents received, numbered by arrival (số đến).
    INCOMING = "incoming", _("Văn bản đến")
    # Văn bản đi: documents the body issues, numbered when signed.
    OUTGOING = "outgoing", _("Văn bản đi")


class Register(models.Model):
    """A register of one issuing body for one year, and its number counter.

    Decree 30 art. 15: numbers run from 01 on 1 January to 31 December, so a
    register belongs to one year and a new year opens new registers counting
    from 1 (registers.open_year). `last_number` is the counter: the numbering
    service locks this row for the transaction that takes a number, so a
    rollback gives the number back and no gap is left.
    """

    body = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="office_registers",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    direction = models.CharField(_("loại sổ"), max_length=10, choices=Direction.choices)
    name = models.CharField(_("tên sổ"), max_length=150)
    # Decree 30 art. 15(3): secret documents have their own series.
    confidential = models.BooleanField(_("sổ văn bản mật"), default=False)
    types = models.ManyToManyField(
        DocumentType,
        verbose_name=_("loại văn bản vào sổ"),
        blank=True,
        related_name="registers",
        help_text=_(
            "Sổ văn bản đi: các loại văn bản ghi vào sổ này. Để trống: mọi loại chưa có sổ riêng."
        ),
    )
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # Closed (khóa sổ) by the unit's administrator: no number is taken from it
    # any more; see services/register_admin.py for when it may reopen.
    closed_at = models.DateTimeField(_("khóa sổ lúc"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người khóa sổ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sổ văn bản")
        verbose_name_plural = _("sổ văn bản")
        ordering = ["body", "-year", "direction", "confidential", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "direction", "name"], name="office_register_unique_name"
            ),
            # One incoming register a year (and one for secret documents):
            # the arrival number is one yearly series (Decree 30 art. 22).
            models.UniqueConstraint(
                fields=["body", "year", "confidential"],
                condition=models.Q(direction="incoming"),
                name="office_register_one_incoming",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year} – {self.body}"


class RegisterEntry(models.Model):
    """A number taken from a register, with the symbol it was issued under.

    The ledger that makes "number + symbol unique per body and year" a
    database rule (Decree 30 art. 15(1)): two issues can never share one,
    whatever the code above does.
    """

    register = models.ForeignKey(
        Register, verbose_name=_("sổ"), on_delete=models.PROTECT, related_name="entries"
    )
    number = models.PositiveIntegerField(_("số"))
    body = models.ForeignKey(
        "organisation.Unit", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    confidential = models.BooleanField(_("mật"), default=False)
    notation = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại văn bản"), null=True, on_delete=models.PROTECT
    )
    taken_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người lấy số"), null=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("lấy số lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("số đã cấp")
        verbose_name_plural = _("số đã cấp")
        ordering = ["register", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"], name="office_entry_unique_number"
            ),
            # Secret documents run their own series, so their notations may
            # repeat an ordinary one: the confidential flag is part of the key.
            models.UniqueConstraint(
                fields=["body", "year", "confidential", "notation"],
                condition=~models.Q(notation=""),
                name="office_entry_unique_notation",
            ),
        ]

    def __str__(self) -> str:
        return self.notation or str(self.number)

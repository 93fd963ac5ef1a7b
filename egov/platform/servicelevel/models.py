"""What the platform measures of itself for the service report (issue 19 item 6).

`RequestHour`: requests per hour, unit and route group, with a latency
histogram in fixed buckets (so a percentile is known exactly to its bucket
whatever the traffic). `ServiceBeat`: one row per heartbeat slot written by
the worker's periodic task; a slot without a row is downtime. `ActiveDay`:
a user made a request that day.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Upper bounds of the latency buckets, in milliseconds; the last bucket is
# "above the last bound". Changing them needs a migration (one column each).
BUCKETS_MS = (50, 100, 200, 300, 500, 1000, 2000, 5000)
BUCKET_FIELDS = (*(f"le_{ms}" for ms in BUCKETS_MS), "over_5000")


class RequestHour(models.Model):
    hour = models.DateTimeField(_("giờ"))
    # The requesting user's unit (their highest membership); none: public
    # visitors, citizens and requests that never looked at the user.
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The first segment of the matched URL pattern ("chat-luong", "api");
    # "-" when nothing matched (a 404), so scanners cannot grow the table.
    group = models.CharField(_("nhóm chức năng"), max_length=50)
    count = models.PositiveBigIntegerField(_("số yêu cầu"), default=0)
    errors = models.PositiveBigIntegerField(_("số lỗi 5xx"), default=0)
    le_50 = models.PositiveBigIntegerField(_("≤ 50 ms"), default=0)
    le_100 = models.PositiveBigIntegerField(_("≤ 100 ms"), default=0)
    le_200 = models.PositiveBigIntegerField(_("≤ 200 ms"), default=0)
    le_300 = models.PositiveBigIntegerField(_("≤ 300 ms"), default=0)
    le_500 = models.PositiveBigIntegerField(_("≤ 500 ms"), default=0)
    le_1000 = models.PositiveBigIntegerField(_("≤ 1.000 ms"), default=0)
    le_2000 = models.PositiveBigIntegerField(_("≤ 2.000 ms"), default=0)
    le_5000 = models.PositiveBigIntegerField(_("≤ 5.000 ms"), default=0)
    over_5000 = models.PositiveBigIntegerField(_("> 5.000 ms"), default=0)

    class Meta:
        verbose_name = _("lượt yêu cầu theo giờ")
        verbose_name_plural = _("lượt yêu cầu theo giờ")
        constraints = [
            # Two constraints: a NULL unit is distinct from every other NULL
            # in a plain unique constraint, on SQLite and PostgreSQL alike.
            models.UniqueConstraint(
                fields=["hour", "unit", "group"],
                condition=Q(unit__isnull=False),
                name="servicelevel_hour_unit_group",
            ),
            models.UniqueConstraint(
                fields=["hour", "group"],
                condition=Q(unit__isnull=True),
                name="servicelevel_hour_group_no_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}h {self.group}: {self.count}"


class ServiceBeat(models.Model):
    # The start of the heartbeat slot (jobs registry `every`): one row per slot.
    slot = models.DateTimeField(_("khung giờ"), unique=True)
    recorded_at = models.DateTimeField(_("ghi lúc"))
    # Jobs that failed for good, and runs that were a retry, in the slot before.
    jobs_failed = models.PositiveIntegerField(_("tác vụ lỗi"), default=0)
    jobs_retried = models.PositiveIntegerField(_("lượt chạy lại"), default=0)

    class Meta:
        verbose_name = _("nhịp hoạt động")
        verbose_name_plural = _("nhịp hoạt động")
        ordering = ["slot"]

    def __str__(self) -> str:
        return f"{self.slot:%Y-%m-%d %H:%M}"


class ActiveDay(models.Model):
    day = models.DateField(_("ngày"))
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("ngày hoạt động")
        verbose_name_plural = _("ngày hoạt động")
        constraints = [
            models.UniqueConstraint(fields=["day", "user"], name="servicelevel_active_day_user")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.user_id}"

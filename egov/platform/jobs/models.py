"""One row per background job; the table is the queue (see egov/platform/jobs/__init__.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    # Waiting for `run_after` (a new job, or one to retry after a failure).
    QUEUED = "queued", _("Chờ chạy")
    # Claimed by a worker until `lease_until`; after that it is queued again.
    RUNNING = "running", _("Đang chạy")
    # Finished; `result` holds what the task returned.
    DONE = "done", _("Đã xong")
    # Gave up after `max_attempts` (or the task refused to run); kept for the
    # administrators, who may queue it again.
    FAILED = "failed", _("Lỗi")


ACTIVE = [JobStatus.QUEUED, JobStatus.RUNNING]


class Job(models.Model):
    task = models.CharField(_("tác vụ"), max_length=100)
    kwargs = models.JSONField(_("tham số"), default=dict, blank=True)
    # At most one queued or running job per non-empty key.
    unique_key = models.CharField(_("khóa chống trùng"), max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    run_after = models.DateTimeField(_("chạy từ lúc"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("số lần chạy"), default=0)
    max_attempts = models.PositiveIntegerField(_("số lần chạy tối đa"), default=5)
    # Who holds a running job ("host:pid") and until when.
    worker = models.CharField(_("tiến trình"), max_length=100, blank=True)
    lease_until = models.DateTimeField(_("giữ đến"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    result = models.JSONField(_("kết quả"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unique_key"],
                condition=Q(status__in=ACTIVE) & ~Q(unique_key=""),
                name="jobs_one_active_job_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["status", "run_after"], name="jobs_due"),
            models.Index(fields=["unique_key"], name="jobs_key"),
            models.Index(fields=["status", "finished_at"], name="jobs_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"


class WorkerHeartbeat(models.Model):
    """When each worker process last went round its loop: read by the `/health/` page.

    A table, not the cache: the cache is per process (local memory), and the
    web server must see the worker's beats. One row per worker ("host:pid"),
    rows of workers gone for a day are pruned (tasks.py).
    """

    worker = models.CharField(_("tiến trình"), max_length=100, unique=True)
    beat_at = models.DateTimeField(_("lần cuối lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("nhịp của tiến trình nền")
        verbose_name_plural = _("nhịp của tiến trình nền")
        ordering = ["-beat_at"]

    def __str__(self) -> str:
        return f"{self.worker} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"

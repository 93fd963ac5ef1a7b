"""The portal's background tasks, run by the platform's worker.

Scheduled publishing and expiry: what Wagtail's `publish_scheduled` command
does, as a periodic task (no cron), each page in its own transaction with
its audit event. And the editors' and approvers' groups kept in step with
the memberships (editors.py).
"""

from __future__ import annotations

from datetime import time

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from egov.platform.audit.services import record_event
from egov.platform.jobs.registry import daily, every, task
from egov.platform.organisation.models import Unit
from egov.portal.pages.editors import sync_all_sites
from egov.portal.pages.freshness import remind_stale
from egov.portal.pages.models import UnitHomePage

SCHEDULE_SECONDS = 60
SYNC_SECONDS = 300


def _unit_of(page: Page) -> Unit | None:
    home = UnitHomePage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    return home.specific.unit if home is not None else None


def publish_due() -> tuple[int, int]:
    """Take down the pages past their expiry, publish the revisions whose time
    has come; (published, expired)."""
    now = timezone.now()
    expired = 0
    for page in list(Page.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")):
        with transaction.atomic():
            page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            record_event(
                event_type="portal.page_expired",
                actor=None,
                target=page,
                unit=_unit_of(page),
                details={"title": page.title, "url_path": page.url_path},
            )
        expired += 1
    published = 0
    for revision in list(
        Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    ):
        # PortalPage.publish records the audit event in the same transaction.
        revision.publish(log_action="wagtail.publish.scheduled")
        published += 1
    return published, expired


@task("portal.publish_scheduled", schedule=every(seconds=SCHEDULE_SECONDS), max_attempts=1)
def publish_scheduled() -> str:
    published, expired = publish_due()
    return f"published {published}, expired {expired}"


@task("portal.sync_editors", schedule=every(seconds=SYNC_SECONDS), max_attempts=1)
def sync_editors() -> str:
    return f"changed {sync_all_sites()}"


@task("portal.remind_stale", schedule=daily(time(7, 0)), max_attempts=1)
def remind_stale_sites() -> str:
    """The weekly reminder of stale categories to each site's editors (freshness.py);
    run daily, told once a week."""
    return f"told {remind_stale()}"

"""The periodic tasks are registered by the apps they belong to, found at start-up."""

from __future__ import annotations

from egov.platform.jobs.registry import get_task, periodic_tasks


def test_each_periodic_task_is_registered_by_its_own_app() -> None:
    # JobsConfig.ready imported every app's tasks.py: the worker knows them all
    assert {t.name: t.func.__module__ for t in periodic_tasks()} == {
        "jobs.prune": "egov.platform.jobs.tasks",
        "notifications": "egov.platform.notifications.tasks",
        "notifications.sms": "egov.platform.notifications.tasks",
        "signatures.lta_renewal": "egov.platform.signatures.tasks",
        "reception_drafts": "egov.onestop.dossiers.tasks",
        "reminders": "egov.onestop.dossiers.tasks",
        "reports.prune_exports": "egov.onestop.reports.tasks",
        "portal_sync": "egov.onestop.portalsync.tasks",
        "office.overdue_reminder": "egov.office.documents.tasks",
        "office.remote_signing_poll": "egov.office.documents.tasks",
        "exchange_send": "egov.office.exchange.tasks",
        "exchange_fetch": "egov.office.exchange.tasks",
        "voice.feedback_overdue_reminder": "egov.voice.feedback.tasks",
        "voice.petition_reminder": "egov.voice.complaints.tasks",
        "voice.reception_day_shortfall": "egov.voice.reception.tasks",
        "portal.publish_scheduled": "egov.portal.pages.tasks",
        "portal.sync_editors": "egov.portal.pages.tasks",
        "portal.remind_stale": "egov.portal.pages.tasks",
        "quality.corrective_action_reminder": "egov.onestop.quality.tasks",
        "servicelevel.heartbeat": "egov.platform.servicelevel.tasks",
    }


def test_the_outbox_drains_keep_their_own_counts() -> None:
    # one attempt per slot: the outboxes retry with their own back-off
    drains = [get_task(name) for name in ("notifications", "notifications.sms", "portal_sync")]
    assert [t.max_attempts if t is not None else None for t in drains] == [1, 1, 1]

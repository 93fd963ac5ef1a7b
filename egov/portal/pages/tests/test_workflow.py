"""Editors write, the unit's leader approves and publishes; nobody crosses into another unit's site.

Every refusal is checked through Wagtail's own admin views (what an editor
can actually do), and checked to leave the page, its revisions and its
workflow exactly as they were.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import rich_text

from egov.conftest import Cast, login
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.portal.pages.models import NewsArticlePage, NewsIndexPage
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db


def draft_article(index: NewsIndexPage, author: User, title: str) -> NewsArticlePage:
    article = NewsArticlePage(
        title=title, slug="bai-viet", body="<p>Bản nháp.</p>", live=False, owner=author
    )
    index.add_child(instance=article)
    article.save_revision(user=author)
    return article


def edit_form(page: NewsArticlePage, title: str, action: str) -> dict[str, Any]:
    return {
        "title": title,
        "slug": page.slug,
        "date": "07/12/2026",
        "summary": "",
        "body": rich_text("<p>Nội dung đã sửa.</p>"),
        "decree_category": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        action: "1",
    }


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client: Client, page: NewsArticlePage, title: str) -> None:
    client.post(edit_url(page), edit_form(page, title, "action-submit"))


def in_review(page: Page) -> WorkflowState:
    return WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))


def approve_url(page: Page, state: WorkflowState) -> str:
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )


def snapshot(page: Page) -> tuple[object, ...]:
    page.refresh_from_db()
    return (
        page.title,
        page.live,
        page.has_unpublished_changes,
        page.revisions.count(),
        WorkflowState.objects.filter(object_id=str(page.pk)).count(),
        AuditEvent.objects.filter(event_type="portal.page_published").count(),
    )


def test_the_editor_submits_and_the_units_leader_approves_and_publishes(
    cast: Cast, portal: Portal
) -> None:
    article = draft_article(portal.long_an_news, cast.specialist, "Bản nháp")
    editor = login(Client(), cast.specialist)
    leader = login(Client(), portal.long_an_leader)

    submit(editor, article, "Phường Long An tổ chức Ngày hội đại đoàn kết")
    article.refresh_from_db()
    state = in_review(article)
    live_after_submit = article.live
    response = leader.post(approve_url(article, state), {"comment": ""})
    article.refresh_from_db()
    state.refresh_from_db()

    assert live_after_submit is False
    assert response.status_code == 302
    assert state.status == WorkflowState.STATUS_APPROVED
    assert article.live is True
    assert article.title == "Phường Long An tổ chức Ngày hội đại đoàn kết"
    event = AuditEvent.objects.get(event_type="portal.page_published", actor__isnull=False)
    assert event.actor == portal.long_an_leader
    assert event.unit_id == portal.long_an.unit_id
    assert event.details["title"] == "Phường Long An tổ chức Ngày hội đại đoàn kết"


def test_an_editor_cannot_publish_even_in_their_own_unit(cast: Cast, portal: Portal) -> None:
    article = draft_article(portal.long_an_news, cast.specialist, "Bản nháp")
    events = AuditEvent.objects.filter(event_type="portal.page_published").count()

    response = login(Client(), cast.specialist).post(
        edit_url(article), edit_form(article, "Tự xuất bản", "action-publish")
    )
    article.refresh_from_db()

    # Wagtail keeps what the editor typed as a draft (they may edit), and
    # publishes nothing: publishing is the leader's.
    assert response.status_code == 302
    assert article.live is False
    assert article.live_revision_id is None
    assert article.get_latest_revision().approved_go_live_at is None
    assert AuditEvent.objects.filter(event_type="portal.page_published").count() == events


def test_an_editor_of_another_unit_cannot_open_or_change_the_page(
    cast: Cast, portal: Portal
) -> None:
    article = draft_article(portal.long_an_news, cast.specialist, "Bản nháp")
    before = snapshot(article)
    outsider = login(Client(), cast.outsider)  # Tân Ninh's editor

    opened = outsider.get(edit_url(article))
    changed = outsider.post(edit_url(article), edit_form(article, "Sửa trộm", "action-submit"))

    assert opened.status_code in (302, 403)
    assert changed.status_code in (302, 403)
    assert snapshot(article) == before
    assert not article.permissions_for_user(cast.outsider).can_edit()


def test_another_units_leader_cannot_approve_or_publish(cast: Cast, portal: Portal) -> None:
    article = draft_article(portal.long_an_news, cast.specialist, "Bản nháp")
    submit(login(Client(), cast.specialist), article, "Chờ duyệt")
    state = in_review(article)
    before = snapshot(article)
    other_leader = login(Client(), portal.tan_ninh_leader)

    approved = other_leader.post(approve_url(article, state), {"comment": ""})
    published = other_leader.post(
        edit_url(article), edit_form(article, "Xuất bản hộ", "action-publish")
    )
    state.refresh_from_db()

    assert approved.status_code in (302, 403)
    assert published.status_code in (302, 403)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert snapshot(article) == before
    assert not article.permissions_for_user(portal.tan_ninh_leader).can_publish()


def test_the_editor_and_the_leader_meet_the_admin_in_vietnamese(cast: Cast, portal: Portal) -> None:
    # Wagtail 8.0's Vietnamese catalogue lacks most of the admin's strings: the
    # everyday path's are in the platform's own (egov/locale/vi, LOCALE_PATHS).
    article = draft_article(portal.long_an_news, cast.specialist, "Bản nháp")
    editor = login(Client(), cast.specialist)
    leader = login(Client(), portal.long_an_leader)

    add = editor.get(
        reverse(
            "wagtailadmin_pages:add",
            args=["portal_pages", "newsarticlepage", portal.long_an_news.pk],
        )
    ).content.decode()
    submit(editor, article, "Phường Long An tổ chức Ngày hội đại đoàn kết")
    dashboard = leader.get(reverse("wagtailadmin_home")).content.decode()
    edit = leader.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()

    for text in ("Lưu bản nháp", "Quảng bá", "Nội dung", "Đặt lịch đăng"):
        assert text in add
    assert ">Save draft<" not in add and ">Promote<" not in add
    assert "Chờ bạn duyệt" in dashboard and "Awaiting your review" not in dashboard
    for text in ("Phê chuẩn", "Yêu cầu sửa", "Xem toàn bộ lịch sử"):
        assert text in edit
    assert "Request changes" not in edit

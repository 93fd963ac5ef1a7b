"""The portal's Wagtail hooks (discovered by Wagtail in every installed app)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.permissions import policy_registry

from egov.platform.accounts.models import User
from egov.platform.core.responses import not_found
from egov.portal.pages.admin_checklist import ChecklistPanel
from egov.portal.pages.dashboard import can_see_dashboard, freshness_dashboard
from egov.portal.pages.drafts import is_published


def hide_draft_documents(document: AbstractDocument, request: HttpRequest) -> HttpResponse | None:
    """A document no published page links to is only for the editors of its
    collection, the unit's (drafts.py, editors.py): not for another unit's."""
    if is_published(document):
        return None
    policy = policy_registry.get_by_type(get_document_model())
    if policy.user_has_any_permission_for_instance(request.user, ["change", "choose"], document):
        return None
    return not_found(request, None)


hooks.register("before_serve_document", hide_draft_documents)


def admin_urls() -> list[URLPattern]:
    return [path("cap-nhat/", freshness_dashboard, name="portal_freshness")]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_see_dashboard(request.user)


def dashboard_menu_item() -> MenuItem:
    return DashboardMenuItem(
        _("Tình hình cập nhật"), reverse("portal_freshness"), icon_name="date", order=900
    )


hooks.register("register_admin_urls", admin_urls)
hooks.register("register_admin_menu_item", dashboard_menu_item)


def checklist_panel(request: HttpRequest, panels: list[Any]) -> None:
    """Each site's Decree 42 checklist on the editor's admin home (admin_checklist.py)."""
    if isinstance(request.user, User):
        panels.append(ChecklistPanel(request.user))


hooks.register("construct_homepage_panels", checklist_panel)


def chooser_script() -> str:
    """Starts the date and time pickers the platform's policy keeps from inline
    scripts (templates/wagtailadmin/widgets/, static/portal_admin/choosers.js)."""
    return format_html('<script src="{}"></script>', static("portal_admin/choosers.js"))


hooks.register("insert_global_admin_js", chooser_script)

"""The Decree 42 checklist on the portal admin's home page: each site the
editor edits or approves, with the required categories it still lacks
(checklist.py), so an editor sees what to publish without the IT centre's
dashboard (issue 18, item 3: "each site shows a checklist of what it still
lacks")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wagtail.admin.ui.components import Component

from egov.platform.accounts.models import User
from egov.portal.pages.categories import Category
from egov.portal.pages.checklist import missing_categories
from egov.portal.pages.editors import approvers_group_name, editors_group_name
from egov.portal.pages.models import UnitHomePage


@dataclass(frozen=True)
class SiteChecklist:
    home: UnitHomePage
    missing: list[Category]


def checklists_for(user: User) -> list[SiteChecklist]:
    """The sites whose editors' or approvers' group holds `user`, in tree order."""
    groups = set(user.groups.values_list("name", flat=True))
    homes = [
        home
        for home in UnitHomePage.objects.order_by("path")
        if editors_group_name(home) in groups or approvers_group_name(home) in groups
    ]
    return [SiteChecklist(home=home, missing=missing_categories(home)) for home in homes]


class ChecklistPanel(Component):
    name = "decree42_checklist"
    order = 50
    template_name = "portal_pages/admin/checklist_panel.html"

    def __init__(self, user: User) -> None:
        self.user = user

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(parent_context)
        context["checklists"] = checklists_for(self.user)
        return context

"""How fresh each site is: the last update of every required Decree 42
category on every unit's site, for the province's IT centre, and the weekly
reminder to a site's editors when a category is stale.

Seeds 001/004 report that "some units do not update their sites regularly,
especially at district level"; Decree 42/2022 asks for information to be
updated as soon as it changes and leaves the deadline to each province,
here the setting PORTAL_STALE_DAYS.

A page counts for the category it names, and so do the pages beneath it
that name none (the news articles under a news index page count for
"news"). The legal documents category also counts the unit's public
documents issued by the document office, which appear on its documents page
without any page being edited. Only live pages count, each for its own
site (a unit site nested in another is a site of its own).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from egov.office.interfaces import latest_public_issues
from egov.platform.accounts.models import User
from egov.platform.notifications.models import NotificationKind
from egov.platform.notifications.services import Message, notify
from egov.portal.pages.categories import Category, required_categories
from egov.portal.pages.editors import editors_group_name
from egov.portal.pages.models import PortalPage, UnitHomePage

LEGAL_DOCUMENTS = "legal_documents"


@dataclass(frozen=True)
class CategoryState:
    category: Category
    # None: no live page of the site fulfils it.
    updated_at: datetime.datetime | None
    stale: bool

    @property
    def missing(self) -> bool:
        return self.updated_at is None


@dataclass(frozen=True)
class SiteFreshness:
    home: UnitHomePage
    categories: list[CategoryState]

    @property
    def stale(self) -> list[CategoryState]:
        return [state for state in self.categories if state.stale]


def stale_age() -> datetime.timedelta:
    return datetime.timedelta(days=int(settings.PORTAL_STALE_DAYS))


def _site_of(path: str, homes: list[UnitHomePage]) -> UnitHomePage | None:
    """The deepest home whose subtree holds `path` (homes sorted by path)."""
    found = None
    for home in homes:
        if path.startswith(home.path) and (found is None or home.depth > found.depth):
            found = home
    return found


def site_freshness(*, now: datetime.datetime | None = None) -> list[SiteFreshness]:
    """Every site, in tree order, with the state of each required category."""
    now = now or timezone.now()
    homes = list(UnitHomePage.objects.select_related("unit").order_by("path"))
    if not homes:
        return []
    pages = sorted(
        Page.objects.live().filter(path__startswith=homes[0].path[:4]).specific(),
        key=lambda page: page.path,
    )
    # The category each page counts for: its own, or the nearest ancestor's in its site.
    own: dict[str, str] = {}
    latest: dict[tuple[int, str], datetime.datetime] = {}
    for page in pages:
        site = _site_of(page.path, homes)
        if site is None:
            continue
        code = page.decree_category if isinstance(page, PortalPage) else ""
        if page.pk == site.pk:
            # A site's home passes no category down to its pages.
            own[page.path] = ""
        else:
            code = code or own.get(page.path[: -page.steplen], "")
            own[page.path] = code
        if code and page.last_published_at is not None:
            key = (site.pk, code)
            if key not in latest or page.last_published_at > latest[key]:
                latest[key] = page.last_published_at
    issued = latest_public_issues(body_ids=[home.unit_id for home in homes])
    age = stale_age()
    result = []
    for home in homes:
        states = []
        for category in required_categories():
            updated = latest.get((home.pk, category.code))
            if category.code == LEGAL_DOCUMENTS and updated is not None:
                # Only where the site has its documents page: the documents show there.
                updated = max(updated, issued.get(home.unit_id, updated))
            states.append(
                CategoryState(
                    category=category,
                    updated_at=updated,
                    stale=updated is None or now - updated > age,
                )
            )
        result.append(SiteFreshness(home=home, categories=states))
    return result


def _editors(home: UnitHomePage) -> list[User]:
    group = Group.objects.filter(name=editors_group_name(home)).first()
    if group is None:
        return []
    return list(User.objects.filter(groups=group, is_active=True).order_by("pk"))


def remind_stale(*, now: datetime.datetime | None = None) -> int:
    """Tell each site's editors which of its categories are stale, once a
    week per site and editor (the week is in the notification's key); the
    number of editors told (told again in the same week, nothing new is written)."""
    now = now or timezone.now()
    year, week, _day = timezone.localtime(now).isocalendar()
    written = 0
    for site in site_freshness(now=now):
        stale = site.stale
        if not stale:
            continue
        lines = [
            _("%(name)s: cập nhật lần cuối %(date)s")
            % {
                "name": state.category.name,
                "date": timezone.localtime(state.updated_at).strftime("%d/%m/%Y"),
            }
            if state.updated_at is not None
            else _("%(name)s: chưa có trang nào") % {"name": state.category.name}
            for state in stale
        ]
        body = _(
            "Các mục sau của trang «%(site)s» chưa được cập nhật quá %(days)s ngày "
            "(Nghị định 42/2022/NĐ-CP):\n%(lines)s"
        ) % {"site": site.home.title, "days": settings.PORTAL_STALE_DAYS, "lines": "\n".join(lines)}
        title = _("Trang «%(site)s» có %(count)s mục chưa cập nhật") % {
            "site": site.home.title,
            "count": len(stale),
        }
        with transaction.atomic():
            for editor in _editors(site.home):
                notify(
                    kind=NotificationKind.PORTAL_STALE,
                    recipient=editor,
                    address=editor.email,
                    message=Message(title=title, body=body, email_body=body),
                    dedupe_key=f"portal:stale:{site.home.pk}:{editor.pk}:{year}-W{week:02d}",
                    link=f"/quan-tri-cong/pages/{site.home.pk}/",
                )
                written += 1
    return written

"""Creating the province's portal and the units' sites."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput
from egov.platform.organisation.models import Unit
from egov.portal.pages.editors import sync_site_groups
from egov.portal.pages.errors import PortalError
from egov.portal.pages.models import UnitHomePage

# The page Wagtail's own migration puts at the top of a new site ("Welcome to
# your new Wagtail site!"): replaced by the province's portal.
_WAGTAIL_WELCOME_SLUG = "home"


def _check_free(unit: Unit) -> None:
    if UnitHomePage.objects.filter(unit=unit).exists():
        raise Conflict(PortalError.SITE_EXISTS, _("Đơn vị này đã có trang thông tin điện tử."))


def create_province_portal(
    *, actor: User | None, unit: Unit, title: str, intro: str = ""
) -> UnitHomePage:
    """The province's portal: the home at the top of the page tree, the
    default site's root (served under /cong-thong-tin/)."""
    if unit.parent_id is not None:
        raise InvalidInput(
            PortalError.NOT_PROVINCE, _("Cổng thông tin của tỉnh phải gắn với đơn vị cấp tỉnh.")
        )
    with transaction.atomic():
        _check_free(unit)
        root = Page.get_first_root_node()
        home = UnitHomePage(title=title, slug="cong-thong-tin", unit=unit, intro=intro)
        root.add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        previous_root = site.root_page_id
        site.root_page = home
        site.site_name = title
        site.save()
        welcome = Page.objects.filter(pk=previous_root, slug=_WAGTAIL_WELCOME_SLUG).first()
        if welcome is not None and welcome.specific_class is Page and welcome.numchild == 0:
            welcome.delete()
        sync_site_groups(home)
        record_event(
            event_type="portal.site_created",
            actor=actor,
            target=Page.objects.get(pk=home.pk),
            unit=unit,
            details={"title": title},
        )
    return home


def create_unit_site(
    *,
    actor: User | None,
    unit: Unit,
    parent: UnitHomePage,
    title: str,
    slug: str = "",
    intro: str = "",
    hostname: str = "",
) -> UnitHomePage:
    """A unit's site under its parent site. With a hostname, production serves
    it at that host (a Wagtail Site); without, under its parent's path."""
    with transaction.atomic():
        _check_free(unit)
        home = UnitHomePage(title=title, slug=slug or slugify(title), unit=unit, intro=intro)
        parent.add_child(instance=home)
        if hostname:
            Site.objects.create(hostname=hostname, port=443, root_page=home, site_name=title)
        sync_site_groups(home)
        record_event(
            event_type="portal.site_created",
            actor=actor,
            target=Page.objects.get(pk=home.pk),
            unit=unit,
            details={"title": title, "hostname": hostname},
        )
    return home

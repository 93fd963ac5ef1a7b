"""The province's portal with two commune sites and a department's, and their people.

Long An's editor is its specialist (Role.SPECIALIST is an editor role by
default), its approver its leader; Tân Ninh's editor is the cast's outsider,
its approver its own leader.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

from egov.conftest import Cast, Province, make_staff
from egov.platform.accounts.models import Role, User
from egov.portal.pages.models import NewsIndexPage, UnitHomePage
from egov.portal.pages.services import create_province_portal, create_unit_site


@dataclass
class Portal:
    province: UnitHomePage
    long_an: UnitHomePage
    tan_ninh: UnitHomePage
    justice: UnitHomePage
    long_an_news: NewsIndexPage
    tan_ninh_news: NewsIndexPage
    long_an_leader: User
    tan_ninh_leader: User


def news_index(home: UnitHomePage) -> NewsIndexPage:
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc", decree_category="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def wagtail_tree() -> None:
    """Wagtail's own rows, made by its migrations, again if a flush removed them.

    A transactional test (the live server's) empties every table when it ends,
    and the next transactional test starts without the locale, the root page
    and the root collection that the portal is built under.
    """
    if not Locale.objects.exists():
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def portal(province: Province, cast: Cast) -> Portal:
    p = province
    wagtail_tree()
    long_an_leader = make_staff("lanhdaolongan", "Trần Quốc Bảo", (p.long_an, Role.LEADER))
    tan_ninh_leader = make_staff("lanhdaotanninh", "Huỳnh Thị Ngọc", (p.tan_ninh, Role.LEADER))
    top = create_province_portal(
        actor=None, unit=p.province, title="Cổng thông tin điện tử tỉnh Tây Ninh"
    )
    long_an = create_unit_site(
        actor=None, unit=p.long_an, parent=top, title="Phường Long An", slug="phuong-long-an"
    )
    tan_ninh = create_unit_site(
        actor=None, unit=p.tan_ninh, parent=top, title="Phường Tân Ninh", slug="phuong-tan-ninh"
    )
    justice = create_unit_site(
        actor=None, unit=p.justice, parent=top, title="Sở Tư pháp", slug="so-tu-phap"
    )
    return Portal(
        province=top,
        long_an=long_an,
        tan_ninh=tan_ninh,
        justice=justice,
        long_an_news=news_index(long_an),
        tan_ninh_news=news_index(tan_ninh),
        long_an_leader=long_an_leader,
        tan_ninh_leader=tan_ninh_leader,
    )

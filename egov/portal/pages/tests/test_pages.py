"""The portal's pages are served under /cong-thong-tin/, its admin under /quan-tri-cong/."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings
from wagtail.models import Page, Site

from egov.conftest import Cast, Province, login
from egov.platform.accounts.models import Role
from egov.platform.accounts.services import grant_role
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict
from egov.portal.pages.errors import PortalError
from egov.portal.pages.models import NewsArticlePage, OrganisationPage
from egov.portal.pages.services import create_unit_site
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db


def test_the_province_portal_is_the_default_site_served_under_its_prefix(
    client: Client, portal: Portal
) -> None:
    site = Site.objects.get(is_default_site=True)

    response = client.get("/cong-thong-tin/")

    assert site.root_page_id == portal.province.pk
    assert response.status_code == 200
    assert "<h1>Cổng thông tin điện tử tỉnh Tây Ninh</h1>" in response.content.decode()
    # The unit sites are listed on the province's home page.
    assert 'href="/cong-thong-tin/phuong-long-an/"' in response.content.decode()
    # Wagtail's welcome page is gone, the platform keeps its home page.
    assert not Page.objects.filter(slug="home").exists()
    assert client.get("/").resolver_match.view_name == "web:home"


def test_a_unit_site_and_its_news_are_served_under_the_province_path(
    client: Client, portal: Portal
) -> None:
    article = NewsArticlePage(
        title="Phường Long An ra quân làm sạch kênh Bảo Định",
        slug="ra-quan-lam-sach-kenh",
        body="<p>Sáng 6/12, hơn 200 đoàn viên tham gia.</p>",
    )
    portal.long_an_news.add_child(instance=article)
    article.save_revision().publish()

    home = client.get("/cong-thong-tin/phuong-long-an/")
    page = client.get("/cong-thong-tin/phuong-long-an/tin-tuc/ra-quan-lam-sach-kenh/")

    assert home.status_code == 200
    assert "Phường Long An ra quân làm sạch kênh Bảo Định" in home.content.decode()
    assert page.status_code == 200
    assert "<p>Sáng 6/12, hơn 200 đoàn viên tham gia.</p>" in page.content.decode()


def test_a_units_own_hostname_opens_its_site_and_the_province_keeps_the_front_page(
    client: Client, settings: Settings, portal: Portal
) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "phuonglongan.tayninh.gov.vn"]
    Site.objects.create(hostname="phuonglongan.tayninh.gov.vn", port=443, root_page=portal.long_an)

    bare = client.get("/", HTTP_HOST="phuonglongan.tayninh.gov.vn")
    site = client.get("/cong-thong-tin/", HTTP_HOST="phuonglongan.tayninh.gov.vn")
    province = client.get("/")

    assert (bare.status_code, bare["Location"]) == (302, "/cong-thong-tin/")
    assert site.status_code == 200
    assert f"<h1>{portal.long_an.title}</h1>" in site.content.decode()
    assert (province.status_code, province.resolver_match.view_name) == (200, "web:home")


def test_an_unknown_portal_path_is_the_platform_404(client: Client, portal: Portal) -> None:
    response = client.get("/cong-thong-tin/khong-co-trang-nay/")

    assert response.status_code == 404


def test_the_organisation_page_draws_chart_and_leaders_from_the_platform(
    client: Client, province: Province, portal: Portal
) -> None:
    page = OrganisationPage(
        title="Giới thiệu",
        slug="gioi-thieu",
        functions="<p>Quản lý nhà nước trên địa bàn phường.</p>",
        phone="0276 3822 111",
        decree_category="organisation",
    )
    portal.long_an.add_child(instance=page)
    page.save_revision().publish()
    before = client.get("/cong-thong-tin/phuong-long-an/gioi-thieu/").content.decode()

    from egov.conftest import make_staff

    make_staff("phochutich", "Ngô Thanh Sơn", (province.long_an, Role.LEADER))
    after = client.get("/cong-thong-tin/phuong-long-an/gioi-thieu/").content.decode()

    assert "<li>Trung tâm Phục vụ hành chính công phường Long An</li>" in before
    assert "Trần Quốc Bảo, Lãnh đạo UBND/sở" in before
    assert "Ngô Thanh Sơn" not in before
    assert "Ngô Thanh Sơn, Lãnh đạo UBND/sở" in after


def test_a_unit_has_one_site(province: Province, portal: Portal) -> None:
    with pytest.raises(Conflict) as refused:
        create_unit_site(actor=None, unit=province.long_an, parent=portal.province, title="Lần hai")

    assert refused.value.code == PortalError.SITE_EXISTS
    assert Page.objects.filter(title="Lần hai").count() == 0


def test_the_admin_sends_strangers_to_the_platform_login(client: Client, portal: Portal) -> None:
    response = client.get("/quan-tri-cong/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_an_editor_reaches_the_admin_and_a_citizen_does_not(
    client: Client, cast: Cast, portal: Portal
) -> None:
    editor = login(Client(), cast.specialist).get("/quan-tri-cong/")
    citizen = login(client, cast.citizen).get("/quan-tri-cong/")

    assert editor.status_code == 200
    assert citizen.status_code == 302
    assert not citizen["Location"].startswith("/quan-tri-cong/")


def test_creating_sites_is_audited(portal: Portal) -> None:
    events = AuditEvent.objects.filter(event_type="portal.site_created")

    assert events.count() == 4


def test_a_revoked_editor_leaves_the_site_group(
    cast: Cast, province: Province, portal: Portal
) -> None:
    from egov.platform.accounts.models import Membership
    from egov.portal.pages.editors import editors_group_name, sync_site_groups

    Membership.objects.filter(user=cast.specialist, unit=province.long_an).delete()
    changed = sync_site_groups(portal.long_an)

    assert changed == 1
    assert not cast.specialist.groups.filter(name=editors_group_name(portal.long_an)).exists()
    grant_role(actor=None, user=cast.specialist, unit=province.long_an, role=Role.SPECIALIST)
    assert sync_site_groups(portal.long_an) == 1

"""The demo's portal: the province's site and three unit sites, one deliberately behind."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from egov.office.documents.models import OutgoingDocument
from egov.platform.accounts.models import User
from egov.portal.pages.checklist import missing_categories
from egov.portal.pages.editors import approvers_group_name, editors_group_name
from egov.portal.pages.freshness import site_freshness
from egov.portal.pages.models import NewsArticlePage, UnitHomePage

pytestmark = pytest.mark.django_db


def test_the_demo_portal_has_three_unit_sites_and_one_falls_behind() -> None:
    with time_machine.travel("2026-12-09 10:00 +07:00", tick=False):
        out = StringIO()
        call_command("load_demo", stdout=out)
        client = Client()
        top = client.get("/cong-thong-tin/")
        long_an = client.get("/cong-thong-tin/phuong-long-an/")
        article = client.get(
            NewsArticlePage.objects.get(title="Cấp phiếu lý lịch tư pháp trên ứng dụng VNeID").url
        )
        documents = client.get("/cong-thong-tin/van-ban/")
        province_pages = [
            client.get(f"/cong-thong-tin/{slug}/")
            for slug in (
                "tin-tuc",
                "huong-dan-chinh-sach",
                "ke-hoach",
                "tai-chinh-thong-ke",
                "dau-thau",
                "danh-muc-cong-khai",
                "english",
            )
        ]
        public = OutgoingDocument.objects.filter(public=True).order_by("-issued_at", "-pk")
        first = public.first()
        assert first is not None
        pdf = client.get(f"/cong-thong-tin/van-ban/{first.pk}/tep/")
        admin = Client()
        admin.force_login(User.objects.get(username="quantri"))
        dashboard = admin.get("/quan-tri-cong/cap-nhat/")
        stale = {site.home.slug: [s.category.code for s in site.stale] for site in site_freshness()}

    homes = {home.slug: home for home in UnitHomePage.objects.select_related("unit")}
    assert sorted(homes) == ["cong-thong-tin", "phuong-long-an", "phuong-tan-ninh", "so-tu-phap"]
    assert "Portal: the province's site and 3 unit sites (/cong-thong-tin/)." in out.getvalue()
    assert top.status_code == 200
    assert [response.status_code for response in province_pages] == [200] * 7
    assert long_an.status_code == 200
    assert "Phường Long An ra quân làm sạch kênh Bảo Định" in long_an.content.decode()
    assert article.status_code == 200
    # The province, Sở Tư pháp and Long An have every category; Tân Ninh lacks several.
    assert missing_categories(homes["cong-thong-tin"]) == []
    assert missing_categories(homes["so-tu-phap"]) == []
    assert missing_categories(homes["phuong-long-an"]) == []
    assert [c.code for c in missing_categories(homes["phuong-tan-ninh"])] == [
        "legal_documents",
        "policy_guidance",
        "strategies_plans",
        "finance_statistics",
        "procurement",
        "disclosure_list",
        "english",
    ]
    # Tân Ninh's newest article is months old.
    newest = (
        NewsArticlePage.objects.descendant_of(homes["phuong-tan-ninh"]).order_by("-date").first()
    )
    assert newest is not None and str(newest.date) == "2026-07-22"
    # Editors and approvers come from the demo's memberships.
    long_an_home = homes["phuong-long-an"]
    assert sorted(
        Group.objects.get(name=editors_group_name(long_an_home)).user_set.values_list(
            "username", flat=True
        )
    ) == ["chuyenvien.longan"]
    assert sorted(
        Group.objects.get(name=approvers_group_name(long_an_home)).user_set.values_list(
            "username", flat=True
        )
    ) == ["lanhdao.longan"]
    # The province's documents page lists its latest issued documents (at most 12;
    # here the one the demo's clerk issues, `make demo` also generates a year's), with the PDF.
    assert [document.notation for document in public] == ["01/UBND-STP"]
    assert documents.content.decode().count('<a href="/cong-thong-tin/van-ban/') == 1
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    # On the IT centre's dashboard, Tân Ninh is behind: its news and its missing categories.
    assert stale["phuong-tan-ninh"] == [
        "legal_documents",
        "news",
        "policy_guidance",
        "strategies_plans",
        "finance_statistics",
        "procurement",
        "disclosure_list",
        "english",
    ]
    # Tân Ninh's is the only stale site (the dashboard's count of sites behind).
    assert stale["cong-thong-tin"] == []
    assert stale["phuong-long-an"] == [] and stale["so-tu-phap"] == []
    assert dashboard.status_code == 200
    assert dashboard.context["stale_sites"] == 1
    rows = dashboard.content.decode()
    assert rows.count('class="stale">\n    <th scope="row">') == 1
    assert f'<tr id="site-{homes["phuong-tan-ninh"].pk}" class="stale">' in rows
    # No placeholder text anywhere on the public pages.
    for response in (top, long_an, article, documents, *province_pages):
        assert "Lorem" not in response.content.decode()

"""The Decree 42 checklist on the portal admin's home page (admin_checklist.py):
an editor sees what their own site still lacks, never another unit's site."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from egov.conftest import Cast, login
from egov.portal.pages.models import OrganisationPage
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db


def _checklist(client: Client) -> str:
    response = client.get("/quan-tri-cong/")
    assert response.status_code == 200
    found = re.search(
        r'<section class="w-panel" id="decree42-checklist".*?</section>',
        response.content.decode(),
        re.DOTALL,
    )
    return found.group(0) if found else ""


def test_an_editor_sees_what_their_site_lacks(cast: Cast, portal: Portal) -> None:
    page = OrganisationPage(
        title="Giới thiệu",
        slug="gioi-thieu",
        functions="<p>Quản lý nhà nước trên địa bàn phường.</p>",
        decree_category="organisation",
    )
    portal.long_an.add_child(instance=page)
    page.save_revision().publish()

    panel = _checklist(login(Client(), cast.specialist))  # Long An's editor

    assert f'data-site="{portal.long_an.pk}"' in panel
    assert "<h3>Phường Long An</h3>" in panel
    assert "Trang còn thiếu 8 mục:" in panel
    items = re.findall(r"<li>(.*?)</li>", panel)
    assert items == [
        "Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành",
        "Thủ tục hành chính, dịch vụ công trực tuyến",
        "Hướng dẫn thực hiện pháp luật, chế độ, chính sách",
        "Chiến lược, kế hoạch, quy hoạch và kết quả thực hiện",
        "Báo cáo tài chính, thông tin thống kê",
        "Thông tin về đấu thầu, mua sắm công, dự án đầu tư",
        "Danh mục thông tin phải công khai",
        "Thông tin bằng tiếng Anh: tổ chức, chức năng, liên hệ",
    ]


def test_another_units_editor_does_not_see_it(cast: Cast, portal: Portal) -> None:
    panel = _checklist(login(Client(), cast.outsider))  # Tân Ninh's editor

    assert f'data-site="{portal.tan_ninh.pk}"' in panel
    assert f'data-site="{portal.long_an.pk}"' not in panel
    assert "Phường Long An" not in panel

"""axe-core on the portal's main public pages (issue 18, item 6: WCAG 2.1 AA).

axe-core comes from the npm registry (`npm pack axe-core@AXE_VERSION` into a
temporary folder when the tests start), never from a CDN, and reaches the
page from the live server's own origin: Playwright answers a same-origin
URL with the packed file, so the platform's Content-Security-Policy
(script-src 'self') lets it run unchanged. A page passes when axe finds no
violation of impact "serious" or "critical" under the WCAG 2.0/2.1 A and AA
rules.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tarfile

import pytest
from playwright.sync_api import Page, Route

from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.portal.pages.models import NewsArticlePage, OrganisationPage
from egov.portal.pages.tests.conftest import Portal

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

AXE_VERSION = "4.14.1"
AXE_URL = "/__axe-core__/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def axe_source(tmp_path_factory: pytest.TempPathFactory) -> str:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to fetch axe-core from the npm registry", pytrace=False)
    folder = tmp_path_factory.mktemp("axe")
    subprocess.run(  # noqa: S603 - a fixed command, no user input
        [npm, "pack", f"axe-core@{AXE_VERSION}", "--silent"],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=120,
    )
    with tarfile.open(folder / f"axe-core-{AXE_VERSION}.tgz") as packed:
        member = packed.extractfile("package/axe.min.js")
        assert member is not None
        return member.read().decode()


@pytest.fixture
def demo_pages(portal: Portal) -> list[str]:
    article = NewsArticlePage(
        title="Phường Long An ra quân làm sạch kênh Bảo Định",
        slug="lam-sach-kenh",
        summary="Hơn 200 đoàn viên, thanh niên tham gia.",
        date=datetime.date(2026, 12, 6),
        body="<h2>Kết quả</h2><p>Thu gom 3 tấn rác thải dọc hai bờ kênh.</p>",
    )
    portal.long_an_news.add_child(instance=article)
    article.save_revision().publish()
    organisation = OrganisationPage(
        title="Giới thiệu",
        slug="gioi-thieu",
        functions="<p>Quản lý nhà nước trên địa bàn phường.</p>",
        address="Số 1, đường Cách Mạng Tháng Tám",
        phone="0276 3822 000",
        email="longan@tayninh.gov.vn",
    )
    portal.long_an.add_child(instance=organisation)
    organisation.save_revision().publish()
    return [
        "/cong-thong-tin/",
        "/cong-thong-tin/phuong-long-an/",
        "/cong-thong-tin/phuong-long-an/tin-tuc/",
        "/cong-thong-tin/phuong-long-an/tin-tuc/lam-sach-kenh/",
        "/cong-thong-tin/phuong-long-an/gioi-thieu/",
        "/cong-thong-tin/tim-kiem/?q=kenh+bao+dinh",
    ]


def test_axe_finds_no_serious_violation_on_the_main_public_pages(
    demo_pages: list[str], axe_source: str, page: Page
) -> None:
    def serve_axe(route: Route) -> None:
        route.fulfill(status=200, content_type="text/javascript", body=axe_source)

    page.route(f"**{AXE_URL}", serve_axe)
    found: dict[str, list[str]] = {}
    for url in demo_pages:
        page.goto(url)
        page.add_script_tag(url=AXE_URL)
        violations = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                return result.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target)}`);
            }""",
            TAGS,
        )
        if violations:
            found[url] = violations
    assert found == {}

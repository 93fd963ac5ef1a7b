"""The demo province's public portal: the province's site and three unit sites.

The province's portal, Sở Tư pháp and Phường Long An have every category
Decree 42 asks for;
Phường Tân Ninh's news stopped in the summer and it lacks several
categories, the site the IT centre's dashboard is to show as stale. The news
are illustrative (no real event is reported), written as a unit's site
would.
Run after the demo is loaded, outside its transaction: the portal's
services and Wagtail's publishing each run in their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from wagtail.models import Page

from egov.office.documents.models import IN_FORCE, OutgoingDocument, Secrecy, VersionStatus
from egov.office.documents.services.publicity import set_outgoing_public
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.workcalendar.deadlines import VN_TZ
from egov.portal.pages.legal_documents import LegalDocumentsPage
from egov.portal.pages.models import (
    EnglishPage,
    NewsArticlePage,
    NewsCategory,
    NewsIndexPage,
    OrganisationPage,
    PortalPage,
    StandardPage,
    UnitHomePage,
)
from egov.portal.pages.services import create_province_portal, create_unit_site

CATEGORIES = [
    ("Hoạt động của đơn vị", "hoat-dong"),
    ("Cải cách hành chính", "cai-cach-hanh-chinh"),
    ("Chuyển đổi số", "chuyen-doi-so"),
    ("Thông báo", "thong-bao"),
]


@dataclass
class DemoSite:
    unit_name: str
    title: str
    slug: str
    intro: str
    functions: str
    address: str
    phone: str
    email: str
    english_name: str
    english_body: str
    # (days ago, title, summary, body, category slug)
    news: list[tuple[int, str, str, str, str]]
    # (title, slug, body, Decree 42 category)
    pages: list[tuple[str, str, str, str]] = field(default_factory=list)
    # The contact address as written on the English page (Decree 42/2022,
    # art. 7: organisation, functions and contacts in English).
    english_address: str = ""


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


_PROCEDURES = (
    "Thủ tục hành chính, dịch vụ công trực tuyến",
    "thu-tuc-hanh-chinh",
    _p(
        "Danh mục thủ tục hành chính, thành phần hồ sơ, thời hạn và phí, lệ phí được "
        'công khai tại <a href="/thu-tuc/">trang Thủ tục hành chính</a> của hệ thống '
        "giải quyết thủ tục hành chính tỉnh.",
        'Tra cứu tình trạng hồ sơ tại <a href="/tra-cuu/">trang Tra cứu hồ sơ</a>.',
    ),
    "procedures",
)

_STANDARD_FULL = [
    _PROCEDURES,
    (
        "Văn bản chỉ đạo, điều hành",
        "van-ban-chi-dao",
        # The public list fed from the document office is still to come (issue 18,
        # docs/portal.md); until then the page names the unit's recent documents
        # and links to nothing that an anonymous visitor cannot open.
        _p(
            "Quyết định ban hành Kế hoạch cải cách hành chính năm 2027; Kế hoạch tiếp công "
            "dân định kỳ của lãnh đạo UBND; Thông báo lịch tiếp nhận hồ sơ vào sáng thứ Bảy "
            "tại Bộ phận Một cửa. Toàn văn có chữ ký số được công bố tại trang này khi "
            "đơn vị ban hành."
        ),
        "legal_documents",
    ),
    (
        "Hướng dẫn thực hiện pháp luật",
        "huong-dan-phap-luat",
        _p(
            "Hướng dẫn thực hiện Luật Hộ tịch, Luật Chứng thực và các chế độ, chính sách "
            "liên quan đến người dân, doanh nghiệp trên địa bàn."
        ),
        "policy_guidance",
    ),
    (
        "Kế hoạch và kết quả thực hiện",
        "ke-hoach",
        _p(
            "Kế hoạch công tác năm 2026 và báo cáo kết quả thực hiện 9 tháng đầu năm, "
            "gồm chỉ tiêu giải quyết hồ sơ đúng hạn và số hóa kết quả giải quyết."
        ),
        "strategies_plans",
    ),
    (
        "Báo cáo tài chính và số liệu thống kê",
        "tai-chinh-thong-ke",
        _p(
            "Công khai dự toán ngân sách năm 2026 và số liệu thống kê chuyên ngành; số "
            'liệu giải quyết hồ sơ xem tại <a href="/thong-ke/">trang Thống kê</a>.'
        ),
        "finance_statistics",
    ),
    (
        "Đấu thầu, mua sắm công",
        "dau-thau",
        _p(
            "Kế hoạch lựa chọn nhà thầu mua sắm thiết bị công nghệ thông tin năm 2026 "
            "và kết quả lựa chọn nhà thầu các gói đã thực hiện."
        ),
        "procurement",
    ),
    (
        "Danh mục thông tin công khai",
        "danh-muc-cong-khai",
        _p(
            "Danh mục thông tin phải được công khai theo Luật Tiếp cận thông tin, cập "
            "nhật khi có thay đổi."
        ),
        "disclosure_list",
    ),
]

SITES = [
    DemoSite(
        unit_name="Sở Tư pháp",
        title="Sở Tư pháp tỉnh Tây Ninh",
        slug="so-tu-phap",
        intro=_p("Trang thông tin điện tử của Sở Tư pháp tỉnh Tây Ninh."),
        functions=_p(
            "Sở Tư pháp là cơ quan chuyên môn thuộc UBND tỉnh, tham mưu, giúp UBND tỉnh "
            "quản lý nhà nước về công tác xây dựng và thi hành pháp luật, kiểm tra văn bản "
            "quy phạm pháp luật, phổ biến, giáo dục pháp luật, hộ tịch, quốc tịch, chứng "
            "thực, lý lịch tư pháp, trợ giúp pháp lý và các dịch vụ công khác."
        ),
        address="Số 2, đường 30/4, phường Tân Ninh, tỉnh Tây Ninh",
        phone="0276 3822 341",
        email="stp@tayninh.gov.vn",
        english_address="No. 2, 30/4 Street, Tân Ninh Ward, Tây Ninh Province",
        english_name="Department of Justice of Tây Ninh Province",
        english_body=_p(
            "The Department of Justice is a specialised agency of the Provincial People's "
            "Committee. It advises the Committee on law-making and enforcement, the review of "
            "legal documents, legal education, civil status, nationality, certification, "
            "judicial records and legal aid."
        ),
        news=[
            (
                2,
                "Sở Tư pháp tập huấn nghiệp vụ hộ tịch cho công chức cấp xã",
                "Hơn 120 công chức tư pháp - hộ tịch tham dự lớp tập huấn.",
                _p(
                    "Sở Tư pháp tổ chức lớp tập huấn nghiệp vụ đăng ký hộ tịch trực tuyến cho "
                    "công chức tư pháp - hộ tịch các xã, phường trên địa bàn tỉnh.",
                    "Nội dung tập trung vào liên thông khai sinh, thường trú, bảo hiểm y tế và "
                    "số hóa sổ hộ tịch.",
                ),
                "hoat-dong",
            ),
            (
                9,
                "Cấp phiếu lý lịch tư pháp trên ứng dụng VNeID",
                "Người dân có thể đề nghị cấp phiếu lý lịch tư pháp qua VNeID.",
                _p(
                    "Từ tháng này, người dân đề nghị cấp phiếu lý lịch tư pháp số 1 có thể nộp "
                    "hồ sơ trên ứng dụng VNeID, không phải xuất trình giấy tờ đã có trong Cơ sở "
                    "dữ liệu quốc gia về dân cư."
                ),
                "chuyen-doi-so",
            ),
            (
                20,
                "Kết quả kiểm tra văn bản quy phạm pháp luật quý III",
                "Sở đã kiểm tra 46 văn bản do HĐND, UBND cấp xã ban hành.",
                _p(
                    "Qua kiểm tra, Sở Tư pháp đề nghị cơ quan ban hành xử lý 3 văn bản có nội "
                    "dung chưa phù hợp về thẩm quyền và thể thức."
                ),
                "cai-cach-hanh-chinh",
            ),
        ],
        pages=_STANDARD_FULL,
    ),
    DemoSite(
        unit_name="Phường Long An",
        title="Phường Long An",
        slug="phuong-long-an",
        intro=_p("Trang thông tin điện tử của UBND phường Long An, tỉnh Tây Ninh."),
        functions=_p(
            "UBND phường Long An là cơ quan hành chính nhà nước ở địa phương, tổ chức thi "
            "hành Hiến pháp, pháp luật và nghị quyết của HĐND phường; quản lý nhà nước về "
            "dân cư, đất đai, trật tự xây dựng, hộ tịch, chứng thực trên địa bàn."
        ),
        address="Số 81, đường Hùng Vương, phường Long An, tỉnh Tây Ninh",
        phone="0272 3826 105",
        email="ubndlongan@tayninh.gov.vn",
        english_address="No. 81, Hùng Vương Street, Long An Ward, Tây Ninh Province",
        english_name="People's Committee of Long An Ward",
        english_body=_p(
            "The People's Committee of Long An Ward is the local state administrative body. It "
            "implements the law and the resolutions of the Ward People's Council and manages "
            "population, land, construction, civil status and certification in the ward."
        ),
        news=[
            (
                1,
                "Phường Long An ra quân làm sạch kênh Bảo Định",
                "Hơn 200 đoàn viên, hội viên tham gia thu gom rác dọc bờ kênh.",
                _p(
                    "Sáng Chủ nhật, Đoàn Thanh niên phường phối hợp các khu phố ra quân thu gom "
                    "rác thải, phát quang bờ kênh Bảo Định đoạn qua khu phố 3 và khu phố 5."
                ),
                "hoat-dong",
            ),
            (
                5,
                "Bộ phận Một cửa phường nhận hồ sơ vào sáng thứ Bảy",
                "Bộ phận Một cửa làm việc sáng thứ Bảy đến hết tháng 12.",
                _p(
                    "Để phục vụ nhu cầu của người dân cuối năm, Bộ phận Một cửa phường tiếp nhận "
                    "và trả kết quả hồ sơ vào sáng thứ Bảy, từ 7 giờ 30 đến 11 giờ 30."
                ),
                "thong-bao",
            ),
            (
                12,
                "Hướng dẫn người dân nộp hồ sơ trực tuyến tại nhà",
                "Tổ công nghệ số cộng đồng hỗ trợ người dân tại các khu phố.",
                _p(
                    "Tổ công nghệ số cộng đồng các khu phố hướng dẫn người dân cài đặt ứng dụng "
                    "VNeID, nộp hồ sơ và thanh toán phí, lệ phí trực tuyến."
                ),
                "chuyen-doi-so",
            ),
        ],
        pages=_STANDARD_FULL,
    ),
    DemoSite(
        unit_name="Phường Tân Ninh",
        title="Phường Tân Ninh",
        slug="phuong-tan-ninh",
        intro=_p("Trang thông tin điện tử của UBND phường Tân Ninh, tỉnh Tây Ninh."),
        functions=_p(
            "UBND phường Tân Ninh tổ chức thi hành pháp luật và quản lý nhà nước trên địa "
            "bàn phường theo Luật Tổ chức chính quyền địa phương."
        ),
        address="Số 1, đường Trần Hưng Đạo, phường Tân Ninh, tỉnh Tây Ninh",
        phone="0276 3822 560",
        email="ubndtanninh@tayninh.gov.vn",
        english_name="",
        english_body="",
        # Deliberately stale: the last news are from the summer.
        news=[
            (
                140,
                "Phường Tân Ninh tổ chức Ngày hội đại đoàn kết toàn dân tộc",
                "Các khu phố tổ chức ngày hội với nhiều hoạt động văn hóa, thể thao.",
                _p(
                    "Ngày hội được tổ chức tại 12 khu phố, biểu dương 35 hộ gia đình tiêu biểu "
                    "trong phong trào xây dựng đời sống văn hóa."
                ),
                "hoat-dong",
            ),
            (
                175,
                "Thông báo lịch tiếp công dân của Chủ tịch UBND phường",
                "Chủ tịch UBND phường tiếp công dân vào sáng thứ Năm hằng tuần.",
                _p("Địa điểm: Trụ sở tiếp công dân phường, số 1 đường Trần Hưng Đạo."),
                "thong-bao",
            ),
        ],
        pages=[_PROCEDURES],
    ),
]


# The province's own portal: every category but the documents page, which
# load_demo_portal adds (it lists the office's public documents).
PROVINCE = DemoSite(
    unit_name="",
    title="Cổng thông tin điện tử tỉnh Tây Ninh",
    slug="",
    intro=_p(
        "Kênh thông tin chính thức của Ủy ban nhân dân tỉnh Tây Ninh: tin tức, văn bản, "
        "thủ tục hành chính và trang thông tin của các sở, ngành, xã, phường."
    ),
    functions=_p(
        "UBND tỉnh Tây Ninh là cơ quan hành chính nhà nước ở địa phương, chịu trách "
        "nhiệm trước HĐND tỉnh và cơ quan nhà nước cấp trên.",
        "UBND tỉnh tổ chức thi hành Hiến pháp, pháp luật và nghị quyết của HĐND tỉnh; "
        "quản lý nhà nước về kinh tế - xã hội, quốc phòng, an ninh trên địa bàn; chỉ "
        "đạo các sở, ban, ngành và UBND các xã, phường.",
    ),
    address="Số 2, đường 30/4, phường Tân Ninh, tỉnh Tây Ninh",
    phone="0276 3822 388",
    email="ubnd@tayninh.gov.vn",
    english_address="No. 2, 30/4 Street, Tân Ninh Ward, Tây Ninh Province",
    english_name="Tây Ninh Provincial People's Committee",
    english_body=_p(
        "The Provincial People's Committee is the local state administrative body of Tây "
        "Ninh Province. It implements the Constitution, the law and the resolutions of the "
        "Provincial People's Council, manages the economy, society, defence and security "
        "of the province, and directs its departments, wards and communes.",
        "Citizens and businesses may submit applications for administrative procedures "
        "online or at the Provincial Public Administration Service Centre.",
    ),
    news=[
        (
            3,
            "UBND tỉnh triển khai số hóa kết quả giải quyết thủ tục hành chính năm 2027",
            "Các sở, ngành, xã, phường số hóa toàn bộ hồ sơ, kết quả giải quyết trong năm.",
            _p(
                "UBND tỉnh ban hành kế hoạch số hóa hồ sơ, kết quả giải quyết thủ tục hành "
                "chính năm 2027, giao các sở, ngành và UBND các xã, phường số hóa ngay khi "
                "tiếp nhận hồ sơ và khi trả kết quả.",
                "Kết quả đã số hóa được lưu trong kho dữ liệu của tổ chức, cá nhân để người "
                "dân không phải nộp lại giấy tờ ở những lần sau.",
            ),
            "chuyen-doi-so",
        ),
        (
            8,
            "Lãnh đạo tỉnh đối thoại với doanh nghiệp về thủ tục hành chính",
            "Hơn 150 doanh nghiệp nêu 32 ý kiến về đất đai, xây dựng và thuế.",
            _p(
                "Tại hội nghị đối thoại, lãnh đạo UBND tỉnh cùng các sở, ngành trả lời trực "
                "tiếp các kiến nghị về thủ tục đất đai, cấp phép xây dựng và hoàn thuế.",
                "Các ý kiến chưa trả lời tại hội nghị được giao sở, ngành liên quan trả lời "
                "bằng văn bản và công khai trên trang Hỏi đáp của Cổng thông tin.",
            ),
            "cai-cach-hanh-chinh",
        ),
        (
            15,
            "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh tháng 12",
            "Chủ tịch UBND tỉnh tiếp công dân định kỳ vào ngày 15 tháng 12.",
            _p(
                "Chủ tịch UBND tỉnh tiếp công dân định kỳ tại Ban Tiếp công dân tỉnh, số 2 "
                "đường 30/4, phường Tân Ninh. Công dân đăng ký trước qua điện thoại "
                "0276 3822 388 trong giờ hành chính."
            ),
            "thong-bao",
        ),
    ],
    pages=[
        _PROCEDURES,
        (
            "Hướng dẫn thực hiện pháp luật, chính sách",
            "huong-dan-chinh-sach",
            _p(
                "Hướng dẫn của các sở, ngành về thực hiện chính sách hỗ trợ người có công, "
                "bảo trợ xã hội, hỗ trợ doanh nghiệp nhỏ và vừa, và thủ tục đất đai sau khi "
                "sắp xếp đơn vị hành chính cấp xã.",
                "Người dân, doanh nghiệp cần giải đáp thêm gửi câu hỏi tại "
                '<a href="/hoi-dap/">trang Hỏi đáp</a>.',
            ),
            "policy_guidance",
        ),
        (
            "Chiến lược, quy hoạch, kế hoạch",
            "ke-hoach",
            _p(
                "Kế hoạch phát triển kinh tế - xã hội năm 2027 của tỉnh, kế hoạch cải cách "
                "hành chính và chuyển đổi số năm 2027, cùng báo cáo tình hình thực hiện "
                "các chỉ tiêu năm 2026.",
                "Báo cáo kết quả thực hiện được cập nhật sau mỗi kỳ họp HĐND tỉnh.",
            ),
            "strategies_plans",
        ),
        (
            "Ngân sách và số liệu thống kê",
            "tai-chinh-thong-ke",
            _p(
                "Công khai dự toán ngân sách địa phương năm 2027 đã được HĐND tỉnh quyết "
                "định, tình hình thực hiện dự toán hằng quý và quyết toán ngân sách năm 2025.",
                "Số liệu giải quyết hồ sơ thủ tục hành chính của các cơ quan trong tỉnh xem "
                'tại <a href="/thong-ke/">trang Thống kê</a>.',
            ),
            "finance_statistics",
        ),
        (
            "Đấu thầu, dự án đầu tư",
            "dau-thau",
            _p(
                "Danh mục dự án kêu gọi đầu tư của tỉnh giai đoạn 2026 - 2030 về hạ tầng khu "
                "công nghiệp, logistics và nông nghiệp công nghệ cao.",
                "Kế hoạch lựa chọn nhà thầu các dự án sử dụng vốn đầu tư công năm 2027 và "
                "kết quả lựa chọn nhà thầu được đăng tải trên Hệ thống mạng đấu thầu quốc gia.",
            ),
            "procurement",
        ),
        (
            "Danh mục thông tin công khai",
            "danh-muc-cong-khai",
            _p(
                "Danh mục thông tin UBND tỉnh phải công khai theo Luật Tiếp cận thông tin: "
                "văn bản quy phạm pháp luật, quy hoạch, kế hoạch, ngân sách, thủ tục hành "
                "chính, dự án đầu tư và kết quả thanh tra, kiểm tra.",
                "Danh mục được cập nhật khi có thông tin mới thuộc diện phải công khai.",
            ),
            "disclosure_list",
        ),
    ],
)


def _publish(parent: Page, page: PortalPage, published: date | None = None) -> None:
    parent.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    if published is not None:
        # The demo's history: when the page was (notionally) last updated.
        moment = datetime.combine(published, time(8, 0), tzinfo=VN_TZ)
        Page.objects.filter(pk=page.pk).update(
            first_published_at=moment, last_published_at=moment, latest_revision_created_at=moment
        )


def _fill_site(home: UnitHomePage, site: DemoSite, today: date) -> None:
    _publish(
        home,
        OrganisationPage(
            title="Giới thiệu",
            slug="gioi-thieu",
            functions=site.functions,
            address=site.address,
            phone=site.phone,
            email=site.email,
            show_in_menus=True,
            decree_category="organisation",
        ),
    )
    news = NewsIndexPage(
        title="Tin tức, sự kiện", slug="tin-tuc", show_in_menus=True, decree_category="news"
    )
    # The news section went live with its first article (its own date counts
    # for the "news" category on the IT centre's dashboard, freshness.py).
    first_article = max((days_ago for days_ago, *_rest in site.news), default=0)
    _publish(home, news, published=today - timedelta(days=first_article))
    categories = {c.slug: c for c in NewsCategory.objects.all()}
    for days_ago, title, summary, body, category in site.news:
        article = NewsArticlePage(
            title=title,
            slug=f"tin-{today - timedelta(days=days_ago):%Y%m%d}-{len(title)}",
            date=today - timedelta(days=days_ago),
            summary=summary,
            body=body,
        )
        article.categories = [categories[category]]
        _publish(news, article, published=today - timedelta(days=days_ago))
    for title, slug, body, category in site.pages:
        _publish(
            home,
            StandardPage(
                title=title, slug=slug, body=body, show_in_menus=True, decree_category=category
            ),
        )
    if site.english_body:
        _publish(
            home,
            EnglishPage(
                title=site.english_name,
                slug="english",
                body=site.english_body,
                address=site.english_address or site.address,
                phone=site.phone,
                email=site.email,
                show_in_menus=True,
                decree_category="english",
            ),
        )


def load_demo_portal(*, today: date) -> int:
    """Build the portal once; the number of unit sites created (0 when it exists)."""
    if UnitHomePage.objects.exists():
        return 0
    for name, slug in CATEGORIES:
        NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})
    province = Unit.objects.get(kind=UnitKind.PROVINCE, parent=None)
    top = create_province_portal(
        actor=None, unit=province, title=PROVINCE.title, intro=PROVINCE.intro
    )
    _fill_site(top, PROVINCE, today)
    _publish(
        top,
        LegalDocumentsPage(
            title="Văn bản chỉ đạo, điều hành",
            slug="van-ban",
            intro=_p(
                "Văn bản do UBND tỉnh ban hành và công khai, kèm bản PDF có chữ ký số, "
                "cập nhật ngay khi văn thư phát hành."
            ),
            show_in_menus=True,
            decree_category="legal_documents",
        ),
    )
    _publish_documents(province)
    for site in SITES:
        unit = Unit.objects.get(name=site.unit_name, is_active=True)
        home = create_unit_site(
            actor=None,
            unit=unit,
            parent=top,
            title=site.title,
            slug=site.slug,
            intro=site.intro,
        )
        _fill_site(home, site, today)
    return len(SITES)


# How many of the province's latest issued documents the demo's clerk makes public.
PUBLIC_DOCUMENTS = 12


def _publish_documents(province: Unit) -> None:
    """The province's clerk makes its latest issued documents public (the
    portal's documents page shows them with their PDF)."""
    clerk = User.objects.get(username="vanthu")
    latest = (
        OutgoingDocument.objects.filter(
            body=province,
            status__in=IN_FORCE,
            secrecy=Secrecy.NONE,
            versions__status=VersionStatus.READY,
        )
        .exclude(versions__file="")
        .distinct()
        .order_by("-issued_at", "-pk")[:PUBLIC_DOCUMENTS]
    )
    for document in latest:
        set_outgoing_public(actor=clerk, document=document, public=True)

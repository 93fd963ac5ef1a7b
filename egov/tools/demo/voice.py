"""The demo province's feedback: a dialogue page with answered questions, and items at every step.

Each item goes through the service functions (sent, classified, answered,
approved), then its dates are moved back by its age with one update, so the
dialogue page shows questions of the last months rather than of one
minute; the deadlines move with them by the same time (not counted again
in working days: a demo's lateness is illustrative).
The questions are written for the demo (not real citizens' letters); the
answers cite the rules a commune would cite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F

from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind
from egov.voice.feedback import services
from egov.voice.feedback.models import Channel, Feedback, FeedbackStep, Subject, Topic
from egov.voice.open311.keys import issue_key

TOPICS = [
    ("ho-tich", "Hộ tịch", "Khai sinh, kết hôn, khai tử, xác nhận tình trạng hôn nhân."),
    ("dat-dai", "Đất đai", "Giấy chứng nhận, biến động, tách thửa."),
    ("xay-dung", "Xây dựng", "Giấy phép xây dựng, trật tự xây dựng."),
    ("kinh-doanh", "Đăng ký kinh doanh", "Hộ kinh doanh, doanh nghiệp."),
    ("chung-thuc", "Chứng thực", "Chứng thực bản sao, chữ ký."),
    ("ha-tang", "Hạ tầng, môi trường đô thị", "Đường sá, chiếu sáng, rác thải."),
]


@dataclass(frozen=True)
class Item:
    topic: str
    subject: str
    title: str
    content: str
    sender: str
    contact: str
    answer: str = ""
    # "published", "answered" (not published), "approval", "handling", "received", "refused"
    stage: str = "published"
    days_ago: int = 30
    faq: bool = False
    place: str = ""


ITEMS = [
    Item(
        "ho-tich",
        Subject.PROCEDURE,
        "Đăng ký khai sinh cho con khi cha mẹ chưa đăng ký kết hôn",
        "Vợ chồng tôi chưa đăng ký kết hôn, nay sinh con thì làm khai sinh cho cháu "
        "thế nào, có ghi tên cha được không?",
        "Nguyễn Văn Tâm",
        "0909111222",
        "Theo Luật Hộ tịch 2014 và Nghị định 123/2015/NĐ-CP, trường hợp cha mẹ chưa đăng ký "
        "kết hôn, người cha có thể làm thủ tục nhận con đồng thời với đăng ký khai sinh "
        "(thủ tục đăng ký khai sinh kết hợp nhận cha, mẹ, con) tại UBND phường nơi cư trú. "
        "Hồ sơ gồm tờ khai theo mẫu, giấy chứng sinh và chứng cứ chứng minh quan hệ cha con.",
        days_ago=75,
        faq=True,
    ),
    Item(
        "ho-tich",
        Subject.PROCEDURE,
        "Xin giấy xác nhận tình trạng hôn nhân để làm thủ tục mua nhà",
        "Tôi cần giấy xác nhận tình trạng hôn nhân để công chứng hợp đồng mua nhà. "
        "Tôi có thể nộp trực tuyến không và mất bao lâu?",
        "Trần Thị Hoa",
        "hoa.tran@example.vn",
        "Ông/bà có thể nộp trực tuyến trên Cổng dịch vụ công. Thời hạn giải quyết là 03 ngày "
        "làm việc kể từ khi nhận đủ hồ sơ hợp lệ; giấy xác nhận có giá trị 06 tháng.",
        days_ago=60,
        faq=True,
    ),
    Item(
        "dat-dai",
        Subject.PROCEDURE,
        "Hồ sơ tách thửa đã quá hạn nhưng chưa có kết quả",
        "Tôi nộp hồ sơ tách thửa tại Trung tâm Phục vụ hành chính công phường từ tháng trước, "
        "phiếu hẹn đã quá hạn 5 ngày nhưng chưa nhận được kết quả, cũng không có thông báo.",
        "Lê Văn Hải",
        "0918222333",
        "UBND phường đã kiểm tra: hồ sơ chậm do phải đo đạc lại ranh thửa. Văn phòng đăng ký "
        "đất đai đã gửi thư xin lỗi và hẹn lại ngày trả kết quả. Phường đã nhắc nhở bộ phận "
        "liên quan để không tái diễn việc chậm mà không thông báo.",
        days_ago=45,
    ),
    Item(
        "xay-dung",
        Subject.REGULATION,
        "Sửa chữa nhà ở không thay đổi kết cấu có cần giấy phép xây dựng?",
        "Gia đình tôi muốn lát lại nền, sơn lại tường và thay mái tôn. "
        "Có phải xin phép xây dựng không?",
        "Phạm Minh Đức",
        "duc.pham@example.vn",
        "Theo Luật Xây dựng (khoản 2 Điều 89, đã sửa đổi), sửa chữa, cải tạo bên trong công "
        "trình hoặc thay mái không làm thay đổi kết cấu chịu lực, công năng và không ảnh hưởng "
        "an toàn được miễn giấy phép xây dựng. Đề nghị ông thông báo cho UBND phường trước khi "
        "thi công.",
        days_ago=38,
        faq=True,
    ),
    Item(
        "chung-thuc",
        Subject.PROCEDURE,
        "Lệ phí chứng thực bản sao từ bản chính",
        "Cho tôi hỏi chứng thực bản sao giấy tờ tại phường thu phí bao nhiêu một trang?",
        "Võ Thị Mai",
        "0933444555",
        "Mức thu theo Thông tư 226/2016/TT-BTC: 2.000 đồng/trang; từ trang thứ ba trở lên thu "
        "1.000 đồng/trang, tối đa 200.000 đồng/bản.",
        days_ago=20,
    ),
    Item(
        "kinh-doanh",
        Subject.CONDUCT,
        "Cán bộ tiếp nhận hướng dẫn hồ sơ hộ kinh doanh nhiều lần",
        "Tôi đến nộp hồ sơ đăng ký hộ kinh doanh ba lần, mỗi lần cán bộ yêu cầu bổ sung một "
        "giấy tờ khác nhau, không hướng dẫn một lần cho đủ.",
        "Huỳnh Thanh Sơn",
        "0977555666",
        "UBND phường ghi nhận phản ánh và xin lỗi ông. Quy định yêu cầu hướng dẫn đầy đủ, một "
        "lần bằng phiếu hướng dẫn; phường đã kiểm điểm cán bộ liên quan và niêm yết danh mục "
        "giấy tờ tại bộ phận một cửa.",
        days_ago=12,
    ),
    Item(
        "ha-tang",
        Subject.REGULATION,
        "Đèn đường trên đường 30/4 bị hỏng nhiều ngày",
        "Đoạn đường 30/4 gần chợ Long An có ba trụ đèn không sáng hơn một tuần, buổi tối rất tối.",
        "Đặng Quốc Việt",
        "0966777888",
        "Phường đã phối hợp đơn vị quản lý chiếu sáng thay bóng đèn và kiểm tra toàn tuyến.",
        days_ago=8,
        place="Đường 30/4, gần chợ Long An",
    ),
    Item(
        "ho-tich",
        Subject.PROCEDURE,
        "Trích lục khai sinh bản sao cấp lại",
        "Tôi làm mất bản chính giấy khai sinh, xin cấp bản sao trích lục ở đâu?",
        "Ngô Thị Lan",
        "lan.ngo@example.vn",
        "Ông/bà yêu cầu cấp bản sao trích lục khai sinh tại bất kỳ cơ quan đăng ký hộ tịch nào "
        "có kết nối Cơ sở dữ liệu hộ tịch điện tử, hoặc trực tuyến trên Cổng dịch vụ công.",
        stage="answered",
        days_ago=4,
    ),
    Item(
        "dat-dai",
        Subject.PROCEDURE,
        "Thời hạn cấp đổi giấy chứng nhận quyền sử dụng đất",
        "Cấp đổi sổ đỏ cũ sang mẫu mới mất bao lâu?",
        "Bùi Văn Nam",
        "0944888999",
        "Dự thảo: không quá 07 ngày làm việc.",
        stage="approval",
        days_ago=6,
    ),
    Item(
        "xay-dung",
        Subject.REGULATION,
        "Công trình lấn chiếm vỉa hè",
        "Nhà số 12 hẻm 5 xây mái che lấn hết vỉa hè, người đi bộ phải đi xuống lòng đường.",
        "Cao Thị Tuyết",
        "0922333444",
        stage="handling",
        days_ago=3,
        place="Hẻm 5, khu phố 2",
    ),
    Item(
        "kinh-doanh",
        Subject.PROCEDURE,
        "Đăng ký thay đổi địa điểm kinh doanh",
        "Hộ kinh doanh chuyển địa điểm sang phường khác thì làm thủ tục ở đâu?",
        "Đỗ Minh Khoa",
        "khoa.do@example.vn",
        stage="received",
        days_ago=1,
    ),
    Item(
        "ha-tang",
        Subject.REGULATION,
        "Tố cáo hàng xóm lấn đất",
        "Tôi tố cáo hộ bên cạnh xây tường lấn sang đất nhà tôi.",
        "Lâm Văn Phúc",
        "0911000111",
        stage="refused",
        days_ago=15,
    ),
]


def _shift(feedback: Feedback, days: int) -> None:
    """Move every date of the item `days` back, keeping their distances."""
    delta = timedelta(days=days)
    dated = [
        "received_at",
        "classify_due_at",
        "answer_due_at",
        "publish_due_at",
        "classified_at",
        "answered_at",
        "published_at",
    ]
    Feedback.objects.filter(pk=feedback.pk).update(
        **{name: F(name) - delta for name in dated},
        created_at=F("created_at") - delta,
        updated_at=F("updated_at") - delta,
    )
    FeedbackStep.objects.filter(feedback=feedback).update(created_at=F("created_at") - delta)


def load_demo_voice() -> dict[str, int]:
    """Topics, the items above in Phường Long An, and an Open311 client; returns counts by stage."""
    topics = {
        code: Topic.objects.create(code=code, name=name, description=description)
        for code, name, description in TOPICS
    }
    long_an = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code="27694")
    specialist = User.objects.get(username="chuyenvien.longan")
    leader = User.objects.get(username="lanhdao.longan")
    counts: dict[str, int] = {}
    for item in ITEMS:
        email = item.contact if "@" in item.contact else ""
        feedback = services.send_feedback(
            actor=None,
            submission=services.Submission(
                subject=item.subject,
                title=item.title,
                content=item.content,
                topic=topics[item.topic],
                sender_name=item.sender,
                sender_phone="" if email else item.contact,
                sender_email=email,
                place=item.place,
            ),
            addressed_to=long_an,
            channel=Channel.ONLINE,
        )
        if item.stage == "refused":
            services.refuse_feedback(
                actor=specialist,
                feedback=feedback,
                reason="Nội dung là tố cáo, không thuộc phạm vi phản ánh, kiến nghị; "
                "đề nghị gửi đơn theo Luật Tố cáo 2018.",
            )
        elif item.stage != "received":
            services.accept_feedback(actor=specialist, feedback=feedback, unit=long_an)
            if item.stage != "handling":
                services.draft_answer(actor=specialist, feedback=feedback, answer=item.answer)
            if item.stage in ("published", "answered"):
                services.approve_answer(
                    actor=leader, feedback=feedback, publish_it=item.stage == "published"
                )
            if item.faq:
                services.promote_faq(actor=leader, feedback=feedback, frequently_asked=True)
        _shift(feedback, item.days_ago)
        counts[item.stage] = counts.get(item.stage, 0) + 1
    return counts


def load_demo_open311_client() -> str:
    """An Open311 client for Phường Long An; returns its key (printed once by load_demo)."""
    long_an = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code="27694")
    return issue_key(actor=None, name="Ứng dụng Tây Ninh Smart (demo)", unit=long_an)[1]

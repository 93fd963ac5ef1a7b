"""The demo's petitions in Phường Long An: a few at each step, one repeated.

`chuyenvien.longan` is assigned to the open denunciation, so logged in as
them the denouncer shows (and the read is logged); as `lanhdao.longan`,
who assigned it, the denouncer is masked.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind
from egov.voice.complaints import services
from egov.voice.complaints.models import Channel, Kind, Petition, PetitionStep
from egov.voice.reception import services as reception


def _letter(kind: str, name: str, respondent: str, summary: str, content: str) -> services.Letter:
    return services.Letter(
        kind=kind,
        petitioner_name=name,
        respondent=respondent,
        summary=summary,
        content=content,
        petitioner_address="Phường Long An, tỉnh Tây Ninh",
        petitioner_contact="0909" + str(sum(map(ord, name)) % 10**6).zfill(6),
    )


def _back(petition: Petition, days: int) -> None:
    delta = timedelta(days=days)
    dated = ["received_at", "accept_due", "accepted_at", "settle_due", "decided_at", "closed_at"]
    Petition.objects.filter(pk=petition.pk).update(**{name: F(name) - delta for name in dated})
    PetitionStep.objects.filter(petition=petition).update(created_at=F("created_at") - delta)


def load_demo_complaints() -> dict[str, int]:
    long_an = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code="27694")
    specialist = User.objects.get(username="chuyenvien.longan")
    leader = User.objects.get(username="lanhdao.longan")

    def record(letter: services.Letter, channel: str = Channel.DESK, repeat: str = "") -> Petition:
        return services.record_petition(
            actor=specialist, letter=letter, addressed_to=long_an, channel=channel, repeat_of=repeat
        )

    def classify(p: Petition, *, within: bool = True, qualifying: bool = True) -> Petition:
        return services.classify(
            actor=leader, petition=p, kind=p.kind, within_competence=within, qualifying=qualifying
        )

    made: list[tuple[Petition, int]] = []
    fresh = record(
        _letter(
            Kind.COMPLAINT,
            "Lâm Thị Hoa",
            "UBND phường Long An",
            "Khiếu nại quyết định thu hồi đất làm đường hẻm 45",
            "Quyết định thu hồi đất không tính bồi thường cây trồng trên đất.",
        ),
        Channel.POST,
    )
    made.append((fresh, 2))
    accepted = record(
        _letter(
            Kind.COMPLAINT,
            "Huỳnh Văn Lộc",
            "Chủ tịch UBND phường Long An",
            "Khiếu nại việc từ chối cấp giấy phép sửa chữa nhà",
            "Hồ sơ đủ giấy tờ nhưng bị từ chối không nêu lý do.",
        )
    )
    services.accept(actor=leader, petition=classify(accepted))
    made.append((accepted, 12))
    repeated = record(
        _letter(
            Kind.COMPLAINT,
            "Huỳnh Văn Lộc",
            "Chủ tịch UBND phường Long An",
            "Khiếu nại lần nữa việc từ chối cấp giấy phép sửa chữa nhà",
            "Đã gửi đơn nhưng chưa nhận được trả lời.",
        ),
        Channel.POST,
        repeat=accepted.code,
    )
    made.append((repeated, 3))
    denunciation = record(
        _letter(
            Kind.DENUNCIATION,
            "Tạ Văn Nghĩa",
            "Cán bộ địa chính phường",
            "Tố cáo cán bộ địa chính đòi tiền ngoài lệ phí",
            "Khi nộp hồ sơ tách thửa, cán bộ yêu cầu nộp thêm tiền để giải quyết nhanh.",
        )
    )
    services.accept(actor=leader, petition=classify(denunciation))
    services.assign(actor=leader, petition=denunciation, users=[specialist], lead=specialist)
    made.append((denunciation, 9))
    forwarded = record(
        _letter(
            Kind.RECOMMENDATION,
            "Phạm Thị Duyên",
            "Sở Xây dựng",
            "Kiến nghị sửa chữa cầu dân sinh qua kênh Tây",
            "Cầu xuống cấp, đề nghị sửa chữa trước mùa mưa.",
        )
    )
    services.forward(actor=leader, petition=classify(forwarded, within=False), to="Sở Xây dựng")
    made.append((forwarded, 20))
    filed = record(
        _letter(
            Kind.DENUNCIATION,
            "Không ghi tên",
            "Tổ trưởng khu phố 2",
            "Đơn không ký tên tố cáo tổ trưởng khu phố",
            "Đơn không có họ tên, địa chỉ người tố cáo.",
        ),
        Channel.POST,
    )
    services.file_petition(
        actor=leader,
        petition=classify(filed, qualifying=False),
        reason="Đơn tố cáo không rõ họ tên, địa chỉ người tố cáo (Luật Tố cáo 2018, Điều 25).",
    )
    made.append((filed, 30))
    closed = record(
        _letter(
            Kind.COMPLAINT,
            "Đoàn Minh Trí",
            "UBND phường Long An",
            "Khiếu nại mức phạt vi phạm trật tự xây dựng",
            "Mức phạt cao hơn quy định.",
        )
    )
    services.accept(actor=leader, petition=classify(closed))
    services.assign(actor=leader, petition=closed, users=[specialist], lead=specialist)
    services.add_finding(actor=specialist, petition=closed, text="Mức phạt áp dụng đúng khung.")
    services.decide(
        actor=leader,
        petition=closed,
        number="15/QĐ-UBND",
        text="Không chấp nhận khiếu nại; giữ nguyên quyết định xử phạt.",
    )
    services.close(actor=leader, petition=closed)
    made.append((closed, 45))
    for petition, days in made:
        _back(petition, days)
    _receptions(long_an, specialist, leader, repeated)
    counts: dict[str, int] = {}
    for status in Petition.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _receptions(long_an: Unit, officer: User, leader: User, petition: Petition) -> None:
    """The chairman's next reception day, one group and one individual reception."""
    today = timezone.localdate()
    reception.schedule_day(
        actor=leader,
        unit=long_an,
        leader=leader,
        day=today + timedelta(days=(3 - today.weekday()) % 7 or 7),
        place="Phòng tiếp công dân, UBND phường Long An",
    )
    reception.record_reception(
        actor=officer,
        unit=long_an,
        visit=reception.Visit(
            kind="regular",
            citizen_name="Huỳnh Văn Lộc",
            matter="complaint",
            content="Hỏi kết quả giải quyết khiếu nại về giấy phép sửa chữa nhà.",
            handling="letter_received",
            place="Phòng tiếp công dân, UBND phường Long An",
            petition_code=petition.code,
            wants_leader=True,
        ),
    )
    reception.record_reception(
        actor=officer,
        unit=long_an,
        visit=reception.Visit(
            kind="regular",
            citizen_name="Nguyễn Văn Sáu",
            representatives=("Trần Thị Bảy", "Lê Văn Tám"),
            matter="recommendation",
            content="Các hộ dân khu phố 4 kiến nghị nạo vét cống thoát nước.",
            handling="guided",
            place="Phòng tiếp công dân, UBND phường Long An",
            people=6,
            lead_unit="Phòng Kinh tế, Hạ tầng và Đô thị",
        ),
    )

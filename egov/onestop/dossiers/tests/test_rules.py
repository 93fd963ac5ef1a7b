from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from egov.onestop.dossiers import transitions
from egov.onestop.dossiers.models import Dossier, DossierStatus, Timeliness
from egov.onestop.dossiers.timeliness import classify
from egov.platform.core.errors import Conflict

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = datetime(2026, 3, 9, 10, 0, tzinfo=VN)


@pytest.mark.parametrize(
    ("end", "supplements", "expected"),
    [
        (datetime(2026, 3, 6, 16, 59, tzinfo=VN), 0, Timeliness.EARLY),
        (datetime(2026, 3, 9, 7, 30, tzinfo=VN), 0, Timeliness.ON_TIME),
        (datetime(2026, 3, 9, 10, 0, tzinfo=VN), 0, Timeliness.ON_TIME),
        (datetime(2026, 3, 9, 10, 0, 1, tzinfo=VN), 0, Timeliness.LATE),
        (datetime(2026, 3, 6, 9, 0, tzinfo=VN), 1, Timeliness.EARLY),
        (datetime(2026, 3, 6, 9, 0, tzinfo=VN), 2, Timeliness.LATE),
    ],
)
def test_classification(end: datetime, supplements: int, expected: Timeliness) -> None:
    assert classify(end, DEADLINE, supplement_count=supplements) == expected


FORBIDDEN = [
    (DossierStatus.RETURNED, DossierStatus.PROCESSING),
    (DossierStatus.NOT_ACCEPTED, DossierStatus.ACCEPTED),
    (DossierStatus.NEW, DossierStatus.FINISHED),
    (DossierStatus.FINISHED, DossierStatus.PROCESSING),
    (DossierStatus.WITHDRAWN, DossierStatus.PROCESSING),
    (DossierStatus.STOPPED, DossierStatus.RETURNED),
    (DossierStatus.ACCEPTED, DossierStatus.RETURNED),
]


@pytest.mark.parametrize(("current", "target"), FORBIDDEN)
def test_forbidden_transitions(current: DossierStatus, target: DossierStatus) -> None:
    dossier = Dossier(status=current)

    with pytest.raises(Conflict) as error:
        transitions.move(dossier, target)

    assert error.value.code == "transition_not_allowed"
    assert dossier.status == current


def test_forbidden_message_names_both_statuses() -> None:
    with pytest.raises(Conflict) as error:
        transitions.move(Dossier(status=DossierStatus.RETURNED), DossierStatus.PROCESSING)

    assert error.value.message == (
        "Hồ sơ đang ở trạng thái «Đã trả kết quả» nên không thể chuyển sang «Đang xử lý»."
    )


def test_every_status_has_rules() -> None:
    assert set(transitions.ALLOWED) == set(DossierStatus.values)

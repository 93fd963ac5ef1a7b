"""Open311 GeoReport v2, checked against the shapes of the specification's documented examples.

The specification (wiki.open311.org/GeoReport_v2) documents, for each
method, an example answer in XML and JSON; the keys, the element names and
the error form below are those. Its example request for POST
/requests carries lat 37.76524078, long -122.4212043, an e-mail, first and
last name, phone, a description and a media_url.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET  # noqa: S405 - parsing our own answers in a test

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province
from egov.voice.feedback import services as feedback_services
from egov.voice.feedback.models import Feedback, Topic
from egov.voice.feedback.tests.conftest import VN, photo, send
from egov.voice.open311.keys import issue_key, revoke_key
from egov.voice.open311.models import ApiClient

SERVICE_KEYS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
REQUEST_KEYS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
# The specification's example POST, with a service of ours.
EXAMPLE = {
    "service_code": "dat-dai",
    "lat": "37.76524078",
    "long": "-122.4212043",
    "address_string": "",
    "email": "smit222@sfgov.edu",
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "john",
    "last_name": "smith",
    "phone": "111111111",
    "description": "A large sinkhole is destroying the street",
    "media_url": "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
}


@pytest.fixture
def api_key(province: Province, topics: dict[str, Topic]) -> str:
    return issue_key(actor=None, name="Ứng dụng Tây Ninh Smart", unit=province.long_an)[1]


@pytest.mark.django_db
def test_services_in_json_and_xml(client: Client, topics: dict[str, Topic]) -> None:
    listed = client.get("/open311/v2/services.json")
    xml = ET.fromstring(client.get("/open311/v2/services.xml").content)  # noqa: S314

    assert listed["Content-Type"] == "application/json; charset=utf-8"
    assert [list(item) for item in listed.json()] == [SERVICE_KEYS, SERVICE_KEYS]
    assert listed.json()[0] == {
        "service_code": "dat-dai",
        "service_name": "Đất đai",
        "description": "",
        "metadata": False,
        "type": "batch",
        "keywords": "",
        "group": "",
    }
    assert xml.tag == "services"
    assert [child.tag for child in xml] == ["service", "service"]
    assert [element.tag for element in xml[0]] == SERVICE_KEYS
    assert (xml[1].findtext("service_code"), xml[1].findtext("metadata")) == ("ho-tich", "false")


@pytest.mark.django_db
def test_a_service_definition_and_an_unknown_one(client: Client, topics: dict[str, Topic]) -> None:
    definition = client.get("/open311/v2/services/dat-dai.json")
    xml = ET.fromstring(client.get("/open311/v2/services/dat-dai.xml").content)  # noqa: S314
    unknown = client.get("/open311/v2/services/khong-co.json")
    unknown_xml = ET.fromstring(  # noqa: S314
        client.get("/open311/v2/services/khong-co.xml").content
    )

    assert definition.json() == {"service_code": "dat-dai", "attributes": []}
    assert (xml.tag, xml.findtext("service_code"), len(xml.find("attributes") or [])) == (
        "service_definition",
        "dat-dai",
        0,
    )
    assert unknown.status_code == 404
    assert unknown.json() == [
        {"code": 404, "description": "Không có dịch vụ (lĩnh vực) với mã này."}
    ]
    assert (unknown_xml.tag, unknown_xml[0].tag, unknown_xml[0].findtext("code")) == (
        "errors",
        "error",
        "404",
    )


@pytest.mark.django_db
def test_the_specification_example_post_creates_a_request(
    client: Client, province: Province, api_key: str
) -> None:
    response = client.post("/open311/v2/requests.json", {**EXAMPLE, "api_key": api_key})

    feedback = Feedback.objects.get()
    assert response.status_code == 201
    assert response.json() == [
        {
            "service_request_id": feedback.code,
            "service_notice": "Đã tiếp nhận; trả lời trong thời hạn luật định.",
            "account_id": None,
        }
    ]
    assert (feedback.channel, feedback.addressed_to, feedback.topic.code) == (  # type: ignore[union-attr]
        "api",
        province.long_an,
        "dat-dai",
    )
    assert (feedback.latitude, feedback.longitude) == (Decimal("37.765241"), Decimal("-122.421204"))
    assert (feedback.sender_name, feedback.sender_email, feedback.sender_phone) == (
        "john smith",
        "smit222@sfgov.edu",
        "111111111",
    )
    assert feedback.content == "A large sinkhole is destroying the street"
    assert feedback.media_url == EXAMPLE["media_url"]


@pytest.mark.django_db
def test_the_created_answer_in_xml(client: Client, api_key: str) -> None:
    response = client.post("/open311/v2/requests.xml", {**EXAMPLE, "api_key": api_key})

    xml = ET.fromstring(response.content)  # noqa: S314
    assert response.status_code == 201
    assert (xml.tag, [c.tag for c in xml], [c.tag for c in xml[0]]) == (
        "service_requests",
        ["request"],
        ["service_request_id", "service_notice", "account_id"],
    )
    assert xml[0].findtext("service_request_id") == Feedback.objects.get().code
    assert xml[0].findtext("account_id") is None or xml[0].findtext("account_id") == ""


@pytest.mark.django_db
def test_a_missing_or_wrong_key_or_bad_input_is_an_error_and_stores_nothing(
    client: Client, province: Province, api_key: str
) -> None:
    revoked, revoked_key = issue_key(actor=None, name="Cũ", unit=province.long_an)
    revoke_key(actor=None, client=revoked)
    cases = [
        (dict(EXAMPLE), 403, "Thiếu api_key hoặc api_key không hợp lệ."),
        ({**EXAMPLE, "api_key": "sai"}, 403, "Thiếu api_key hoặc api_key không hợp lệ."),
        ({**EXAMPLE, "api_key": revoked_key}, 403, "Thiếu api_key hoặc api_key không hợp lệ."),
        (
            {**EXAMPLE, "api_key": api_key, "service_code": "khong-co"},
            400,
            "service_code không có hoặc không hợp lệ.",
        ),
        (
            {**EXAMPLE, "api_key": api_key, "lat": "", "long": ""},
            400,
            "Cần vị trí: lat và long, hoặc address_string, hoặc address_id.",
        ),
        ({**EXAMPLE, "api_key": api_key, "lat": "abc"}, 400, "lat không phải số."),
        ({**EXAMPLE, "api_key": api_key, "lat": "95"}, 400, "Tọa độ không hợp lệ."),
        (
            {**EXAMPLE, "api_key": api_key, "email": "", "phone": ""},
            400,
            "Cần để lại số điện thoại hoặc thư điện tử để nhận trả lời.",
        ),
        (
            {**EXAMPLE, "api_key": api_key, "media_url": "javascript:alert(1)"},
            400,
            "Đường dẫn ảnh không hợp lệ.",
        ),
    ]
    for data, status, description in cases:
        response = client.post("/open311/v2/requests.json", data)
        assert (response.status_code, response.json()) == (
            status,
            [{"code": status, "description": description}],
        ), data
    xml = client.post("/open311/v2/requests.xml", dict(EXAMPLE))
    assert xml.content.decode().endswith(
        "<errors><error><code>403</code>"
        "<description>Thiếu api_key hoặc api_key không hợp lệ.</description></error></errors>"
    )
    assert Feedback.objects.count() == 0
    assert ApiClient.objects.filter(is_active=True).count() == 1


@pytest.mark.django_db
def test_requests_are_listed_without_personal_data_and_closed_once_answered(
    client: Client, province: Province, cast: Cast, topics: dict[str, Topic]
) -> None:
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=VN), tick=False):
        waiting = send(province, topic=topics["land"], place="Đường 30/4, phường Long An")
        answered = send(province, topic=topics["civil"], sender_email="khac@example.vn")
        feedback_services.accept_feedback(
            actor=cast.specialist, feedback=answered, unit=province.long_an
        )
        feedback_services.draft_answer(
            actor=cast.specialist, feedback=answered, answer="Đã trả kết quả."
        )
        feedback_services.approve_answer(actor=cast.leader, feedback=answered)

    with time_machine.travel(datetime(2026, 5, 5, 9, 0, tzinfo=VN), tick=False):
        both = client.get(
            f"/open311/v2/requests.json?service_request_id={waiting.code},{answered.code.lower()}"
        )
        open_only = client.get(
            "/open311/v2/requests.json?start_date=2026-05-01T00:00:00Z"
            "&end_date=2026-05-05T00:00:00Z&status=open"
        )
        one = client.get(f"/open311/v2/requests/{answered.code}.xml")
        missing = client.get("/open311/v2/requests/KHONGCO.json")
        bad_date = client.get("/open311/v2/requests.json?start_date=hom-qua")

    rows = {row["service_request_id"]: row for row in both.json()}
    assert [list(row) for row in both.json()] == [REQUEST_KEYS, REQUEST_KEYS]
    assert rows[waiting.code] == {
        "service_request_id": waiting.code,
        "status": "open",
        "status_notes": "",
        "service_name": "Đất đai",
        "service_code": "dat-dai",
        "description": None,
        "agency_responsible": "Phường Long An",
        "service_notice": None,
        "requested_datetime": "2026-05-04T09:00:00+07:00",
        "updated_datetime": "2026-05-04T09:00:00+07:00",
        "expected_datetime": "2026-05-06T09:00:00+07:00",
        "address": "Đường 30/4, phường Long An",
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }
    assert (rows[answered.code]["status"], rows[answered.code]["status_notes"]) == (
        "closed",
        "Đã trả kết quả.",
    )
    body = both.content.decode()
    for personal in ("Nguyễn Thị Bình", "0912345678", "binh@example.vn", "khac@example.vn"):
        assert personal not in body
    assert [row["service_request_id"] for row in open_only.json()] == [waiting.code]
    xml = ET.fromstring(one.content)  # noqa: S314
    assert (xml.tag, xml[0].findtext("service_request_id"), xml[0].findtext("status")) == (
        "service_requests",
        answered.code,
        "closed",
    )
    assert (missing.status_code, missing.json()[0]["code"]) == (404, 404)
    assert (bad_date.status_code, bad_date.json()[0]["code"]) == (400, 400)


@pytest.mark.django_db
def test_an_application_is_held_to_the_flood_limit(client: Client, api_key: str) -> None:
    codes = [
        client.post(
            "/open311/v2/requests.json",
            {**EXAMPLE, "api_key": api_key, "email": f"a{i}@example.vn"},
            REMOTE_ADDR=f"198.51.100.{i}",
        ).status_code
        for i in range(6)
    ]

    assert codes == [201, 201, 201, 201, 201, 429]
    assert Feedback.objects.count() == 5


@pytest.mark.django_db
def test_a_photo_sent_as_media_is_kept_and_a_disguised_program_refused(
    client: Client, api_key: str
) -> None:
    program = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00\x03", content_type="image/jpeg")
    refused = client.post(
        "/open311/v2/requests.json", {**EXAMPLE, "api_key": api_key, "media": program}
    )
    assert (refused.status_code, Feedback.objects.count()) == (400, 0)
    assert refused.json() == [
        {"code": 400, "description": "Tệp «anh.jpg» không phải ảnh (JPG, PNG) hoặc PDF đọc được."}
    ]

    kept = client.post(
        "/open311/v2/requests.json", {**EXAMPLE, "api_key": api_key, "media": photo("o-ga.png")}
    )

    assert kept.status_code == 201
    assert Feedback.objects.get().attachments.get().name == "o-ga.png"

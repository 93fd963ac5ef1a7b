"""The real sample messages of ../shared/reference/edxml-samples parse into
the platform's fields, and what the platform builds reads back the same."""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile

import pytest
from lxml import etree

from egov.office.exchange.edxml import model
from egov.office.exchange.edxml.build import build_document, build_status
from egov.office.exchange.edxml.errors import EdxmlFault
from egov.office.exchange.edxml.parse import parse_message
from egov.office.exchange.edxml.xmltools import DSIG_NS, NS, VN_TZ
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.tests.conftest import SAMPLES

GOOD_SAMPLES = sorted(path.name for path in SAMPLES.glob("*.edxml") if path.name != "edoc.edxml")


def read(name: str) -> model.DocumentMessage | model.StatusMessage:
    return parse_message((SAMPLES / name).read_bytes())


def test_the_samples_are_where_the_tests_read_them() -> None:
    assert len(GOOD_SAMPLES) == 15
    assert (SAMPLES / "edoc.edxml").is_file()


@pytest.mark.parametrize(
    ("name", "kind", "key"),
    [
        ("dc0bdef0-c7a3-4aaf-b717-777303442973.edxml", "document", "7816/VPCP-TTĐT 0"),
        ("edoc_new.edxml", "document", "74fass22/VPCP-TTĐT 0"),
        ("edoc_revocation.edxml", "document", "7816/VPCP-TTĐT 1"),
        ("edoc_update.edxml", "document", "7816/VPCP-TTĐT 2"),
        ("edoc_replacement.edxml", "document", "7816/VPCP-TTĐT 3"),
        ("status.edxml", "status", "01 H41->G22"),
        ("status_inbox_01.edxml", "status", "01 H41->G22"),
        ("status_rejection_02.edxml", "status", "02 H41->G22"),
        ("status_acceptance_03.edxml", "status", "03 H41->G22"),
        ("status_assignment_04.edxml", "status", "04 H41->G22"),
        ("status_processing_05.edxml", "status", "05 H41->G22"),
        ("status_finish_06.edxml", "status", "06 H41->G22"),
        ("status_cancellation_13.edxml", "status", "13 G22->H41"),
        ("status_change-acceptance_15.edxml", "status", "15 H41->G22"),
        ("status_change-rejection_16.edxml", "status", "16 H41->G22"),
    ],
)
def test_every_sample_parses(name: str, kind: str, key: str) -> None:
    message = read(name)
    if kind == "document":
        assert isinstance(message, model.DocumentMessage)
        assert f"{message.code} {int(message.business.doc_type)}" == key
    else:
        assert isinstance(message, model.StatusMessage)
        # A recall request (13) goes from the sender to the receiver; every other
        # status from the receiver back to the sender.
        sender, addressee = message.sender.organ_id[-3:], message.response_for.organ_id[-3:]
        assert f"{message.code.value} {sender}->{addressee}" == key
        assert message.response_for.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"


def test_a_document_with_three_recipients_parses_into_every_field() -> None:
    message = read("dc0bdef0-c7a3-4aaf-b717-777303442973.edxml")

    assert isinstance(message, model.DocumentMessage)
    assert message.sender == model.Organ(
        organ_id="000.00.00.G22",
        organ_name="Văn phòng Chính phủ",
        organization_in_charge="Văn phòng Chính phủ",
        address="Số 1 Hoàng Hoa Thám, Quận Ba Đình, Hà Nội",
        email="vpcp@gov.vn",
        telephone="8043100",
        fax="048989898789",
        website="vpcp.vn",
    )
    assert [organ.organ_id for organ in message.recipients] == [
        "000.00.00.H41",
        "000.00.00.H14",
        "000.00.00.G17",
    ]
    assert message.recipients[1].organ_name == "UBND Tỉnh Cao Bằng"
    assert message.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert (message.code_number, message.code_notation) == ("7816", "VPCP-TTĐT")
    assert message.promulgation_place == "Hà Nội"
    assert message.promulgation_date == datetime.date(2019, 4, 11)
    assert (message.type_code, message.type_detail, message.type_name) == ("1", "0", "Công văn")
    assert message.subject == "V/v kết nối, liên thông phần mềm quản lý văn bản"
    assert message.signer == model.SignerInfo(
        competence="TL. BO TRUONG",
        position="Cuc truong cuc ung dung cong nghe thong tin",
        full_name="Nguyen Thanh Phuc",
    )
    assert message.due_date == datetime.date(2019, 4, 11)
    assert message.other_info == model.OtherInfo(
        priority=0,
        sphere_of_promulgation="Liên thông văn bản quốc gia",
        typer_notation="TVC",
        promulgation_amount=2,
        page_amount=22,
        direction=False,
        appendixes=("Công văn về việc kết nối, liên thông phần mềm quản lý văn bản",),
    )
    assert message.steering_type == "1"
    assert message.to_places == ("Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP")
    assert message.response_for is None
    assert message.traces == (
        model.TraceHeader(
            organ_id="000.00.00.G22", timestamp=datetime.datetime(2019, 4, 11, tzinfo=VN_TZ)
        ),
    )
    # The sample's Bussiness/DocumentId has the date 2014/02/30 (DOMAIN.md): kept as text.
    assert message.business == model.Business(
        doc_type=model.BusinessDocType.NEW,
        reason="Văn bản điện tử mới",
        document_id="000.00.00.G22,2014/02/30,7806/VPCP-TTĐT",
        paper=0,
        staff=model.StaffInfo(
            department="Văn thư văn phòng",
            staff="Nguyễn Thị Ngọc Trâm",
            email="vanthuvanphong@gov.vn",
            mobile="84912000001",
        ),
    )
    [attachment] = message.attachments
    assert (attachment.content_id, attachment.name, attachment.content_type) == (
        "cid:209",
        "1896_QD-TTg_m_294779.doc",
        "application/zip",
    )
    # Labelled a .doc, it is a zip holding another edXML (DOMAIN.md).
    assert zipfile.ZipFile(io.BytesIO(attachment.data)).namelist() == [
        "7a71a0ee-2f35-400d-aca9-811d478eb158.edxml"
    ]


def test_the_large_attachment_decodes_byte_for_byte() -> None:
    message = read("edoc_new.edxml")

    assert isinstance(message, model.DocumentMessage)
    [attachment] = message.attachments
    assert len(attachment.data) == 270823
    assert hashlib.sha256(attachment.data).hexdigest() == (
        "7ab7c43a02a3cf2cedd14ebf2545a37e7a1307e0091b4ba94c2ef1e842a763aa"
    )


def test_an_update_names_its_receivers() -> None:
    message = read("edoc_update.edxml")

    assert isinstance(message, model.DocumentMessage)
    assert message.business.doc_type == model.BusinessDocType.UPDATE
    assert message.business.reason == "Cập nhật văn bản điện tử"
    assert (message.business.document_info, message.business.document_receiver) == (1, 1)
    assert message.business.receivers == (
        model.Receiver(organ_id="000.00.00.H41", receiver_type=0),
        model.Receiver(organ_id="000.00.00.H14", receiver_type=1),
    )


def test_a_replacement_names_the_replaced_documents() -> None:
    message = read("edoc_replacement.edxml")

    assert isinstance(message, model.DocumentMessage)
    assert message.business.doc_type == model.BusinessDocType.REPLACEMENT
    assert (
        message.business.replacements
        == (
            model.Replacement(
                document_id="000.00.00.G22,2014/01/30,7806/VPCP-TTĐT",
                organ_ids=("000.00.00.H41", "000.00.00.H14"),
            ),
        )
        * 2
    )


def test_a_revocation_says_why() -> None:
    message = read("edoc_revocation.edxml")

    assert isinstance(message, model.DocumentMessage)
    assert (message.business.doc_type, message.business.reason) == (
        model.BusinessDocType.REVOCATION,
        "Thu hồi văn bản điện tử",
    )


def test_a_refusal_status_parses_into_every_field() -> None:
    message = read("status_rejection_02.edxml")

    assert message == model.StatusMessage(
        sender=model.Organ(
            organ_id="000.00.00.H41",
            organ_name="UBND Tỉnh Nghệ An",
            organization_in_charge="UBND Tỉnh Nghệ An",
            address="Số 03, đường Trường Thi, Thành phố Vinh, Tỉnh Nghệ An, Việt Nam",
            email="nghean@gov.vn",
            telephone="0383 840418",
            fax="0383 843049",
            website="www.nghean.vn",
        ),
        response_for=model.ResponseFor(
            organ_id="000.00.00.G22",
            code="7816/VPCP-TTĐT",
            document_id="000.00.00.G22,2015/09/30,7816/VPCP-TTĐT",
            promulgation_date=datetime.date(2015, 9, 30),
        ),
        code=model.StatusCode.REFUSED,
        description="Văn thư - Phòng Văn thư - Lưu trữ: Từ chối không tiếp nhận văn bản điện tử",
        timestamp=datetime.datetime(2015, 9, 20, 11, 8, 36, tzinfo=VN_TZ),
        staff=model.StaffInfo(
            department="Phong hanh chinh",
            staff="Nguyen thi ngoc tram",
            email="ngoctram@nghean.vn",
            mobile="84912000001",
        ),
    )


def test_the_malformed_sample_is_refused() -> None:
    # edoc.edxml uses the prefix xlink without declaring it (and nests From in From).
    with pytest.raises(EdxmlFault) as caught:
        read("edoc.edxml")

    assert caught.value.code == ExchangeError.NOT_WELL_FORMED
    assert caught.value.message == "Thông điệp không phải là XML hợp lệ (dòng 74)."


def build(message: model.DocumentMessage | model.StatusMessage) -> bytes:
    if isinstance(message, model.DocumentMessage):
        return build_document(message)
    return build_status(message)


@pytest.mark.parametrize("name", GOOD_SAMPLES)
def test_build_then_parse_gives_back_the_same_message(name: str) -> None:
    message = read(name)

    again = parse_message(build(message))

    assert again == message
    if isinstance(message, model.DocumentMessage):
        assert isinstance(again, model.DocumentMessage)
        assert [attachment.data for attachment in again.attachments] == [
            a.data for a in message.attachments
        ]


def shape(data: bytes) -> set[tuple[str, ...]]:
    """Every element's path of (namespace, local name), the signature left out."""
    root = etree.fromstring(data, etree.XMLParser(huge_tree=True, recover=False))
    paths: set[tuple[str, ...]] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        chain = [element, *element.iterancestors()]
        names = tuple(etree.QName(item).text for item in reversed(chain))
        if any(name.endswith("}Signature") for name in names):
            continue
        paths.add(names)
    return paths


@pytest.mark.parametrize(
    "name", ["dc0bdef0-c7a3-4aaf-b717-777303442973.edxml", "edoc_update.edxml", "status.edxml"]
)
def test_what_the_platform_builds_has_the_structure_and_namespaces_of_the_sample(name: str) -> None:
    sample = (SAMPLES / name).read_bytes()

    built = build(parse_message(sample))

    assert shape(built) == shape(sample)
    root = etree.fromstring(built, etree.XMLParser(huge_tree=True))
    assert root.nsmap == {None: NS}
    envelope = root[0]
    assert envelope.nsmap == {None: NS, "edXML": NS}
    assert {element.prefix for element in envelope.iter()} == {"edXML"}
    assert DSIG_NS not in built.decode()

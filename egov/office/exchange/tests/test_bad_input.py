"""Messages the platform refuses: each with its stable code and a Vietnamese message."""

from __future__ import annotations

import pytest

from egov.office.exchange.edxml.errors import EdxmlFault
from egov.office.exchange.edxml.parse import parse_message
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.tests.conftest import SAMPLES

SAMPLE = (SAMPLES / "dc0bdef0-c7a3-4aaf-b717-777303442973.edxml").read_bytes()
STATUS = (SAMPLES / "status_acceptance_03.edxml").read_bytes()


def refused(data: bytes) -> EdxmlFault:
    with pytest.raises(EdxmlFault) as caught:
        parse_message(data)
    return caught.value


def test_not_xml_is_refused() -> None:
    fault = refused(b"%PDF-1.7 not a message")

    assert (fault.code, fault.message) == (
        ExchangeError.NOT_WELL_FORMED,
        "Thông điệp không phải là XML hợp lệ (dòng 1).",
    )


def test_a_doctype_is_refused_and_no_entity_is_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?>'
        b'<!DOCTYPE edXML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&b;</edXML>'
    )

    fault = refused(bomb)

    assert (fault.code, fault.message) == (
        ExchangeError.NOT_WELL_FORMED,
        "Thông điệp edXML không được chứa khai báo DOCTYPE.",
    )


def test_another_xml_is_not_edxml() -> None:
    fault = refused(b'<edXML xmlns="urn:something-else"/>')

    assert fault.code == ExchangeError.NOT_EDXML


def test_a_missing_subject_is_named() -> None:
    data = SAMPLE.replace(
        "<edXML:Subject>V/v kết nối, liên thông phần mềm quản lý văn bản</edXML:Subject>".encode(),
        b"",
    )

    fault = refused(data)

    assert (fault.code, fault.message, fault.details) == (
        ExchangeError.MISSING_FIELD,
        "Thông điệp edXML thiếu trường bắt buộc Subject.",
        {"field": "Subject"},
    )


def test_a_document_without_recipients_is_refused() -> None:
    start = SAMPLE.index(b"<edXML:To>")
    end = SAMPLE.rindex(b"</edXML:To>") + len(b"</edXML:To>")

    fault = refused(SAMPLE[:start] + SAMPLE[end:])

    assert (fault.code, fault.details) == (
        ExchangeError.MISSING_FIELD,
        {"field": "MessageHeader/To"},
    )


def test_an_impossible_date_is_refused() -> None:
    data = SAMPLE.replace(
        b"<edXML:PromulgationDate>2019/04/11</edXML:PromulgationDate>",
        b"<edXML:PromulgationDate>2019/02/30</edXML:PromulgationDate>",
    )

    fault = refused(data)

    assert (fault.code, fault.message) == (
        ExchangeError.INVALID_FIELD,
        "Trường PromulgationDate của thông điệp edXML có giá trị không hợp lệ: «2019/02/30».",
    )


def test_an_unknown_status_code_is_refused() -> None:
    fault = refused(
        STATUS.replace(
            b"<edXML:StatusCode>03</edXML:StatusCode>", b"<edXML:StatusCode>99</edXML:StatusCode>"
        )
    )

    assert (fault.code, fault.details) == (
        ExchangeError.INVALID_FIELD,
        {"field": "StatusCode", "value": "99"},
    )


def test_a_status_for_no_document_is_refused() -> None:
    data = STATUS.replace(
        "<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>".encode(), b""
    )

    fault = refused(data)

    assert (fault.code, fault.details) == (
        ExchangeError.MISSING_FIELD,
        {"field": "ResponseFor/DocumentId"},
    )


def test_a_manifest_entry_without_its_attachment_is_refused() -> None:
    data = SAMPLE.replace(b"<ContentId>cid:209</ContentId>", b"<ContentId>cid:210</ContentId>")

    fault = refused(data)

    assert (fault.code, fault.message) == (
        ExchangeError.ATTACHMENT_MISMATCH,
        "Tệp đính kèm cid:210 không có trong danh mục (edXMLManifest).",
    )


def test_an_attachment_missing_from_the_message_is_refused() -> None:
    start = SAMPLE.index(b"<AttachmentEncoded>")
    end = SAMPLE.index(b"</AttachmentEncoded>") + len(b"</AttachmentEncoded>")

    fault = refused(SAMPLE[:start] + SAMPLE[end:])

    assert (fault.code, fault.message) == (
        ExchangeError.ATTACHMENT_MISMATCH,
        "Tệp đính kèm cid:209 có trong danh mục nhưng không có trong thông điệp.",
    )


def test_an_attachment_that_is_not_base64_is_refused() -> None:
    start = SAMPLE.index(b">", SAMPLE.index(b"<edXML:ContentTransferEncoded")) + 1
    end = SAMPLE.index(b"</edXML:ContentTransferEncoded>")

    fault = refused(SAMPLE[:start] + b"not*base64!" + SAMPLE[end:])

    assert (fault.code, fault.message) == (
        ExchangeError.ATTACHMENT_INVALID,
        "Nội dung tệp đính kèm cid:209 không phải là dữ liệu base64 hợp lệ.",
    )

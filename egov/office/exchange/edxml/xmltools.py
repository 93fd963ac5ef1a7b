"""Small lxml helpers shared by the edXML parser, builder and signature code."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from lxml import etree

from egov.office.exchange.edxml.errors import EdxmlFault
from egov.office.exchange.errors import ExchangeError

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def q(name: str) -> str:
    """The qualified name of an element of the edXML namespace."""
    return f"{{{NS}}}{name}"


def secure_parse(data: bytes) -> etree._Element:
    """Parse a message from another agency: no DTD, no entities, no network.

    huge_tree: an attachment is one base64 text node and easily passes
    libxml2's 10 MB default limit for a single node.
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
    )
    try:
        tree = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise EdxmlFault(
            ExchangeError.NOT_WELL_FORMED,
            f"Thông điệp không phải là XML hợp lệ (dòng {error.lineno}).",
            details={"line": error.lineno},
        ) from None
    if tree.getroottree().docinfo.doctype:
        # A DOCTYPE is how entity expansion attacks start; edXML has none.
        raise EdxmlFault(
            ExchangeError.NOT_WELL_FORMED,
            "Thông điệp edXML không được chứa khai báo DOCTYPE.",
        )
    return tree


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    return element.find(q(name))


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return list(element.findall(q(name)))


def text(element: etree._Element | None, name: str) -> str:
    """The stripped text of a child element, "" when it is absent or empty."""
    found = child(element, name)
    if found is None or found.text is None:
        return ""
    return str(found.text).strip()

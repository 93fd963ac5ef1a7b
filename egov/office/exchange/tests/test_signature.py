"""The organisation's XML signature on an edXML message: made with signxml,
checked by signxml and, independently, by xmlsec1 (Debian xmlsec1)."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.signer import XMLSigner

from egov.office.exchange.edxml import model
from egov.office.exchange.edxml.build import build_document, build_status
from egov.office.exchange.edxml.errors import EdxmlFault
from egov.office.exchange.edxml.parse import parse_message
from egov.office.exchange.edxml.xmlsig import sign_message, verify_message
from egov.office.exchange.edxml.xmltools import DSIG_NS, NS
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.tests.conftest import SAMPLES, Credential
from egov.platform.conversion.tests.conftest import require_tool

SAMPLE = "dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"


def sample_document() -> model.DocumentMessage:
    message = parse_message((SAMPLES / SAMPLE).read_bytes())
    assert isinstance(message, model.DocumentMessage)
    return message


def signed_sample(credential: Credential) -> bytes:
    return sign_message(
        build_document(sample_document()), key=credential.key, certificates=[credential.certificate]
    )


def fault_of(message: bytes, roots: Path) -> EdxmlFault:
    with pytest.raises(EdxmlFault) as caught:
        verify_message(message, trusted_roots=roots)
    return caught.value


def test_a_signed_message_verifies_and_names_the_organisation(organisation: Credential) -> None:
    signed = signed_sample(organisation)

    verified = verify_message(signed, trusted_roots=organisation.roots_file)

    assert verified.subject == "CN=Văn phòng UBND A,O=UBND tỉnh Thử nghiệm,C=VN"
    assert verified.certificate == organisation.certificate
    # The signature sits in edXMLHeader after the TraceHeaderList, in XML-DSig,
    # and signing changes none of the message's fields.
    header = etree.fromstring(signed, etree.XMLParser(huge_tree=True))[0][0]
    assert [etree.QName(element).localname for element in header] == [
        "MessageHeader",
        "TraceHeaderList",
        "Signature",
    ]
    assert header[2].tag == f"{{{DSIG_NS}}}Signature"
    assert header[2].find(f".//{{{DSIG_NS}}}SignatureMethod").get("Algorithm") == (
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    )
    assert parse_message(signed) == sample_document()


def xmlsec1_verify(path: Path, roots: Path) -> subprocess.CompletedProcess[str]:
    xmlsec1 = shutil.which("xmlsec1")
    require_tool(xmlsec1 is not None, "xmlsec1")
    assert xmlsec1 is not None
    return subprocess.run(  # noqa: S603 - a fixed command on files the test wrote
        [xmlsec1, "--verify", "--trusted-pem", str(roots), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_xmlsec1_verifies_what_the_platform_signs_and_rejects_a_change(
    organisation: Credential, tmp_path: Path
) -> None:
    signed = tmp_path / "signed.edxml"
    signed.write_bytes(signed_sample(organisation))
    changed = tmp_path / "changed.edxml"
    changed.write_bytes(signed.read_bytes().replace("Hà Nội".encode(), "Hải Phòng".encode(), 1))

    good = xmlsec1_verify(signed, organisation.roots_file)
    bad = xmlsec1_verify(changed, organisation.roots_file)

    assert (good.returncode, good.stderr.splitlines()[0]) == (0, "OK")
    assert bad.returncode == 1
    assert "FAIL" in bad.stderr


def test_a_changed_field_breaks_the_signature(organisation: Credential) -> None:
    signed = signed_sample(organisation)
    changed = signed.replace("Hà Nội".encode(), "Hải Phòng".encode(), 1)

    fault = fault_of(changed, organisation.roots_file)

    assert fault.code == ExchangeError.SIGNATURE_INVALID
    assert (
        fault.message
        == "Chữ ký số của thông điệp không hợp lệ: nội dung đã bị thay đổi sau khi ký."
    )


def test_a_changed_attachment_breaks_the_signature(organisation: Credential) -> None:
    # The signature covers the whole message, attachments included.
    signed = signed_sample(organisation)
    data = sample_document().attachments[0].data
    original = base64.b64encode(data)
    tampered = base64.b64encode(data[:-1] + bytes([data[-1] ^ 1]))
    assert original in signed

    fault = fault_of(signed.replace(original, tampered), organisation.roots_file)

    assert fault.code == ExchangeError.SIGNATURE_INVALID


def test_a_certificate_under_an_untrusted_root_is_refused(
    organisation: Credential, stranger: Credential
) -> None:
    signed = signed_sample(stranger)

    fault = fault_of(signed, organisation.roots_file)

    assert fault.code == ExchangeError.SIGNATURE_UNTRUSTED
    # Its own root would have trusted it: the refusal is about trust, not integrity.
    assert verify_message(signed, trusted_roots=stranger.roots_file).subject.startswith(
        "CN=Văn phòng UBND B,"
    )


def test_an_unsigned_message_is_refused(organisation: Credential) -> None:
    fault = fault_of(build_document(sample_document()), organisation.roots_file)

    assert fault.code == ExchangeError.SIGNATURE_MISSING
    assert fault.message == "Thông điệp edXML không có chữ ký số."


def sample_status() -> model.StatusMessage:
    status = parse_message((SAMPLES / "status_acceptance_03.edxml").read_bytes())
    assert isinstance(status, model.StatusMessage)
    return status


def test_an_unsigned_status_message_is_refused_where_signatures_are_checked(
    organisation: Credential,
) -> None:
    assert (
        fault_of(build_status(sample_status()), organisation.roots_file).code
        == ExchangeError.SIGNATURE_MISSING
    )


def test_a_signed_status_message_verifies_with_signxml_and_xmlsec1(
    organisation: Credential, tmp_path: Path
) -> None:
    signed = sign_message(
        build_status(sample_status()), key=organisation.key, certificates=[organisation.certificate]
    )
    verified = verify_message(signed, trusted_roots=organisation.roots_file)
    assert verified.subject == "CN=Văn phòng UBND A,O=UBND tỉnh Thử nghiệm,C=VN"
    header = etree.fromstring(signed)[0][0]
    assert [etree.QName(element).localname for element in header] == [
        "MessageHeader",
        "Signature",
    ]
    assert parse_message(signed) == sample_status()
    path = tmp_path / "status.edxml"
    path.write_bytes(signed)
    changed = tmp_path / "changed.edxml"
    changed.write_bytes(signed.replace(b"<edXML:StatusCode>03<", b"<edXML:StatusCode>02<", 1))
    assert changed.read_bytes() != signed
    good = xmlsec1_verify(path, organisation.roots_file)
    bad = xmlsec1_verify(changed, organisation.roots_file)
    assert (good.returncode, good.stderr.splitlines()[0]) == (0, "OK")
    assert bad.returncode == 1
    assert fault_of(changed.read_bytes(), organisation.roots_file).code == (
        ExchangeError.SIGNATURE_INVALID
    )


@pytest.mark.parametrize("name", [SAMPLE, "edoc_new.edxml", "edoc_update.edxml"])
def test_no_sample_signature_verifies(name: str, organisation: Credential) -> None:
    # DOMAIN.md: every sample has the same signature value and none verifies;
    # their <Signature> is in the edXML namespace, which is read as XML-DSig.
    fault = fault_of((SAMPLES / name).read_bytes(), organisation.roots_file)

    assert fault.code == ExchangeError.SIGNATURE_INVALID


class LegacySigner(XMLSigner):
    """signxml refuses to make SHA1 signatures unless told, as its docs say, by
    overriding this check; the platform never sends one, other agencies do."""

    def check_deprecated_methods(self) -> None:
        return None


def test_an_rsa_sha1_signature_in_the_edxml_namespace_verifies(organisation: Credential) -> None:
    # What the samples' senders do: rsa-sha1, and a <Signature> written
    # without a namespace of its own, so it falls into the edXML namespace.
    root = etree.fromstring(build_document(sample_document()), etree.XMLParser(huge_tree=True))
    header = root[0][0]
    etree.SubElement(header, f"{{{DSIG_NS}}}Signature", Id="placeholder", nsmap={None: DSIG_NS})
    signer = LegacySigner(
        signature_algorithm=SignatureMethod.RSA_SHA1,
        digest_algorithm=DigestAlgorithm.SHA1,
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    signer.namespaces = {None: DSIG_NS}  # type: ignore[dict-item]
    signed = signer.sign(root, key=organisation.key, cert=[organisation.certificate])
    text = etree.tostring(signed, encoding="unicode")
    # Drop the XML-DSig declaration: the elements then fall into the root's
    # default namespace, the edXML one.
    in_edxml = text.replace(f' xmlns="{DSIG_NS}"', "", 1).encode()
    assert (
        etree.fromstring(in_edxml, etree.XMLParser(huge_tree=True)).find(f".//{{{NS}}}Signature")
        is not None
    )

    verified = verify_message(in_edxml, trusted_roots=organisation.roots_file)

    assert verified.certificate == organisation.certificate


INCLUSIVE = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"


def signed_inclusive(credential: Credential, *, legacy: bool = False) -> bytes:
    """The sample signed as some senders do: inclusive C14N 1.0 (the namespaces in
    scope, edXML's and SOAP's, go into what is signed), not the exclusive one the
    platform uses."""
    root = etree.fromstring(build_document(sample_document()), etree.XMLParser(huge_tree=True))
    etree.SubElement(root[0][0], f"{{{DSIG_NS}}}Signature", Id="placeholder", nsmap={None: DSIG_NS})
    signer = (LegacySigner if legacy else XMLSigner)(
        signature_algorithm=SignatureMethod.RSA_SHA1 if legacy else SignatureMethod.RSA_SHA256,
        digest_algorithm=DigestAlgorithm.SHA1 if legacy else DigestAlgorithm.SHA256,
        c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0,
    )
    signer.namespaces = {None: DSIG_NS}  # type: ignore[dict-item]
    signed = signer.sign(root, key=credential.key, cert=[credential.certificate])
    return bytes(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))


def test_an_inclusive_c14n_signature_verifies_with_the_platform_and_xmlsec1(
    organisation: Credential, tmp_path: Path
) -> None:
    signed = signed_inclusive(organisation)
    signature = etree.fromstring(signed, etree.XMLParser(huge_tree=True))[0][0][2]
    assert [
        element.get("Algorithm")
        for element in signature.iter(
            f"{{{DSIG_NS}}}CanonicalizationMethod", f"{{{DSIG_NS}}}Transform"
        )
    ] == [
        INCLUSIVE,
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
        INCLUSIVE,
    ]

    verified = verify_message(signed, trusted_roots=organisation.roots_file)

    assert verified.certificate == organisation.certificate
    assert verified.subject == "CN=Văn phòng UBND A,O=UBND tỉnh Thử nghiệm,C=VN"
    path = tmp_path / "inclusive.edxml"
    path.write_bytes(signed)
    good = xmlsec1_verify(path, organisation.roots_file)
    assert (good.returncode, good.stderr.splitlines()[0]) == (0, "OK")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Hà Nội".encode(), "Hải Phòng".encode()),  # a field of the message
        # A namespace in scope: inclusive C14N signs it, exclusive would not.
        (b'xmlns:edXML="', b'xmlns:edXML2="' + NS.encode() + b'" xmlns:edXML="'),
    ],
)
def test_a_changed_inclusive_c14n_signature_is_refused_by_both(
    organisation: Credential, tmp_path: Path, before: bytes, after: bytes
) -> None:
    signed = signed_inclusive(organisation)
    assert signed.count(before) >= 1
    changed = signed.replace(before, after, 1)
    path = tmp_path / "changed.edxml"
    path.write_bytes(changed)

    fault = fault_of(changed, organisation.roots_file)
    bad = xmlsec1_verify(path, organisation.roots_file)

    assert fault.code == ExchangeError.SIGNATURE_INVALID
    assert bad.returncode == 1
    assert "FAIL" in bad.stderr


def test_an_inclusive_c14n_rsa_sha1_signature_in_the_edxml_namespace_verifies(
    organisation: Credential,
) -> None:
    # An older sender: rsa-sha1, inclusive C14N, <Signature> without its own namespace.
    text = signed_inclusive(organisation, legacy=True).decode()
    in_edxml = text.replace(f' xmlns="{DSIG_NS}"', "", 1).encode()

    verified = verify_message(in_edxml, trusted_roots=organisation.roots_file)

    assert verified.certificate == organisation.certificate


def test_a_message_with_an_element_outside_every_namespace_is_refused(
    organisation: Credential,
) -> None:
    """The verifier drops lxml's spurious xmlns="" (xmlsig.py), so a genuine one is refused."""
    signed = signed_inclusive(organisation)
    changed = signed.replace(b"<edXML:edXMLHeader>", b'<edXML:edXMLHeader><Ghi xmlns=""/>', 1)
    assert changed != signed

    fault = fault_of(changed, organisation.roots_file)

    assert fault.code == ExchangeError.SIGNATURE_INVALID
    assert fault.message == (
        'Thông điệp có phần tử bỏ không gian tên mặc định (xmlns=""), không thuộc cấu trúc '
        "edXML: không kiểm tra được chữ ký số."
    )

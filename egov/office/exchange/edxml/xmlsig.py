"""The XML signature of an edXML message, with signxml.

DOMAIN.md: an enveloped XML-DSig over the whole message (Reference URI="",
the attachments included, so an attachment changed on the way breaks it),
placed in edXMLHeader after the TraceHeaderList. The platform sends
rsa-sha256 with exclusive C14N 1.0 (xmlsec1 and the .NET and Java stacks of
other agencies verify it); it accepts sha1 as well, because the samples and
older senders use rsa-sha1, and inclusive C14N 1.0 (.NET's SignedXml
default), which other senders sign with (see verify_message).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from lxml import etree
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.exceptions import InvalidCertificate, InvalidInput, InvalidSignature
from signxml.signer import XMLSigner
from signxml.verifier import SignatureConfiguration, XMLVerifier

from egov.office.exchange.edxml.errors import EdxmlFault
from egov.office.exchange.edxml.xmltools import DSIG_NS, child, q, secure_parse
from egov.office.exchange.errors import ExchangeError

ACCEPTED_METHODS = frozenset(
    {
        SignatureMethod.RSA_SHA1,
        SignatureMethod.RSA_SHA256,
        SignatureMethod.RSA_SHA384,
        SignatureMethod.RSA_SHA512,
        SignatureMethod.ECDSA_SHA256,
        SignatureMethod.ECDSA_SHA384,
    }
)
ACCEPTED_DIGESTS = frozenset(
    {DigestAlgorithm.SHA1, DigestAlgorithm.SHA256, DigestAlgorithm.SHA384, DigestAlgorithm.SHA512}
)


@dataclass(frozen=True)
class VerifiedSignature:
    """Who signed a message that verified: the certificate's subject, in RFC 4514 form."""

    subject: str
    certificate: x509.Certificate


def sign_message(
    message: bytes, *, key: PrivateKeyTypes, certificates: list[x509.Certificate]
) -> bytes:
    """The message with the organisation's signature in edXMLHeader.

    `certificates` starts with the signing certificate; the chain that
    follows goes into KeyInfo so the receiver can build the path to its root.
    """
    root = secure_parse(message)
    header = child(child(root, "edXMLEnvelope"), "edXMLHeader")
    if header is None:
        raise EdxmlFault(ExchangeError.NOT_EDXML, "Thông điệp không có phần edXMLHeader để ký.")
    # signxml puts an enveloped signature where a placeholder stands.
    etree.SubElement(header, f"{{{DSIG_NS}}}Signature", Id="placeholder", nsmap={None: DSIG_NS})
    signer = XMLSigner(
        signature_algorithm=SignatureMethod.RSA_SHA256,
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    # The default namespace, as in the samples that use the XML-DSig one.
    # (signxml types the map as str keys; its documentation shows None.)
    signer.namespaces = {None: DSIG_NS}  # type: ignore[dict-item]
    signed = signer.sign(root, key=key, cert=certificates)  # type: ignore[arg-type]
    return bytes(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))


def verify_message(message: bytes, *, trusted_roots: Path) -> VerifiedSignature:
    """Check the message's signature against the roots in `trusted_roots` (a PEM file).

    Never the system's web CAs: agencies sign with certificates of the
    national and government roots, which the deployment configures.
    """
    root = secure_parse(message)
    header = child(child(root, "edXMLEnvelope"), "edXMLHeader")
    signature = None if header is None else header.find(f"{{{DSIG_NS}}}Signature")
    if signature is None and header is not None:
        signature = _move_to_dsig(header.find(q("Signature")))
    if signature is None:
        raise EdxmlFault(ExchangeError.SIGNATURE_MISSING, "Thông điệp edXML không có chữ ký số.")
    if _undeclares_default_namespace(root):
        raise EdxmlFault(
            ExchangeError.SIGNATURE_INVALID,
            'Thông điệp có phần tử bỏ không gian tên mặc định (xmlns=""), không thuộc cấu trúc '
            "edXML: không kiểm tra được chữ ký số.",
        )
    verifier = XMLVerifier()
    # lxml 6.0 (libxml2 2.14) writes a spurious xmlns="" on the grandchildren of
    # a subtree canonicalized with inclusive C14N under an inherited default
    # namespace, which SignedInfo of a Signature in the XML-DSig default
    # namespace is (signxml issue 275): signxml's documented switch removes
    # them. A genuine xmlns="" would be removed too, so a message with one is
    # refused above (edXML puts every element in a namespace).
    verifier.excise_empty_xmlns_declarations = True
    config = SignatureConfiguration(
        location=f"./{q('edXMLEnvelope')}/{q('edXMLHeader')}/",
        signature_methods=ACCEPTED_METHODS,
        digest_algorithms=ACCEPTED_DIGESTS,
    )
    try:
        result = verifier.verify(root, ca_pem_file=str(trusted_roots), expect_config=config)
    except InvalidCertificate:
        raise EdxmlFault(
            ExchangeError.SIGNATURE_UNTRUSTED,
            "Chứng thư số ký thông điệp không được tin cậy (không thuộc tổ chức cung cấp dịch vụ "
            "chứng thực được cấu hình) hoặc đã hết hạn.",
        ) from None
    except (InvalidSignature, InvalidInput, etree.DocumentInvalid):
        raise _invalid_signature() from None
    if isinstance(result, list):  # expect_references=1 refuses this first
        raise _invalid_signature()
    certificate = _signing_certificate(result.signature_xml, result.signature_key)
    return VerifiedSignature(subject=certificate.subject.rfc4514_string(), certificate=certificate)


def _invalid_signature() -> EdxmlFault:
    return EdxmlFault(
        ExchangeError.SIGNATURE_INVALID,
        "Chữ ký số của thông điệp không hợp lệ: nội dung đã bị thay đổi sau khi ký.",
    )


def _signing_certificate(signature: etree._Element, public_key: bytes) -> x509.Certificate:
    """The certificate of KeyInfo whose key verified the signature (the others are its chain)."""
    for element in signature.iter(f"{{{DSIG_NS}}}X509Certificate"):
        certificate = x509.load_der_x509_certificate(
            base64.b64decode("".join((element.text or "").split()))
        )
        key = certificate.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        if key == public_key:
            return certificate
    # signxml verified with a certificate of KeyInfo (require_x509), so one matches.
    raise AssertionError("the verifying key matches no certificate of KeyInfo")


def _undeclares_default_namespace(root: etree._Element) -> bool:
    """Whether an element leaves the default namespace in scope (xmlns="")."""
    for element in root.iter(etree.Element):
        parent = element.getparent()
        if parent is not None and parent.nsmap.get(None) and not element.nsmap.get(None):
            return True
    return False


def _move_to_dsig(signature: etree._Element | None) -> etree._Element | None:
    """Most samples write <Signature> without a namespace of its own, so it
    falls into the edXML namespace (DOMAIN.md): read it as XML-DSig.

    The enveloped transform removes the Signature element from what is
    digested, so its namespace does not change the digest. SignedInfo is
    rebuilt in the XML-DSig namespace as a default namespace, which is where
    a standard signing library puts it; whether the senders of these samples
    signed it there cannot be checked (no sample signature verifies).
    """
    if signature is None:
        return None
    rebuilt = _copy_into_dsig(signature, parent=None)
    signature.getparent().replace(signature, rebuilt)
    return rebuilt


def _copy_into_dsig(element: etree._Element, parent: etree._Element | None) -> etree._Element:
    tag = f"{{{DSIG_NS}}}{etree.QName(element).localname}"
    if parent is None:
        copy = etree.Element(tag, attrib=dict(element.attrib), nsmap={None: DSIG_NS})
    else:
        copy = etree.SubElement(parent, tag, attrib=dict(element.attrib))
    copy.text, copy.tail = element.text, element.tail
    for item in element:
        if isinstance(item.tag, str):
            _copy_into_dsig(item, copy)
    return copy

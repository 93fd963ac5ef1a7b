"""A small PKI made at test time for the edXML signatures: a root, the
organisation's certificate under it, and a second root nobody trusts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings

SAMPLES = Path(settings.REFERENCE_DIR) / "edxml-samples"


@dataclass(frozen=True)
class Credential:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    root: x509.Certificate
    roots_file: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND tỉnh Thử nghiệm"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_credential(folder: Path, label: str, *, days: int = 30) -> Credential:
    now = datetime.datetime.now(datetime.UTC)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = (
        x509.CertificateBuilder()
        .subject_name(_name(f"Root CA {label}"))
        .issuer_name(_name(f"Root CA {label}"))
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(f"Văn phòng UBND {label}"))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=2))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(ca=False), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    roots_file = folder / f"roots-{label}.pem"
    roots_file.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return Credential(key=key, certificate=certificate, root=root, roots_file=roots_file)


@pytest.fixture(scope="session")
def organisation(tmp_path_factory: pytest.TempPathFactory) -> Credential:
    return make_credential(tmp_path_factory.mktemp("pki"), "A")


@pytest.fixture(scope="session")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> Credential:
    """A credential under a root this deployment does not trust."""
    return make_credential(tmp_path_factory.mktemp("pki-other"), "B")

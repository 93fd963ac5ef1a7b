"""The deployment's signature configuration, read from Django settings.

    EGOV_SIGNATURES = {
        "tsa_url": "http://tsa.example.vn/tsa",
        "trusted_roots": ["/etc/egov/roots/national-root.pem", "/etc/egov/roots/gov-root.cer"],
        "extra_certificates": ["/etc/egov/roots/vnpt-ca.pem"],
        "revocation": "fetch",
        "level": "B-LT",
        "seal_pkcs12": "/etc/egov/seal.p12",
        "seal_passphrase_env": "EGOV_SEAL_PASSPHRASE",
        "pkcs11_module": "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
        "remote_signing_url": "https://remote-signing.example.vn/api",
        "remote_wait": 300,
    }

Without the setting (the default) signing is reported unavailable. The trust
anchors are files the deployment installs (DOMAIN.md: the national root CA
that certifies VNPT-CA, Viettel-CA and the other public CAs under Decree
23/2025/NĐ-CP, and the government root of Ban Cơ yếu Chính phủ); nothing is
fetched to decide what is trusted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from asn1crypto import x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import load_certs_from_pemder

from .errors import SignatureErrorCode, SigningError


class Level(StrEnum):
    # Signature, chain, revocation information and a timestamp embedded
    # (ETSI EN 319 142-1): verifiable after the CA's services are gone.
    B_LT = "B-LT"
    # B-LT plus a document timestamp over everything, renewable before the
    # algorithms weaken: for documents kept long (archives).
    B_LTA = "B-LTA"


class Revocation(StrEnum):
    """Where validation looks for revocation information beyond the PDF.

    Signing always fetches it (B-LT embeds it), whatever this says."""

    # OCSP responders and CRL distribution points named in the certificates
    # are queried when the PDF's own data (its DSS) does not answer.
    FETCH = "fetch"
    # Only what the PDF carries is used (an offline validator).
    EMBEDDED = "embedded"


@dataclass(frozen=True)
class SignatureConfig:
    tsa_url: str
    trusted_roots: tuple[Path, ...]
    extra_certificates: tuple[Path, ...] = ()
    revocation: Revocation = Revocation.FETCH
    level: Level = Level.B_LT
    # Seconds to wait for the TSA, an OCSP responder or a CRL server.
    network_timeout: float = 10.0
    # The organisation's seal key (backends/server_key.py): the passphrase is
    # read from the environment variable named here, never from settings.
    seal_pkcs12: Path | None = None
    seal_passphrase_env: str = ""
    # The PKCS#11 module of the officials' tokens (backends/pkcs11.py).
    pkcs11_module: Path | None = None
    # The remote signing service (remote/): its base URL, and how many
    # seconds a signer has to confirm on their phone before the platform
    # gives up (the services expire their own transactions after minutes).
    remote_signing_url: str = ""
    remote_wait: float = 300.0

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> SignatureConfig:
        known = {field for field in cls.__dataclass_fields__}
        unknown = set(raw) - known
        if unknown:
            raise ImproperlyConfigured(f"EGOV_SIGNATURES has unknown keys: {sorted(unknown)}")
        if not raw.get("tsa_url") or not raw.get("trusted_roots"):
            raise ImproperlyConfigured("EGOV_SIGNATURES needs tsa_url and trusted_roots.")
        try:
            return cls(
                tsa_url=str(raw["tsa_url"]),
                trusted_roots=_paths(raw["trusted_roots"]),
                extra_certificates=_paths(raw.get("extra_certificates", ())),
                revocation=Revocation(raw.get("revocation", Revocation.FETCH)),
                level=Level(raw.get("level", Level.B_LT)),
                network_timeout=float(raw.get("network_timeout", 10.0)),
                seal_pkcs12=Path(raw["seal_pkcs12"]) if raw.get("seal_pkcs12") else None,
                seal_passphrase_env=str(raw.get("seal_passphrase_env", "")),
                pkcs11_module=Path(raw["pkcs11_module"]) if raw.get("pkcs11_module") else None,
                remote_signing_url=str(raw.get("remote_signing_url", "")),
                remote_wait=float(raw.get("remote_wait", 300.0)),
            )
        except ValueError as error:
            raise ImproperlyConfigured(f"EGOV_SIGNATURES: {error}") from error

    def roots(self) -> list[x509.Certificate]:
        return _load(self.trusted_roots)

    def extra_certs(self) -> list[x509.Certificate]:
        return _load(self.extra_certificates)


def _paths(value: Sequence[str | Path] | str) -> tuple[Path, ...]:
    if isinstance(value, str | Path):
        value = [value]
    return tuple(Path(item) for item in value)


def _load(paths: tuple[Path, ...]) -> list[x509.Certificate]:
    # PEM (one or several certificates per file) or DER, as CAs publish them.
    return list(load_certs_from_pemder([str(path) for path in paths]))  # type: ignore[no-untyped-call]


def signature_config() -> SignatureConfig | None:
    """The configuration, or None where the deployment set up no signing."""
    raw = getattr(settings, "EGOV_SIGNATURES", None)
    if not raw:
        return None
    return SignatureConfig.from_mapping(raw)


def require_config(config: SignatureConfig | None = None) -> SignatureConfig:
    config = config or signature_config()
    if config is None:
        raise SigningError(SignatureErrorCode.UNAVAILABLE)
    return config

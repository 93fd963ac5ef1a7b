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
        "remote_signing_url": "https://gwsca.vnpt.vn/sca/sp769",
        "remote_wait": 300,
        "remote_adapter": "vnpt_smartca",
        "remote_client_id": "sp-id-given-by-vnpt",
        "remote_secret_env": "EGOV_REMOTE_SIGNING_SECRET",
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


class RemoteAdapter(StrEnum):
    # testing/remote_sandbox.py's own JSON (the demo, the tests).
    SANDBOX = "sandbox"
    # VNPT SmartCA's service-provider API (remote/smartca.py).
    VNPT_SMARTCA = "vnpt_smartca"
    # Viettel MySign's remote signing gateway (remote/mysign.py).
    VIETTEL_MYSIGN = "viettel_mysign"


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
    # Or the seal key in a slot of an HSM (backends.seal_backend): the token's
    # label and the key's, through pkcs11_module; the slot's PIN is read from
    # the environment variable named by seal_pin_env, never from settings.
    seal_pkcs11_token: str = ""
    seal_pkcs11_key: str = ""
    seal_pin_env: str = ""
    # The PKCS#11 module of the officials' tokens (backends/pkcs11.py).
    pkcs11_module: Path | None = None
    # The remote signing service (remote/): its base URL, and how many
    # seconds a signer has to confirm on their phone before the platform
    # gives up (the services expire their own transactions after minutes).
    remote_signing_url: str = ""
    remote_wait: float = 300.0
    # Which service speaks at that URL (remote/services.py): the loopback
    # sandbox, VNPT SmartCA or Viettel MySign. The platform's account there
    # (SmartCA's sp_id, MySign's client_id and RAS profile) is in settings;
    # its secret (sp_password, client_secret) is read from the environment
    # variable named by remote_secret_env, never from settings.
    remote_adapter: RemoteAdapter = RemoteAdapter.SANDBOX
    remote_client_id: str = ""
    remote_secret_env: str = ""
    remote_profile_id: str = ""
    # Also trust the roots administrators add on /chu-ky-so/chung-thu-goc/
    # (trustroots.py); off, trust is decided by the files alone.
    admin_roots: bool = False
    # B-LTA renewal (renewal.py): a new document timestamp is added this many
    # days before the last one's TSA certificate expires.
    lta_renew_days: int = 90

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
                seal_pkcs11_token=str(raw.get("seal_pkcs11_token", "")),
                seal_pkcs11_key=str(raw.get("seal_pkcs11_key", "")),
                seal_pin_env=str(raw.get("seal_pin_env", "")),
                pkcs11_module=Path(raw["pkcs11_module"]) if raw.get("pkcs11_module") else None,
                remote_signing_url=str(raw.get("remote_signing_url", "")),
                remote_wait=float(raw.get("remote_wait", 300.0)),
                remote_adapter=RemoteAdapter(raw.get("remote_adapter", RemoteAdapter.SANDBOX)),
                remote_client_id=str(raw.get("remote_client_id", "")),
                remote_secret_env=str(raw.get("remote_secret_env", "")),
                remote_profile_id=str(raw.get("remote_profile_id", "")),
                admin_roots=bool(raw.get("admin_roots", False)),
                lta_renew_days=int(raw.get("lta_renew_days", 90)),
            )
        except ValueError as error:
            raise ImproperlyConfigured(f"EGOV_SIGNATURES: {error}") from error

    def roots(self) -> list[x509.Certificate]:
        roots = _load(self.trusted_roots)
        if self.admin_roots:
            from .trustroots import admin_roots  # the database, only when asked for

            roots += admin_roots()
        return roots

    @property
    def seal_configured(self) -> bool:
        """Whether the server holds the organisation's seal key (file or HSM)."""
        return self.seal_pkcs12 is not None or bool(self.seal_pkcs11_token)

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

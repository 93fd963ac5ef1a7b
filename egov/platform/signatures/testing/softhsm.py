"""A SoftHSM2 token made at run time, standing in for an official's USB token.

Debian's `softhsm2` keeps its tokens in the directory its configuration file
names; SOFTHSM2_CONF points the library and `softhsm2-util` at a file of our
own, so the tests never touch the machine's tokens. The key is imported with
`softhsm2-util --import` (PKCS#8), the certificate with python-pkcs11, both
under the same label and id, with the CA chain beside them, as a CA's
enrolment software does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509

MODULE_CANDIDATES = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
)


def softhsm_module() -> Path | None:
    """The PKCS#11 module of SoftHSM2, if it and its tool are installed."""
    if shutil.which("softhsm2-util") is None:
        return None
    return next((path for path in MODULE_CANDIDATES if path.exists()), None)


@dataclass(frozen=True)
class SoftToken:
    module: Path
    label: str
    conf: Path


def make_token(directory: Path, *, label: str, pin: str, so_pin: str) -> SoftToken:
    """Initialise an empty token in `directory`; sets SOFTHSM2_CONF for this process.

    The variable must be set before the module is first loaded (the library
    reads it once), so call this before any PKCS#11 use in the process.
    """
    module = softhsm_module()
    if module is None:
        raise RuntimeError("SoftHSM2 is not installed (Debian package softhsm2)")
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8",
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)
    _util("--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", so_pin)
    return SoftToken(module=module, label=label, conf=conf)


def import_key_and_certificate(
    token: SoftToken,
    *,
    pin: str,
    key_label: str,
    key_pem: Path,
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    key_id: bytes = b"\x01",
) -> None:
    _util(
        "--import",
        str(key_pem),
        "--token",
        token.label,
        "--label",
        key_label,
        "--id",
        key_id.hex(),
        "--pin",
        pin,
    )
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    library = pkcs11.lib(str(token.module))
    with library.get_token(token_label=token.label).open(rw=True, user_pin=pin) as session:
        labelled = [(key_label, key_id, certificate)] + [
            (f"ca-{index}", bytes([0xCA, index]), issuer) for index, issuer in enumerate(chain)
        ]
        for label, object_id, cert in labelled:
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: object_id,
                    Attribute.SUBJECT: cert.subject.dump(),
                    Attribute.ISSUER: cert.issuer.dump(),
                    Attribute.SERIAL_NUMBER: cert["tbs_certificate"]["serial_number"].dump(),
                    Attribute.VALUE: cert.dump(),
                }
            )


def _util(*arguments: str) -> None:
    # The PINs are on this command line: acceptable for a throw-away test
    # token, never for a real one (a deployment initialises its HSM itself).
    subprocess.run(  # noqa: S603 - a fixed tool, arguments we built
        ["softhsm2-util", *arguments],  # noqa: S607 - found on PATH like the other tools
        check=True,
        capture_output=True,
        timeout=60,
        env=os.environ.copy(),
    )

"""Signing through a remote signing service, in two calls (pyHanko's
interrupted signing).

`start_remote_signing` lays out the signature in an incremental update with
an empty /Contents, digests the document over its /ByteRange, builds the CMS
signed attributes (which commit to that digest and to the signer's
certificate) and sends the digest of those attributes to the service; the
signer is asked on their phone. It returns a PendingRemoteSignature to store.

`finish_remote_signing`, later and in another request, polls once. When the
signer has confirmed, the returned raw signature is verified against the
certificate before anything is embedded, then the CMS container is built
with the signature timestamp (B-T), filled into the reserved region, and the
revocation information for the signer and the TSA is added in a DSS update
(B-LT; B-LTA adds a document timestamp), as sign_pdf does. The certificate
is validated again at that moment, so one revoked while the signer was
deciding signs nothing.

Failures raise SigningError: nothing is returned, the caller's original PDF
(and the pending state's bytes) are unchanged.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Sequence
from datetime import timedelta
from io import BytesIO
from typing import IO, Any, TypeVar

from asn1crypto import cms, x509
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_cms import ExternalSigner, PdfCMSSignedAttributes
from pyhanko.sign.signers.pdf_signer import (
    PdfTBSDocument,
    PostSignInstructions,
    PreSignValidationStatus,
)
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.path import ValidationPath
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.sig_validate import DEFAULT_SIGNATURE_VALIDATOR

from ..appearance import Visual
from ..config import Level, SignatureConfig, require_config
from ..errors import SignatureErrorCode, SigningError
from ..placeholders import Box
from ..signing import pdf_signer, plan_field, timestamper, translate_error, validation_context
from .adapter import Expired, Pending, Refused, RemoteSigningService, Signed
from .pending import PendingRemoteSignature

T = TypeVar("T")

# The digests a pending state may name (it comes back from storage).
DIGESTS = {"sha256", "sha384", "sha512"}
# The key usage pyHanko requires of a signer (PdfSignatureMetadata's default):
# a signature that commits the signer, as Decree 30/2020 means it.
KEY_USAGE = {"non_repudiation"}


def start_remote_signing(
    pdf: bytes,
    service: RemoteSigningService,
    *,
    user_ref: str,
    field_name: str,
    description: str,
    box: Box | None = None,
    reason: str = "",
    location: str = "",
    name: str = "",
    certify: MDPPerm | None = None,
    appearance: Sequence[str] | None = None,
    visual: Visual | None = None,
    config: SignatureConfig | None = None,
) -> PendingRemoteSignature:
    """Prepare `pdf`, send its digest to `service` for `user_ref` (the
    signer's account there) and return the state to finish with. The
    arguments after `description` (what the signer's phone shows) are
    sign_pdf's."""
    config = require_config(config)
    plan = plan_field(pdf, field_name, box)
    chain = service.certificate(user_ref)
    signing_cert, issuers = chain[0], chain[1:]
    # A placeholder as long as the key's signature, for the size estimate.
    external = _external_signer(signing_cert, issuers, max(256, signing_cert.public_key.byte_size))
    try:
        signer = pdf_signer(
            external,
            plan,
            config,
            reason=reason,
            location=location,
            name=name,
            certify=certify,
            appearance=appearance,
            visual=visual,
        )
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        # Checks the certificate (trusted root, not revoked, hard-fail) before
        # the signer is bothered on their phone.
        prepared, tbs, output = _run(
            signer.async_digest_doc_for_signing(writer),
            signer.signature_meta.validation_context,
        )
        md_algorithm = tbs.md_algorithm
        signed_attrs = _run(
            external.signed_attrs(
                prepared.document_digest,
                md_algorithm,
                attr_settings=PdfCMSSignedAttributes(signing_time=timezone.now()),
                use_pades=True,
            )
        )
    except SigningError:
        raise
    except Exception as error:
        raise translate_error(error) from error
    if md_algorithm not in DIGESTS:
        # pyHanko chose a digest a stored state may not name (finish would refuse it).
        raise SigningError(SignatureErrorCode.SIGNING_FAILED, detail=f"digest {md_algorithm}")
    attrs_der = signed_attrs.dump()
    transaction_id = service.request(
        user_ref, hashlib.new(md_algorithm, attrs_der).digest(), md_algorithm, description
    )
    return PendingRemoteSignature(
        transaction_id=transaction_id,
        user_ref=user_ref,
        field_name=field_name,
        prepared_pdf=_read_all(output),
        reserved_region_start=prepared.reserved_region_start,
        reserved_region_end=prepared.reserved_region_end,
        document_digest=prepared.document_digest,
        md_algorithm=md_algorithm,
        signed_attrs=attrs_der,
        certificates=tuple(certificate.dump() for certificate in chain),
        expires_at=timezone.now() + timedelta(seconds=config.remote_wait),
    )


def finish_remote_signing(
    pending: PendingRemoteSignature,
    service: RemoteSigningService,
    *,
    config: SignatureConfig | None = None,
) -> bytes | None:
    """Poll once: the signed PDF, or None while the signer has not answered
    and the deadline has not passed. Refused: `signature.remote_refused`;
    expired at the service or past the deadline: `signature.remote_timeout`."""
    config = require_config(config)
    signed_attrs = _checked_attributes(pending)
    status = service.status(pending.transaction_id, pending.user_ref)
    if isinstance(status, Refused):
        raise SigningError(SignatureErrorCode.REMOTE_REFUSED, detail=status.reason[:200])
    if isinstance(status, Expired):
        raise SigningError(SignatureErrorCode.REMOTE_TIMEOUT, detail="expired at the service")
    if isinstance(status, Pending):
        # Polled before giving up: the signer may have confirmed at the last moment.
        if timezone.now() >= pending.expires_at:
            raise SigningError(SignatureErrorCode.REMOTE_TIMEOUT, detail="deadline passed")
        return None
    if not isinstance(status, Signed):
        raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail=repr(status)[:100])
    _verify(pending, signed_attrs, status.signature)
    try:
        return _embed(pending, signed_attrs, status.signature, config)
    except SigningError:
        raise
    except Exception as error:
        raise translate_error(error) from error


def _checked_attributes(pending: PendingRemoteSignature) -> cms.CMSAttributes:
    """The signed attributes, once the state is shown to hang together: the
    document digest is the prepared bytes' and the attributes commit to it.
    A state altered in storage (bytes, region or digest) stops here."""
    start, end, pdf = (
        pending.reserved_region_start,
        pending.reserved_region_end,
        pending.prepared_pdf,
    )
    if (
        pending.md_algorithm not in DIGESTS
        or not pending.certificates
        or not 0 < start < end <= len(pdf)
        or pdf[start : start + 1] != b"<"
        or pdf[end - 1 : end] != b">"
        or pending.byte_range_digest() != pending.document_digest
    ):
        raise SigningError(SignatureErrorCode.REMOTE_STATE_INVALID, detail="document digest")
    try:
        attrs = cms.CMSAttributes.load(pending.signed_attrs)
        digests = [
            attr["values"][0].native for attr in attrs if attr["type"].native == "message_digest"
        ]
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise SigningError(SignatureErrorCode.REMOTE_STATE_INVALID, detail="attributes") from error
    if digests != [pending.document_digest]:
        raise SigningError(SignatureErrorCode.REMOTE_STATE_INVALID, detail="message digest")
    return attrs


def _verify(pending: PendingRemoteSignature, signed_attrs: cms.CMSAttributes, raw: bytes) -> None:
    """The returned signature must verify with the signer's certificate over
    exactly the attributes sent: a service that signed with another key (or
    something else) would otherwise give a PDF whose signature is broken."""
    certificate = pending.signing_certificate()
    mechanism = _external_signer(certificate, []).get_signature_mechanism_for_digest(
        pending.md_algorithm
    )
    try:
        DEFAULT_SIGNATURE_VALIDATOR.validate_signature(
            raw, signed_attrs.dump(), certificate.public_key, mechanism
        )
    except Exception as error:
        # cryptography's InvalidSignature, or a key/mechanism mismatch.
        raise SigningError(
            SignatureErrorCode.REMOTE_BAD_SIGNATURE, detail=type(error).__name__
        ) from error


def _embed(
    pending: PendingRemoteSignature,
    signed_attrs: cms.CMSAttributes,
    raw: bytes,
    config: SignatureConfig,
) -> bytes:
    certificate = pending.signing_certificate()
    chain = pending.chain()
    external = _external_signer(certificate, chain, raw)
    context = validation_context(config)
    stamper = timestamper(config)

    async def embed() -> bytes:
        signature_cms = await external.async_sign_prescribed_attributes(
            pending.md_algorithm, signed_attrs, timestamper=stamper
        )
        instructions = PostSignInstructions(
            validation_info=await _validation_info(certificate, chain, context, stamper),
            timestamp_md_algorithm=pending.md_algorithm,
            timestamper=stamper if config.level == Level.B_LTA else None,
            strict=False,
        )
        # A copy: the pending state's bytes stay as they were if this fails.
        output = BytesIO(pending.prepared_pdf)
        await PdfTBSDocument.async_finish_signing(
            output,
            PreparedByteRangeDigest(
                document_digest=pending.document_digest,
                reserved_region_start=pending.reserved_region_start,
                reserved_region_end=pending.reserved_region_end,
            ),
            signature_cms,
            post_sign_instr=instructions,
            validation_context=context,
        )
        return output.getvalue()

    return _run(embed(), context)


async def _validation_info(
    certificate: x509.Certificate,
    chain: list[x509.Certificate],
    context: ValidationContext,
    stamper: Any,
) -> PreSignValidationStatus:
    """What pyHanko's pre-signing check collects in one go (signing.py), done
    at finishing time: the signer's and the TSA's paths, and the OCSP
    responses and CRLs fetched for them, for the DSS."""
    validator = CertificateValidator(
        certificate, intermediate_certs=chain, validation_context=context
    )
    signer_path: ValidationPath = await validator.async_validate_usage(KEY_USAGE)  # type: ignore[no-untyped-call]
    ts_paths = [path async for path in stamper.validation_paths(context)]
    return PreSignValidationStatus(
        signer_path=signer_path,
        validation_paths=[signer_path, *ts_paths],
        ts_validation_paths=ts_paths,
        ocsps_to_embed=context.ocsps,
        crls_to_embed=context.crls,
    )


def _read_all(stream: IO[bytes]) -> bytes:
    stream.seek(0)
    return stream.read()


def _external_signer(
    certificate: x509.Certificate,
    issuers: Sequence[x509.Certificate],
    signature: bytes | int | None = None,
) -> ExternalSigner:
    return ExternalSigner(
        signing_cert=certificate,
        cert_registry=SimpleCertificateStore.from_certs(issuers),  # type: ignore[no-untyped-call]
        signature_value=signature,
    )


def _run(coroutine: Awaitable[T], *contexts: ValidationContext | None) -> T:
    """Run one pyHanko coroutine, then close the HTTP sessions its
    validation contexts opened, on the loop that opened them."""

    async def run() -> T:
        try:
            return await coroutine
        finally:
            for context in contexts:
                if context is not None:
                    await context.aclose()  # type: ignore[no-untyped-call]

    return asyncio.run(run())


__all__ = ["finish_remote_signing", "start_remote_signing"]

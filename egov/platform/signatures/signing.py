"""Signing a PDF at PAdES B-LT (or B-LTA) with pyHanko.

B-LT embeds, besides the signature, the signer's certificate chain, the
revocation information (OCSP responses or CRLs) fetched at signing time, and
an RFC 3161 timestamp from the configured authority: a validator can check the
signature years later, offline, after the CA's services are gone. B-LTA adds
a document timestamp over all of it (ETSI EN 319 142-1).

A signing that fails raises SigningError and returns nothing: the document
the caller holds stays as it was, unsigned, never half-signed (issue 12).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InsufficientRevinfoError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

from .appearance import Visual, default_lines, stamp_style
from .backends import SignerBackend
from .config import Level, SignatureConfig, require_config
from .errors import SignatureErrorCode, SigningError
from .pdfinput import read_pdf
from .placeholders import Box, field_size, signature_fields


def validation_context(config: SignatureConfig) -> ValidationContext:
    """Trust only the configured roots; fetch revocation information from
    the OCSP responders and CRLs the certificates name, whatever the
    `revocation` setting (which governs validation): B-LT means embedding
    it, so it has to be fetched. Revocation is 'hard-fail': a signature
    whose revocation status cannot be embedded is not B-LT, so it is refused
    rather than issued weaker than asked, and a revoked certificate signs
    nothing."""
    return ValidationContext(
        trust_roots=config.roots(),
        other_certs=config.extra_certs(),
        allow_fetching=True,
        revocation_mode="hard-fail",
        fetcher_backend=RequestsFetcherBackend(per_request_timeout=config.network_timeout),
    )


@dataclass(frozen=True)
class FieldPlan:
    """Where the signature goes: an existing empty field (spec None) or a new
    one in a box; `size` is None for an invisible signature."""

    field_name: str
    spec: fields.SigFieldSpec | None
    size: tuple[float, float] | None


def plan_field(pdf: bytes, field_name: str, box: Box | None) -> FieldPlan:
    """Check the PDF and the field before any key is opened or any request
    sent: a bad PDF or a signed field is refused first."""
    reader = read_pdf(pdf)
    existing = signature_fields(reader)
    if existing.get(field_name):
        raise SigningError(SignatureErrorCode.FIELD_ALREADY_SIGNED, detail=field_name)
    # A placeholder laid out by the document wins over a box: it is where the
    # template put the signature (placeholders.py).
    if field_name in existing:
        return FieldPlan(field_name, None, field_size(reader, field_name))
    if box is not None:
        box.check(reader)
        return FieldPlan(field_name, box.spec(field_name), (box.x2 - box.x1, box.y2 - box.y1))
    return FieldPlan(field_name, None, None)


def pdf_signer(
    signer: signers.Signer,
    plan: FieldPlan,
    config: SignatureConfig,
    *,
    reason: str = "",
    location: str = "",
    name: str = "",
    certify: MDPPerm | None = None,
    appearance: Sequence[str] | None = None,
    visual: Visual | None = None,
) -> signers.PdfSigner:
    """The pyHanko signer for one PAdES B-LT (or B-LTA) signature; sign_pdf
    and the remote flow (remote/flow.py) share it, so both produce the same
    structure."""
    meta = PdfSignatureMetadata(
        field_name=plan.field_name,
        reason=reason or None,
        location=location or None,
        name=name or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        use_pades_lta=config.level == Level.B_LTA,
        validation_context=validation_context(config),
        certify=certify is not None,
        docmdp_permissions=certify or MDPPerm.FILL_FORMS,
    )
    style = None
    if plan.size is not None:
        # Drawn before the timestamp exists: the time shown is the server's,
        # a second (or, remotely, the signer's confirmation) before the
        # timestamp's.
        lines = appearance or default_lines(signer.signing_cert, timezone.now())
        style = stamp_style(lines, *plan.size, visual)
    return signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamper(config),
        new_field_spec=plan.spec,
        stamp_style=style,
    )


def timestamper(config: SignatureConfig) -> HTTPTimeStamper:
    return HTTPTimeStamper(config.tsa_url, timeout=config.network_timeout)  # type: ignore[no-untyped-call]


def sign_pdf(
    pdf: bytes,
    signer_backend: SignerBackend,
    *,
    field_name: str,
    box: Box | None = None,
    reason: str = "",
    location: str = "",
    name: str = "",
    certify: MDPPerm | None = None,
    appearance: Sequence[str] | None = None,
    visual: Visual | None = None,
    config: SignatureConfig | None = None,
) -> bytes:
    """Sign `pdf` in the field `field_name` and return the signed bytes.

    The document's empty signature field of that name (a placeholder laid
    out by placeholders.add_signature_fields) is used where there is one;
    otherwise a field is created in `box` (invisible without one). A
    visible signature shows `appearance`, lines of text, by default who
    signed, for which organisation and when (appearance.py), and `visual`,
    the handwritten signature or the seal image, where given.

    `certify` makes this a certification signature with that DocMDP
    permission; it must then be the document's first signature. For an
    outgoing document the leader certifies with MDPPerm.FILL_FORMS (P=2):
    the clerk then fills the number and date fields and the organisation
    adds its signature, and both are "form filling and signing", which P=2
    permits, so the leader's signature stays valid with those incremental
    updates. P=1 (no changes) would break it at the number; P=3 would also
    permit annotations (comments, stamps drawn over the text), which nothing
    in Decree 30/2020's flow needs, so the narrower P=2 is chosen. The
    organisation's field must already be laid out when the leader certifies
    (placeholders.py says why).
    """
    config = require_config(config)
    plan = plan_field(pdf, field_name, box)
    output = BytesIO()
    with signer_backend.open() as signer:
        try:
            prepared = pdf_signer(
                signer,
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
            prepared.sign_pdf(writer, output=output)
        except SigningError:
            raise
        except Exception as error:
            raise translate_error(error) from error
    return output.getvalue()


def translate_error(error: BaseException) -> SigningError:
    """The code for what pyHanko (or the network under it) refused.

    pyHanko wraps the certificate validator's errors in its own SigningError;
    the cause chain says which it was.
    """
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    detail = f"{type(error).__name__}: {error}"[:300]
    for cause in chain:
        if isinstance(cause, RevokedError):
            return SigningError(SignatureErrorCode.CERTIFICATE_REVOKED, detail=detail)
        if isinstance(cause, ExpiredError | NotYetValidError):
            return SigningError(SignatureErrorCode.CERTIFICATE_EXPIRED, detail=detail)
        if isinstance(cause, InsufficientRevinfoError):
            return SigningError(SignatureErrorCode.REVOCATION_UNAVAILABLE, detail=detail)
        if isinstance(cause, PathBuildingError | PathValidationError):
            return SigningError(SignatureErrorCode.CERTIFICATE_UNTRUSTED, detail=detail)
        if isinstance(cause, TimestampRequestError):
            return SigningError(SignatureErrorCode.TSA_UNAVAILABLE, detail=detail)
    return SigningError(SignatureErrorCode.SIGNING_FAILED, detail=detail)

"""Digital signatures in the outgoing flow (issue 12; Decree 30/2020/NĐ-CP
art. 5, 14, 32-33 and Appendix I).

- Approval signs: when the signing leader approves a document with
  `signature_required`, the latest PDF gets both signature fields (the
  leader's and the organisation's, signing.field_layout) and the leader's
  certification signature (DocMDP P=2, form filling), made through the
  remote signing service with the leader's own account, image and name.
  `start_approval_signing` sends the request to the leader's phone and
  stores the pending state (signatures.PendingSigning); the document stays
  submitted. `finish_approval_signing` polls: once confirmed the signed PDF
  becomes a new version and the document is approved; a refusal or a
  time-out deletes the pending state and leaves the document as it was.
- Issuing seals: after numbering, `seal_for_issue` writes the number and
  the date into the text fields and applies the organisation's signature
  with the seal image, with the server's seal key (backends.seal_backend:
  a PKCS#12 file or an HSM slot). It runs inside the issuing transaction,
  so a failure also gives the number back (registers stay gapless); the
  failure is audited afterwards.

The remote service and the timestamp authority are called outside any
transaction where possible (approval), never holding a lock while the
leader's phone is asked. Every signature and every failed attempt is an
audit event; a PIN or passphrase never reaches this module.
"""

from __future__ import annotations

import logging
import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.sign.fields import MDPPerm

from egov.office.documents import signing as layout
from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    OutgoingAttachment,
    OutgoingDocument,
    OutgoingStatus,
    OutgoingVersion,
    VersionStatus,
)
from egov.office.documents.services import attachments as annex
from egov.office.documents.services import outgoing
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError, InvalidInput, PermissionDenied
from egov.platform.signatures.appearance import VIETNAM, Layout, Visual
from egov.platform.signatures.backends import SignerBackend, seal_backend
from egov.platform.signatures.checks import request_check
from egov.platform.signatures.config import SignatureConfig, require_config, signature_config
from egov.platform.signatures.errors import MESSAGES, SignatureErrorCode, SigningError
from egov.platform.signatures.forms import fill_text_fields, text_field_names
from egov.platform.signatures.models import PendingSigning, SignerProfile, UnitSeal
from egov.platform.signatures.placeholders import add_signature_fields
from egov.platform.signatures.remote.flow import finish_remote_signing, start_remote_signing
from egov.platform.signatures.remote.pending import PendingRemoteSignature
from egov.platform.signatures.remote.services import remote_service
from egov.platform.signatures.services import read_image
from egov.platform.signatures.signing import sign_pdf

logger = logging.getLogger(__name__)

# The audit events of the leader's signing, in the order they happen.
SIGNING_EVENTS = ("signing_started", "signing_failed", "signed")


def signing_available() -> bool:
    return signature_config() is not None


def pending_signing(document: OutgoingDocument) -> PendingSigning | None:
    return PendingSigning.objects.filter(purpose=layout.PURPOSE, object_pk=document.pk).first()


def _read(version: OutgoingVersion) -> bytes:
    with version.file.open("rb") as handle:
        data: bytes = handle.read()
    return data


def _as_signer(actor: User, document: OutgoingDocument) -> None:
    if not (document.status == OutgoingStatus.SUBMITTED and actor.pk == document.signer_id):
        raise PermissionDenied(
            OfficeError.PERMISSION_DENIED, _("Văn bản không chờ bạn xem xét hoặc ký.")
        )


def _failed(
    document: OutgoingDocument, actor: User, event: str, error: DomainError, **details: object
) -> None:
    """The failed attempt, audited in its own transaction (the attempt's own
    changes, if any, were rolled back)."""
    with transaction.atomic(durable=True):
        outgoing._audit(document, actor, event, code=str(error.code), **details)


def _new_version(
    document: OutgoingDocument, actor: User, pdf: bytes, note: str, written: list[OutgoingVersion]
) -> OutgoingVersion:
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = OutgoingVersion(
        document=document,
        number=last + 1,
        created_by=actor,
        note=note,
        status=VersionStatus.READY,
    )
    version.file.save(f"{secrets.token_hex(16)}.pdf", ContentFile(pdf), save=False)
    written.append(version)
    version.save()
    return version


# ---------------------------------------------------------------- approval


def start_approval_signing(
    *,
    actor: User,
    document: OutgoingDocument,
    note: str = "",
    config: SignatureConfig | None = None,
) -> OutgoingDocument:
    """The leader approves with their signature: the request goes to their phone."""
    config = require_config(config)
    text = " ".join(note.split())[:2000]
    try:
        with transaction.atomic(durable=True):
            document = outgoing._locked(document)
            _as_signer(actor, document)
            version = outgoing._ready(document)
            waiting = pending_signing(document)
            if waiting is not None and timezone.now() >= waiting.expires_at:
                # Given up on: a new request replaces it.
                waiting.delete()
            elif waiting is not None:
                raise InvalidInput(
                    OfficeError.SIGNING_PENDING,
                    _("Văn bản đang chờ người ký xác nhận trên điện thoại."),
                )
            profile = SignerProfile.objects.filter(user=actor).first()
            pdf = _read(version)
    except DomainError as error:
        # Denied (not the signer), or refused (a request still waiting, no
        # ready version): every failed attempt is an audit event.
        _failed(document, actor, "signing_failed", error, step="start")
        raise
    try:
        # The leader's own credential only: their account and their image.
        if profile is None or not profile.remote_account:
            raise SigningError(SignatureErrorCode.NO_REMOTE_ACCOUNT)
        image = read_image(profile.signature_image)
        if image is None:
            raise SigningError(SignatureErrorCode.SIGNATURE_IMAGE_MISSING)
        fields = layout.field_layout(document, pdf, image)
        laid_out = add_signature_fields(pdf, fields) if fields else pdf
        pending = start_remote_signing(
            laid_out,
            remote_service(config),
            user_ref=profile.remote_account,
            field_name=layout.LEADER_FIELD,
            description=f"{document.document_type.name}: {document.summary}"[:200],
            reason="Phê duyệt",
            name=actor.full_name,
            certify=MDPPerm.FILL_FORMS,
            appearance=[actor.full_name],
            visual=Visual(image, Layout.SIGNER),
            config=config,
        )
    except DomainError as error:
        _failed(document, actor, "signing_failed", error, version=version.number, step="start")
        raise
    with transaction.atomic(durable=True):
        document = outgoing._locked(document)
        _as_signer(actor, document)
        PendingSigning.objects.create(
            purpose=layout.PURPOSE,
            object_pk=document.pk,
            revision=version.number,
            signer=actor,
            state=pending.to_json(),
            transaction_id=pending.transaction_id,
            note=text,
            expires_at=pending.expires_at,
        )
        outgoing._audit(
            document,
            actor,
            "signing_started",
            version=version.number,
            transaction=pending.transaction_id,
        )
    return document


def finish_approval_signing(
    *,
    actor: User,
    document: OutgoingDocument,
    config: SignatureConfig | None = None,
    polled: bool = False,
) -> OutgoingDocument:
    """Poll the leader's confirmation once; approve once signed.

    While the leader has not answered the document is returned unchanged
    (still submitted, the pending state kept). So it is while the service
    cannot be reached before the deadline: the signer may still confirm, and
    the next poll asks again; past the deadline that is a time-out.
    `polled`: the background job polls (poll_approval_signings), not the
    leader's click; the leader is then told the outcome by a notification."""
    config = require_config(config)
    row = pending_signing(document)
    if row is None:
        refused = InvalidInput(
            OfficeError.NO_PENDING_SIGNING, _("Văn bản không có yêu cầu ký số nào đang chờ.")
        )
        _failed(document, actor, "signing_failed", refused, step="finish")
        raise refused
    if row.signer_id != actor.pk or actor.pk != document.signer_id:
        error = PermissionDenied(
            OfficeError.PERMISSION_DENIED, _("Chỉ người ký mới hoàn tất được chữ ký của mình.")
        )
        _failed(document, actor, "signing_failed", error, step="finish")
        raise error
    try:
        state = PendingRemoteSignature.from_json(row.state)
        signed = finish_remote_signing(state, remote_service(config), config=config)
    except SigningError as error:
        ended = error
        if error.code == SignatureErrorCode.REMOTE_UNAVAILABLE:
            if timezone.now() < row.expires_at:
                if not polled:
                    _failed(document, actor, "signing_failed", error, step="finish")
                raise
            # Unreachable up to the deadline: the platform stops waiting.
            ended = SigningError(SignatureErrorCode.REMOTE_TIMEOUT, detail="service unreachable")
        # Refused, timed out, or the state is unusable: the request ends,
        # the document stays as it was.
        with transaction.atomic(durable=True):
            locked = outgoing._locked(document)
            PendingSigning.objects.filter(pk=row.pk).delete()
            outgoing._audit(
                locked,
                actor,
                "signing_failed",
                code=str(ended.code),
                step="finish",
                transaction=row.transaction_id,
            )
            if polled:
                outgoing._tell(
                    locked,
                    row.signer,
                    title=_("Yêu cầu ký số không thành công: %(reason)s")
                    % {"reason": ended.message},
                    event=f"signing_ended:{row.transaction_id}",
                )
        if ended is error:
            raise
        raise ended from error
    if signed is None:
        return document
    written: list[OutgoingVersion] = []
    try:
        with transaction.atomic(durable=True):
            document = outgoing._locked(document)
            _as_signer(actor, document)
            locked_row = PendingSigning.objects.select_for_update().filter(pk=row.pk).first()
            latest = outgoing.latest_version(document)
            if locked_row is None or latest is None or latest.number != row.revision:
                raise InvalidInput(
                    OfficeError.NO_PENDING_SIGNING,
                    _("Văn bản không có yêu cầu ký số nào đang chờ."),
                )
            version = _new_version(
                document, actor, signed, _("Bản đã được lãnh đạo ký số"), written
            )
            annex.carry_over(latest, version)
            locked_row.delete()
            outgoing._review(actor, document, outgoing.ReviewAction.APPROVE, row.note)
            outgoing._audit(
                document,
                actor,
                "signed",
                version=version.number,
                signed_version=row.revision,
                transaction=row.transaction_id,
            )
            outgoing._audit(
                document, actor, "review_approve", status=document.status, note=row.note
            )
            if polled:
                outgoing._tell(
                    document,
                    row.signer,
                    title=_("Văn bản đã được ký số và duyệt"),
                    event=f"signed:{row.transaction_id}",
                )
    except BaseException:
        outgoing._remove_files(written)
        raise
    return document


def poll_approval_signings(config: SignatureConfig | None = None) -> dict[str, int]:
    """The background job's pass (tasks.remote_signing_poll): poll every
    leader's waiting signing once, as the leader would by clicking, so a
    confirmation on the phone approves the document without the leader
    coming back, and a refusal or the deadline ends the request and tells
    them. Counts per outcome: signed, waiting, ended, unreachable."""
    config = signature_config() if config is None else config
    counts = dict.fromkeys(("signed", "waiting", "ended", "unreachable"), 0)
    if config is None:
        return counts
    rows = PendingSigning.objects.filter(purpose=layout.PURPOSE).select_related("signer")
    for row in rows.order_by("pk"):
        document = OutgoingDocument.objects.filter(pk=row.object_pk).first()
        if document is None:
            continue
        try:
            document = finish_approval_signing(
                actor=row.signer, document=document, config=config, polled=True
            )
        except DomainError as error:
            unreachable = error.code == SignatureErrorCode.REMOTE_UNAVAILABLE
            counts["unreachable" if unreachable else "ended"] += 1
            continue
        counts["signed" if document.status == OutgoingStatus.APPROVED else "waiting"] += 1
    return counts


def signing_outcome(document: OutgoingDocument) -> str:
    """Why the leader's last signing request ended without a signature (the
    reason in Vietnamese), or "" when it did not end so. Read from the audit
    trail: the request itself is gone once it ends."""
    last = (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(OutgoingDocument),
            target_id=str(document.pk),
            event_type__in=[f"office.outgoing_{name}" for name in SIGNING_EVENTS],
        )
        .order_by("-pk")
        .only("event_type", "details")
        .first()
    )
    if last is None or last.event_type != "office.outgoing_signing_failed":
        return ""
    if last.details.get("step") != "finish":
        return ""
    try:
        return str(MESSAGES[SignatureErrorCode(last.details.get("code"))])
    except ValueError:
        return ""


# ---------------------------------------------------------------- issuing


def seal_for_issue(
    actor: User,
    document: OutgoingDocument,
    version: OutgoingVersion,
    written: list[OutgoingVersion | OutgoingAttachment],
    config: SignatureConfig,
) -> OutgoingVersion:
    """Inside the issuing transaction, after numbering: write the number and
    date, then the organisation's signature with its seal; the sealed PDF is
    a new version, the one issued."""
    seal = UnitSeal.objects.filter(unit=document.body).first()
    image = read_image(seal.image) if seal is not None else None
    if image is None:
        raise SigningError(SignatureErrorCode.SEAL_IMAGE_MISSING)
    backend = seal_backend(config)
    pdf = _read(version)
    assert document.issued_on is not None  # noqa: S101 - numbered just before
    present = text_field_names(pdf)
    values = {
        name: value
        for name, value in (
            (layout.NUMBER_FIELD, document.notation),
            (layout.DATE_FIELD, layout.written_date(document.issued_on)),
        )
        if name in present
    }
    numbered = fill_text_fields(pdf, values) if values else pdf
    now = timezone.now().astimezone(VIETNAM)
    sealed = _sign_seal(
        numbered, backend, document, image, now.strftime("%d/%m/%Y %H:%M:%S"), config
    )
    versions: list[OutgoingVersion] = []
    try:
        sealed_version = _new_version(
            document, actor, sealed, _("Bản phát hành có chữ ký số của cơ quan"), versions
        )
    finally:
        written.extend(versions)
    # After the number is known, like the main file; a failure rolls back the issue.
    attachments = annex.seal_attachments(
        document, version, sealed_version, backend, config, written
    )
    outgoing._audit(
        document,
        actor,
        "sealed",
        version=sealed_version.number,
        fields=sorted(values),
        attachments=attachments,
    )
    # The issued PDF's signatures are validated like any arriving file's,
    # and the statistics count it signed from the verdict (issue 12, point 5).
    request_check(
        purpose=layout.OUTGOING_CHECK,
        object_pk=document.pk,
        file_name=str(sealed_version.file.name),
    )
    return sealed_version


def _sign_seal(
    pdf: bytes,
    backend: SignerBackend,
    document: OutgoingDocument,
    image: bytes,
    when: str,
    config: SignatureConfig,
) -> bytes:
    return sign_pdf(
        pdf,
        backend,
        field_name=layout.ORG_FIELD,
        reason="Phát hành",
        name=document.body.name,
        appearance=[document.body.name, f"{when} +07:00"],
        visual=Visual(image, Layout.SEAL),
        config=config,
    )

"""The organisation's digital signature on a result returned online.

A result the desk returns as an electronic document has the legal value of
the paper original only when it carries the agency's digital signature
(Decree 45/2020/NĐ-CP art. 19 and 25 on results of procedures done online;
Decree 30/2020/NĐ-CP art. 8). Where the deployment configured signing and
a seal key (EGOV_SIGNATURES, docs/signatures.md), a PDF result recorded by
`record_result` is signed with the organisation's server key (an invisible
PAdES B-LT signature, field `KetQua`) before it is stored, validated at
once, and the verdict is kept with it (signatures.SignatureCheck, purpose
`onestop.result`): the public tracking page then says whether the result is
signed and genuine.

A failed signing (key missing, TSA down, revoked certificate) refuses the
whole recording: nothing is stored and the dossier stays as it was; the
attempt is audited on its own (`dossiers.result_signing_failed`).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from egov.onestop.dossiers.models import Dossier
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.signatures.backends import seal_backend
from egov.platform.signatures.checks import record_signed
from egov.platform.signatures.config import signature_config
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.models import SignatureCheck
from egov.platform.signatures.signing import sign_pdf

RESULT_PURPOSE = "onestop.result"
RESULT_FIELD = "KetQua"
RESULT_REASON = "Kết quả giải quyết thủ tục hành chính"


def signing_configured() -> bool:
    config = signature_config()
    return config is not None and config.seal_configured


def sign_result(dossier: Dossier, upload: UploadedFile) -> ContentFile[bytes] | None:
    """The signed PDF to store instead of `upload`, or None where the
    deployment signs nothing. Raises SigningError (nothing written)."""
    config = signature_config()
    if config is None or not config.seal_configured:
        return None
    upload.seek(0)
    pdf = upload.read()
    upload.seek(0)
    signed = sign_pdf(
        pdf,
        seal_backend(config),
        field_name=RESULT_FIELD,
        reason=RESULT_REASON,
        location=dossier.agency.name,
        name=dossier.agency.name,
        config=config,
    )
    # The name check_upload gave the upload: RandomName keeps its extension.
    return ContentFile(signed, name=upload.name or "upload.pdf")


def keep_verdict(dossier: Dossier, signed: ContentFile[bytes]) -> SignatureCheck:
    """Validate the stored signed result and keep the verdict with it."""
    signed.seek(0)
    return record_signed(
        purpose=RESULT_PURPOSE,
        object_pk=dossier.pk,
        file_name=str(dossier.result_file.name),
        pdf=signed.read(),
    )


def audit_failure(actor: User, dossier: Dossier, error: SigningError) -> None:
    """The failed signing, audited after the recording rolled back."""
    with transaction.atomic():
        record_event(
            event_type="dossiers.result_signing_failed",
            actor=actor,
            target=dossier,
            unit=dossier.current_unit or dossier.receiving_unit,
            details={"code": dossier.code, "error": str(error.code)},
        )

"""Trusted roots an administrator manages on /chu-ky-so/chung-thu-goc/.

The national roots are configured by the deployment as files
(EGOV_SIGNATURES["trusted_roots"], never fetched); an administrator may add
another (a sector's root, a new national root before the files are
updated) or remove one they added. Those count only where the deployment
sets "admin_roots": True, so a deployment that wants its trust decided by
files alone keeps it so. Who manages them: a superuser or an administrator
of a unit at the top of the tree (the province): trust is deployment-wide.

Each change is a service function with its audit event in one transaction.
"""

from __future__ import annotations

import hashlib

from asn1crypto import pem, x509
from django.db import transaction
from django.utils import timezone

from egov.platform.accounts.models import Membership, Role, User
from egov.platform.audit.services import record_event

from .errors import SignatureErrorCode, SigningError
from .models import TrustedRoot

MAX_BYTES = 64 * 1024


def can_manage_roots(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, role=Role.ADMINISTRATOR, unit__parent__isnull=True, unit__is_active=True
    ).exists()


def admin_roots() -> list[x509.Certificate]:
    """The roots administrators added, for config.roots()."""
    return [
        x509.Certificate.load(bytes(der))
        for der in TrustedRoot.objects.order_by("pk").values_list("certificate", flat=True)
    ]


def parse_root(data: bytes) -> x509.Certificate:
    """A self-signed CA certificate still valid, from PEM or DER, or SigningError."""
    try:
        if pem.detect(data):
            _kind, _headers, data = pem.unarmor(data)
        certificate = x509.Certificate.load(data)
        certificate.native  # noqa: B018 - parse it all now
        subject, issuer = certificate.subject, certificate.issuer
        is_ca = certificate.ca
        not_after = certificate["tbs_certificate"]["validity"]["not_after"].native
    except (ValueError, TypeError, KeyError) as error:
        raise SigningError(
            SignatureErrorCode.ROOT_NOT_CERTIFICATE, detail=type(error).__name__
        ) from error
    if not is_ca or subject != issuer:
        raise SigningError(SignatureErrorCode.ROOT_NOT_CA)
    if not_after <= timezone.now():
        raise SigningError(SignatureErrorCode.ROOT_EXPIRED)
    return certificate


def add_trusted_root(*, actor: User, data: bytes) -> TrustedRoot:
    if not can_manage_roots(actor):
        raise SigningError(SignatureErrorCode.ROOTS_NOT_ALLOWED)
    if len(data) > MAX_BYTES:
        raise SigningError(SignatureErrorCode.ROOT_NOT_CERTIFICATE, detail="too large")
    certificate = parse_root(data)
    der = certificate.dump()
    fingerprint = hashlib.sha256(der).hexdigest()
    with transaction.atomic(durable=True):
        if TrustedRoot.objects.select_for_update().filter(fingerprint=fingerprint).exists():
            raise SigningError(SignatureErrorCode.ROOT_EXISTS)
        root = TrustedRoot.objects.create(
            name=str(certificate.subject.native.get("common_name", ""))[:255]
            or certificate.subject.human_friendly[:255],
            subject=certificate.subject.human_friendly,
            fingerprint=fingerprint,
            certificate=der,
            valid_until=certificate["tbs_certificate"]["validity"]["not_after"].native,
            added_by=actor,
        )
        record_event(
            event_type="signatures.trusted_root_added",
            actor=actor,
            target=root,
            details={"name": root.name, "fingerprint": fingerprint},
        )
    return root


def remove_trusted_root(*, actor: User, root: TrustedRoot) -> None:
    if not can_manage_roots(actor):
        raise SigningError(SignatureErrorCode.ROOTS_NOT_ALLOWED)
    with transaction.atomic(durable=True):
        locked = TrustedRoot.objects.select_for_update().filter(pk=root.pk).first()
        if locked is None:
            return
        record_event(
            event_type="signatures.trusted_root_removed",
            actor=actor,
            target=locked,
            details={"name": locked.name, "fingerprint": locked.fingerprint},
        )
        locked.delete()

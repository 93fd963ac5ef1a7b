"""Error codes of the exchange between agencies (see egov/platform/core/errors.py).

Stable: the faults go back to the sending agency and the tests rely on the
values; add, never rename. They follow the faults of Estonia's DHX that
DOMAIN.md names (invalid message, invalid signature, unknown addressee...).
"""

from __future__ import annotations

from enum import StrEnum


class ExchangeError(StrEnum):
    # Not well-formed XML (or a forbidden construct: DTD, entities).
    NOT_WELL_FORMED = "exchange_not_well_formed"
    # Well-formed XML, but not an edXML message of QCVN 102:2016.
    NOT_EDXML = "exchange_not_edxml"
    # A field the standard requires is missing or empty.
    MISSING_FIELD = "exchange_missing_field"
    # A field has a value of the wrong form (a date, a number, a code).
    INVALID_FIELD = "exchange_invalid_field"
    # The manifest and the attachments do not match (a content id missing on
    # one side, or twice), or an attachment is not valid base64.
    ATTACHMENT_MISMATCH = "exchange_attachment_mismatch"
    # An attachment's content is not valid base64.
    ATTACHMENT_INVALID = "exchange_attachment_invalid"
    # The message carries no XML signature.
    SIGNATURE_MISSING = "exchange_signature_missing"  # noqa: S105 - an error code
    # The XML signature does not verify: the message was changed after signing.
    SIGNATURE_INVALID = "exchange_signature_invalid"  # noqa: S105 - an error code
    # The signature verifies, but its certificate is not trusted here.
    SIGNATURE_UNTRUSTED = "exchange_signature_untrusted"  # noqa: S105 - an error code
    # An agencies list to import has rows that cannot be taken (the details
    # list each row's line and reason); nothing of the file is written.
    DIRECTORY_INVALID = "exchange_directory_invalid"
    # Delivery faults (transport, hub, receiver). A sender retries none of
    # them except NO_ROUTE; DUPLICATE means the message is already there.
    # The message's edXML version is not one this platform reads (QCVN 102:2016).
    UNSUPPORTED_VERSION = "exchange_unsupported_version"
    # The consignment id was seen before: the message is dropped, once delivered.
    DUPLICATE = "exchange_duplicate"
    # The message's To names no agency the receiver or the hub serves.
    UNKNOWN_ADDRESSEE = "exchange_unknown_addressee"
    # The message is larger than EXCHANGE_MAX_MESSAGE_MB.
    TOO_LARGE = "exchange_too_large"
    # A status message about a document this agency never sent to its sender.
    UNKNOWN_DOCUMENT = "exchange_unknown_document"
    # No transport reaches the addressee (no hub configured): retried later.
    NO_ROUTE = "exchange_no_route"
    # The hub refused the caller's token, or its agency is not the caller's.
    NOT_ALLOWED = "exchange_not_allowed"
    # The received document was already registered or refused.
    ALREADY_HANDLED = "exchange_already_handled"
    # A refusal needs its reason (status 02 carries it to the sender).
    REASON_REQUIRED = "exchange_reason_required"
    # An outside agency entered on the directory page cannot be taken (the message says why).
    AGENCY_INVALID = "exchange_agency_invalid"
    # Only the deployment's administrators change the directory.
    DIRECTORY_DENIED = "exchange_directory_denied"

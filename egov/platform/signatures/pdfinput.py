"""Checking that bytes are a readable, unencrypted PDF, before signing them.

Signing and validation both start here, so that a file that is not a PDF,
is encrypted or is corrupt is refused with its own code before pyHanko
produces anything (issue 12: never half-signed).
"""

from __future__ import annotations

from io import BytesIO

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from .errors import SignatureErrorCode, SigningError

# ISO 32000 lets the header sit within the first 1024 bytes.
HEADER_WINDOW = 1024


def read_pdf(pdf: bytes) -> PdfFileReader:
    """A reader on a PDF that can be signed, or SigningError."""
    if b"%PDF-" not in pdf[:HEADER_WINDOW]:
        raise SigningError(SignatureErrorCode.NOT_PDF)
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        if reader.encrypted:
            raise SigningError(SignatureErrorCode.ENCRYPTED_PDF)
        # Walk the page tree: a broken xref or object shows here, not when
        # the signature's incremental update is being written.
        pages = reader.root["/Pages"]
        count = int(pages["/Count"])
        for index in range(count):
            reader.find_page_for_modification(index)  # type: ignore[no-untyped-call]
    except SigningError:
        raise
    except (PdfError, KeyError, ValueError, TypeError, IndexError, AttributeError) as error:
        raise SigningError(SignatureErrorCode.CORRUPT_PDF, detail=str(error)[:200]) from error
    return reader


def page_count(reader: PdfFileReader) -> int:
    return int(reader.root["/Pages"]["/Count"])

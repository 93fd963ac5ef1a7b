"""Error codes of document conversion (see egov/platform/core/errors.py)."""

from __future__ import annotations

from enum import StrEnum


class ConversionError(StrEnum):
    # LibreOffice is not installed on this server.
    CONVERTER_UNAVAILABLE = "converter_unavailable"
    # LibreOffice could not read the file or wrote no PDF.
    CONVERSION_FAILED = "conversion_failed"
    # The conversion or the OCR ran past its time limit and was stopped.
    CONVERSION_TIMEOUT = "conversion_timeout"
    # ocrmypdf or Tesseract's Vietnamese model is not installed.
    OCR_UNAVAILABLE = "ocr_unavailable"
    # ocrmypdf could not read the file.
    OCR_FAILED = "ocr_failed"

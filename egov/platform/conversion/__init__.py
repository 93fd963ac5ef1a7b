"""Document conversion with real system tools: DOCX to PDF and OCR.

LibreOffice (headless) turns a drafted DOCX into the PDF that is reviewed,
signed and issued; ocrmypdf with Tesseract's Vietnamese model gives a scanned
paper document a text layer so that search finds it. Both are Debian packages
listed in deploy/debian-packages.txt. A machine without them still runs: the
`*_available()` checks let pages say the feature is unavailable, and the
functions raise a DomainError with a stable code instead of failing later.

The functions are synchronous and bounded by a time limit; callers run them in
a background job (egov.platform.jobs), never in a request.
"""

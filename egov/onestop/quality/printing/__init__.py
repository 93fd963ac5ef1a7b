"""An edition of a quality procedure as a printable PDF."""

from __future__ import annotations

from pathlib import Path

from egov.platform.printing import PdfRenderer

renderer = PdfRenderer(Path(__file__).resolve().parent / "templates")

"""The document office's fixtures: the province's abbreviations and its document types."""

from __future__ import annotations

import pytest

from egov.conftest import Province
from egov.office.documents.models import DocumentType, UnitAbbreviation


@pytest.fixture
def abbreviations(province: Province) -> Province:
    """Tỉnh Tây Ninh signs as UBND; Sở Tư pháp drafts as STP."""
    UnitAbbreviation.objects.create(unit=province.province, abbreviation="UBND")
    UnitAbbreviation.objects.create(unit=province.justice, abbreviation="STP")
    UnitAbbreviation.objects.create(unit=province.centre, abbreviation="VP")
    return province


def doc_type(abbreviation: str) -> DocumentType:
    return DocumentType.objects.get(abbreviation=abbreviation)


def letter() -> DocumentType:
    return DocumentType.objects.get(is_letter=True)

"""The document office's fixtures, shared with its tests."""

from egov.office.documents.tests.conftest import abbreviations, media, office
from egov.office.documents.tests.outgoing_fixtures import drafting_fixture

__all__ = ["abbreviations", "drafting_fixture", "media", "office"]

"""Error codes of the synthetic data generator.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class SyntheticError(StrEnum):
    # No procedure of the province has an internal process to route dossiers.
    NO_ROUTES = "no_routes"
    # The province has no service centre with an agency code.
    NO_SERVICE_CENTRE = "no_service_centre"
    # No province has this statistical code.
    PROVINCE_NOT_FOUND = "province_not_found"
    # The seeds' figures: no agency of the province has this identifier.
    AGENCY_NOT_FOUND = "agency_not_found"
    # The seeds' figures: no dossier of a day could be made on time and returned in the window.
    NOT_ON_TIME = "not_on_time"

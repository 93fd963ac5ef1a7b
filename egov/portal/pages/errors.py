"""Error codes of the portal (see egov/platform/core/errors.py)."""

from __future__ import annotations

from enum import StrEnum


class PortalError(StrEnum):
    # A unit has one site; creating a second is refused.
    SITE_EXISTS = "portal_site_exists"
    # The province's portal hangs on the province (a unit without parent).
    NOT_PROVINCE = "portal_not_province"

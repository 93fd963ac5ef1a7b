"""Error codes of the portal (see egov/platform/core/errors.py)."""

from __future__ import annotations

from enum import StrEnum


class PortalError(StrEnum):
    # A unit has one site; creating a second is refused.
    SITE_EXISTS = "portal_site_exists"
    # The province's portal hangs on the province (a unit without parent).
    NOT_PROVINCE = "portal_not_province"
    # The API asked for a page that is not live and public, or for no page.
    PAGE_NOT_FOUND = "portal_page_not_found"
    # The API's page list filtered by a page type that does not exist.
    UNKNOWN_PAGE_TYPE = "portal_unknown_page_type"
    # The API's search query is longer than the search page takes.
    QUERY_TOO_LONG = "portal_query_too_long"
    # The unit has no site of its own to name editors to.
    SITE_NOT_FOUND = "portal_site_not_found"
    # The account already has this capacity on the site.
    SITE_EDITOR_EXISTS = "portal_site_editor_exists"
    # No such direct naming (or not in the administrator's subtree).
    SITE_EDITOR_NOT_FOUND = "portal_site_editor_not_found"

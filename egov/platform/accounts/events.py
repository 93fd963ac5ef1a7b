"""The events the accounts publish (see egov/platform/core/events.py).

- `RoleChanged` (published by `grant_role` and `revoke_role`): the portal's
  site of that unit brings its editors' and approvers' groups in line with
  the unit's roles at once (egov/portal/pages/subscribers.py, after commit),
  so a unit administrator manages their site's editors through roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from egov.platform.accounts.models import User


@dataclass(frozen=True)
class RoleChanged:
    """A role was granted or revoked in a unit; its audit row is written."""

    user_id: int
    unit_id: int
    role: str
    granted: bool
    actor: User | None

"""The one answer to "how much does this procedure cost here, this way?".

The apply page, the desk and the payment request all read `fee_quote`, so
what a citizen is shown is what the bank is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from egov.onestop.procedures.models import CouncilFee, Procedure
from egov.platform.organisation.models import Unit


@dataclass(frozen=True)
class FeeQuote:
    # Phí and lệ phí in đồng; None while a council-set amount is not entered.
    fee_vnd: int | None
    charge_vnd: int | None
    # Set by the provincial council (HĐND) rather than a national rule.
    by_council: bool
    # The council's resolution the amounts come from ("" for national rules).
    resolution: str = ""

    @property
    def is_set(self) -> bool:
        return self.fee_vnd is not None and self.charge_vnd is not None

    @property
    def total_vnd(self) -> int | None:
        if self.fee_vnd is None or self.charge_vnd is None:
            return None
        return self.fee_vnd + self.charge_vnd


def _unit_chain(unit: Unit) -> list[int]:
    """The unit's ancestors and itself, root first (its materialised path)."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return ids or [unit.pk]


def _pick(direct: int, online: int | None, *, is_online: bool) -> int:
    return online if is_online and online is not None else direct


def fee_quote(procedure: Procedure, *, online: bool, agency: Unit | None) -> FeeQuote:
    """Fees and charges of `procedure` submitted `online` (or not) to `agency`.

    A council-set procedure takes the entry of the agency's nearest unit
    (itself, then its parents up to the province): one query. Without an
    agency or an entry the amount is not set (None), never "free".
    """
    if not procedure.fee_set_by_council:
        return FeeQuote(
            fee_vnd=_pick(procedure.fee_vnd, procedure.fee_online_vnd, is_online=online),
            charge_vnd=_pick(procedure.charge_vnd, procedure.charge_online_vnd, is_online=online),
            by_council=False,
        )
    if agency is None:
        return FeeQuote(fee_vnd=None, charge_vnd=None, by_council=True)
    chain = _unit_chain(agency)
    entries = {
        entry.unit_id: entry
        for entry in CouncilFee.objects.filter(procedure=procedure, unit_id__in=chain)
    }
    for unit_id in reversed(chain):
        entry = entries.get(unit_id)
        if entry is not None:
            return FeeQuote(
                fee_vnd=_pick(entry.fee_vnd, entry.fee_online_vnd, is_online=online),
                charge_vnd=_pick(entry.charge_vnd, entry.charge_online_vnd, is_online=online),
                by_council=True,
                resolution=entry.resolution,
            )
    return FeeQuote(fee_vnd=None, charge_vnd=None, by_council=True)

"""Entering the amounts a provincial council (HĐND) sets for a procedure.

Luật Phí và lệ phí 2015, Điều 21 khoản 2: the provincial council decides
many local fees (e.g. lệ phí hộ tịch, Thông tư 85/2019/TT-BTC Điều 5); the
administrator enters its resolution's amounts per province or agency.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.events import ProcedureChanged
from egov.onestop.procedures.errors import ProcedureError
from egov.onestop.procedures.models import CouncilFee, Procedure
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput
from egov.platform.core.events import publish
from egov.platform.organisation.models import Unit


@transaction.atomic
def set_council_fee(
    *,
    actor: User | None,
    procedure: Procedure,
    unit: Unit,
    fee_vnd: int,
    charge_vnd: int,
    resolution: str,
    fee_online_vnd: int | None = None,
    charge_online_vnd: int | None = None,
) -> CouncilFee:
    """Create or replace the council's amounts for `procedure` in `unit`'s subtree."""
    if not procedure.fee_set_by_council:
        raise InvalidInput(
            ProcedureError.INVALID_FEE,
            _("Mức thu của thủ tục này không do Hội đồng nhân dân tỉnh quyết định."),
        )
    amounts = [fee_vnd, charge_vnd, fee_online_vnd or 0, charge_online_vnd or 0]
    if min(amounts) < 0:
        raise InvalidInput(ProcedureError.NEGATIVE_FEE, _("Phí, lệ phí không được âm."))
    if not resolution.strip():
        raise InvalidInput(
            ProcedureError.INVALID_FEE,
            _("Hãy ghi số, ngày nghị quyết của Hội đồng nhân dân quy định mức thu."),
        )
    entry, _created = CouncilFee.objects.update_or_create(
        procedure=procedure,
        unit=unit,
        defaults={
            "fee_vnd": fee_vnd,
            "charge_vnd": charge_vnd,
            "fee_online_vnd": fee_online_vnd,
            "charge_online_vnd": charge_online_vnd,
            "resolution": resolution.strip(),
        },
    )
    record_event(
        event_type="procedures.council_fee_set",
        actor=actor,
        target=entry,
        details={
            "procedure": procedure.code,
            "unit": unit.pk,
            "fee_vnd": fee_vnd,
            "charge_vnd": charge_vnd,
            "fee_online_vnd": fee_online_vnd,
            "charge_online_vnd": charge_online_vnd,
            "resolution": entry.resolution,
        },
    )
    publish(ProcedureChanged(procedure=procedure, actor=actor))
    return entry

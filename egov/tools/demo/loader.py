"""Load the demo province once; later runs find it and change nothing."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from egov.onestop.eforms.demo_forms import load_demo_forms
from egov.onestop.procedures.council_fees import set_council_fee
from egov.onestop.procedures.importers import load_demo_catalogue
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import User
from egov.platform.accounts.services import create_account, grant_role, make_platform_operator
from egov.platform.organisation.importers import import_province
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.services import create_unit, update_unit
from egov.tools.demo.data import (
    DEMO_ACCOUNTS,
    DEMO_COMMUNES,
    DEMO_COUNCIL_FEES,
    DEMO_COUNCIL_RESOLUTION,
    DEMO_PASSWORD,
    PROVINCE_AGENCY_CODE,
    PROVINCE_CODE,
    PROVINCIAL_UNITS,
)
from egov.tools.demo.desk import load_demo_processes
from egov.tools.demo.quality import load_demo_quality


def demo_loaded() -> bool:
    return User.objects.filter(username=DEMO_ACCOUNTS[0].username).exists()


@transaction.atomic
def load_demo(*, reference_dir: Path) -> bool:
    """Load Tây Ninh and the demo people. Returns False if already loaded."""
    if demo_loaded():
        return False
    import_province(province_code=PROVINCE_CODE, source_dir=reference_dir / "admin-units")
    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code=PROVINCE_CODE)
    province = update_unit(actor=None, unit=province, agency_code=PROVINCE_AGENCY_CODE)
    units: dict[str, Unit] = {"province": province}
    for spec in PROVINCIAL_UNITS:
        units[spec.key] = create_unit(
            actor=None,
            name=spec.name,
            kind=spec.kind,
            parent=units[spec.parent],
            agency_code=spec.agency_code,
        )
    for stat_code, agency_code in DEMO_COMMUNES.items():
        commune = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code=stat_code)
        commune = update_unit(actor=None, unit=commune, agency_code=agency_code)
        units[stat_code] = commune
        # The centre's identifier extends the commune's (QCVN 102 level 4).
        centre_code = agency_code.replace("000.", "001.", 1)
        units[f"centre:{stat_code}"] = create_unit(
            actor=None,
            name=f"Trung tâm Phục vụ hành chính công {commune.name.lower()[:1]}{commune.name[1:]}",
            kind=UnitKind.SERVICE_CENTRE,
            parent=commune,
            agency_code=centre_code,
        )
    load_demo_catalogue()
    for procedure in Procedure.objects.filter(code__in=DEMO_COUNCIL_FEES):
        fee_vnd, charge_vnd = DEMO_COUNCIL_FEES[procedure.code]
        set_council_fee(
            actor=None,
            procedure=procedure,
            unit=province,
            fee_vnd=fee_vnd,
            charge_vnd=charge_vnd,
            resolution=DEMO_COUNCIL_RESOLUTION,
        )
    load_demo_forms()
    load_demo_processes(units, [units[code] for code in DEMO_COMMUNES])
    for account in DEMO_ACCOUNTS:
        user = create_account(
            actor=None,
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=account.full_name,
            kind=account.kind,
            email=account.email,
            phone=account.phone,
            id_number=account.id_number,
        )
        if account.superuser:
            make_platform_operator(actor=None, user=user)
        for unit_key, role in account.roles:
            grant_role(actor=None, user=user, unit=units[unit_key], role=role)
    load_demo_quality(units["27694"], User.objects.get(username="lanhdao.longan"))
    return True

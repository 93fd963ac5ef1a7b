"""The demo's one-stop desk: a standard internal process for every procedure.

Commune procedures get a process at each demo commune; provincial ones at the
department that decides them in the demo. NOT VERIFIED: real provinces adopt
their own processes by decision of the chairman; these are the common
4-step template (reception → specialist → leader → return).
"""

from __future__ import annotations

from egov.onestop.procedures.models import Procedure, ProcedureLevel
from egov.onestop.procedures.processes import save_process, standard_definition
from egov.platform.organisation.models import Unit

# Which demo department decides each provincial field. Judicial records
# moved to the provincial police in 2025; the demo has no police unit, so
# Sở Tư pháp stands in for it.
PROVINCIAL_FIELDS = {"Đất đai": "snnmt", "Lý lịch tư pháp": "stp"}


def load_demo_processes(units: dict[str, Unit], communes: list[Unit]) -> int:
    count = 0
    for procedure in Procedure.objects.select_related("field").order_by("code"):
        if procedure.level == ProcedureLevel.COMMUNE:
            agencies = communes
        else:
            key = PROVINCIAL_FIELDS.get(procedure.field.name)
            agencies = [units[key]] if key else []
        for agency in agencies:
            definition = standard_definition(
                procedure, agency=agency, specialist_unit=agency, leader_unit=agency
            )
            save_process(actor=None, procedure=procedure, agency=agency, definition=definition)
            count += 1
    return count

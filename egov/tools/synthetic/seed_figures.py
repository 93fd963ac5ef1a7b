"""The seeds' figure in the demo (issue 15, item 4): a commune's year, 1,979 dossiers all on time.

The seed ../shared/seeds/004_5e0c575b901cf24c.txt (the news page of UBND
huyện Chợ Gạo, Tiền Giang, 09/04/2021, on the year 2020) states it:

    "tỷ lệ hồ sơ được cập nhật và xử lý trên phần mềm [...] là 1.979 hồ sơ.
    Tỷ lệ hồ sơ giải quyết và trả kết quả (đúng hẹn và trước hẹn) là 1.979
    hồ sơ, đạt tỉ lệ 100%."

Districts were abolished on 1 July 2025, so the figure is given to a
commune of the demo province, for the last calendar year ("trong năm qua"):
Xã Cần Đước, which no other demo data touches. It gets an agency
identifier (a placeholder, as the demo's others), a service centre and the
demo's standard process for every commune procedure, then 1,979 dossiers
received at its centre over the year's working days, every one accepted,
finished early or on time and returned within the year. They are written
by the synthetic generator itself (`generate` with `window`, `agency` and
`all_on_time`): the same lives, documents, payments, ratings and portal
outbox rows as any other synthetic dossier, so every page and export reads
them as it reads the rest.

On the pages (year `Y` = last year, unit Xã Cần Đước): the statistics
1,979 received, 1,979 resolved, 100% early or on time; the indicator
"on time" 1979/1979, 100%, 20.00 of 20 points; the same in the exports and
the register (form 07). The other indicators take whatever the synthetic
shares give (NOT the seed's: it states no other figure).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from egov.onestop.procedures.models import Procedure, ProcedureLevel
from egov.onestop.procedures.processes import save_process, standard_definition
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.services import create_unit, update_unit
from egov.tools.demo.data import PROVINCE_CODE
from egov.tools.synthetic.generator import Options, generate
from egov.tools.synthetic.models import SyntheticBatch

SEED_SOURCE = "../shared/seeds/004_5e0c575b901cf24c.txt"
SEED_DOSSIERS = 1979
# Xã Cần Đước (1027/CTK-CSCL). NOT VERIFIED: the identifiers follow the
# demo's QCVN 102:2016 placeholders (egov/tools/demo/data.py), not the ones
# the province was assigned.
SEED_COMMUNE = "28108"
SEED_AGENCY_CODE = "000.06.30.H53"
SEED_CENTRE_CODE = "001.06.30.H53"
# The generator's random seed for this commune: repeatable figures.
RANDOM_SEED = 1979


@dataclass(frozen=True)
class SeedCommune:
    commune: Unit
    centre: Unit
    first: date
    last: date
    batch: SyntheticBatch


def seed_period(today: date) -> tuple[date, date]:
    """The last calendar year before `today`'s."""
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


def load_seed_commune(*, today: date) -> SeedCommune:
    """Set up Xã Cần Đước and write its year of dossiers (once: the demo's first load)."""
    commune = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code=SEED_COMMUNE)
    commune = update_unit(actor=None, unit=commune, agency_code=SEED_AGENCY_CODE)
    centre = create_unit(
        actor=None,
        name=f"Trung tâm Phục vụ hành chính công {commune.name.lower()[:1]}{commune.name[1:]}",
        kind=UnitKind.SERVICE_CENTRE,
        parent=commune,
        agency_code=SEED_CENTRE_CODE,
    )
    # As the demo communes (egov/tools/demo/desk.py): the standard process.
    for procedure in Procedure.objects.filter(level=ProcedureLevel.COMMUNE).order_by("code"):
        definition = standard_definition(
            procedure, agency=commune, specialist_unit=commune, leader_unit=commune
        )
        save_process(actor=None, procedure=procedure, agency=commune, definition=definition)
    first, last = seed_period(today)
    batch = generate(
        Options(
            dossiers=SEED_DOSSIERS,
            years=1,
            province=PROVINCE_CODE,
            seed=RANDOM_SEED,
            window=(first, last),
            agency=SEED_AGENCY_CODE,
            all_on_time=True,
        )
    )
    return SeedCommune(commune, centre, first, last, batch)

"""Reads the forms need: the definition of a procedure, the communes to choose from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from egov.onestop.eforms.models import FormDefinition
from egov.onestop.procedures.models import Procedure
from egov.onestop.procedures.text import fold
from egov.platform.organisation.models import Unit, UnitKind


@dataclass(frozen=True)
class UnitGroup:
    """The communes of one province (or other parent), for an <optgroup>."""

    label: str
    options: list[tuple[int, str]] = field(default_factory=list)


def definition_for(procedure: Procedure) -> FormDefinition | None:
    return FormDefinition.objects.filter(procedure=procedure).first()


def commune_choices() -> list[UnitGroup]:
    """Active communes (xã, phường, đặc khu) grouped by their parent, by name."""
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, is_active=True).select_related("parent")
    groups: dict[str, UnitGroup] = {}
    for unit in sorted(communes, key=lambda u: (fold(_parent_name(u)), fold(u.name))):
        label = _parent_name(unit)
        groups.setdefault(label, UnitGroup(label=label)).options.append((unit.pk, unit.name))
    return list(groups.values())


def _parent_name(unit: Unit) -> str:
    return unit.parent.name if unit.parent is not None else ""


def active_commune_ids(ids: Iterable[int]) -> set[int]:
    return set(
        Unit.objects.filter(pk__in=list(ids), kind=UnitKind.COMMUNE, is_active=True).values_list(
            "pk", flat=True
        )
    )

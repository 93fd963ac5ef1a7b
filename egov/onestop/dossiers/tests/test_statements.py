"""Queries compiled once and run again: the same rows and instances as the ORM's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, Handover
from egov.onestop.dossiers.services.statements import Compiled, insert
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.procedures.models import ProcessStep, StepTransition
from egov.platform.accounts.models import Membership
from egov.platform.audit.models import AuditEvent, AuditEventImmutable

pytestmark = pytest.mark.django_db

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

_STEPS = Compiled(
    lambda process, key: (
        ProcessStep.objects.filter(process_id=process, key=key)
        .select_related("process__procedure", "unit", "external_agency")
        .order_by("position")
    ),
    int,
    str,
)
_LOCKED = Compiled(lambda pk: Dossier.objects.select_for_update().filter(pk=pk).order_by(), int)
_ROLES = Compiled(
    lambda user: (
        Membership.objects.filter(user_id=user).order_by("pk").values_list("unit__path", "role")
    ),
    int,
)


def test_instances_are_those_of_the_queryset_with_their_relations(desk: Desk) -> None:
    for _run in range(2):  # compiled on the first run, reused on the second
        found = _STEPS.all(desk.process.pk, "step_2")
        expected = list(
            ProcessStep.objects.filter(process=desk.process, key="step_2").select_related(
                "process__procedure", "unit", "external_agency"
            )
        )

        assert found == expected
        step = found[0]
        assert step.position == 2 and step.allowance_hours == expected[0].allowance_hours
        assert step._state.adding is False and step._state.db == "default"
        # the relations came with the row: no query to reach them
        assert ProcessStep.process.is_cached(step)
        assert step.process.procedure == desk.procedure
        assert step.unit == desk.specialist_step.unit
        assert step.external_agency is None


def test_other_values_other_rows(desk: Desk) -> None:
    assert [s.key for s in _STEPS.all(desk.process.pk, "step_1")] == ["step_1"]
    assert _STEPS.all(desk.process.pk, "no-such-step") == []
    assert _STEPS.first(desk.process.pk + 1000, "step_1") is None


def test_values_lists_give_tuples(cast: Cast, province: Province) -> None:
    expected = list(
        Membership.objects.filter(user=cast.reception)
        .order_by("pk")
        .values_list("unit__path", "role")
    )

    assert _ROLES.rows(cast.reception.pk) == expected
    with pytest.raises(TypeError):
        _ROLES.all(cast.reception.pk)


@pytest.mark.django_db(transaction=True)
def test_a_locking_read_needs_a_transaction(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)
    with transaction.atomic():
        assert _LOCKED.all(dossier.pk) == [dossier]

    with pytest.raises(TransactionManagementError):
        _LOCKED.all(dossier.pk)


def test_values_must_be_parameters_of_the_query() -> None:
    # A value the query transforms (here: startswith) cannot be found again.
    compiled = Compiled(
        lambda name: StepTransition.objects.filter(step__name__startswith=name), str
    )

    with pytest.raises(ValueError, match="not among its parameters"):
        compiled.all("Thẩm định")
    with pytest.raises(TypeError):
        _STEPS.all(1)


def test_an_insert_writes_what_save_writes(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(desk, cast, province)

    def handover(note: str) -> Handover:
        return Handover(
            dossier=dossier,
            action="forward",
            from_step=desk.reception_step,
            to_step=desk.specialist_step,
            from_user=cast.reception,
            to_unit=province.long_an,
            note=note,
            at=AT,
        )

    saved, inserted, again = handover("saved"), handover("inserted"), handover("again")
    saved.save(force_insert=True)
    insert(inserted)
    insert(again)  # compiled on the first insert, reused

    assert inserted.pk is not None and again.pk is not None
    assert inserted._state.adding is False and inserted._state.db == "default"
    columns = [f.attname for f in Handover._meta.concrete_fields if f.attname not in ("id", "note")]
    rows = {h.note: h for h in Handover.objects.filter(pk__in=[saved.pk, inserted.pk, again.pk])}
    for name in columns:
        assert getattr(rows["inserted"], name) == getattr(rows["saved"], name), name
    assert rows["again"].pk == again.pk


def test_an_insert_leaves_a_model_with_its_own_save_to_it(desk: Desk) -> None:
    event = AuditEvent(event_type="test.inserted", target_type_id=1, target_id="1")

    insert(event)  # AuditEvent.save() runs (it refuses changes): no error for a new row

    assert AuditEvent.objects.filter(pk=event.pk, event_type="test.inserted").exists()
    with pytest.raises(AuditEventImmutable):
        insert(event)  # not new any more: its own save() refuses

"""The query counts of "Nộp hồ sơ" (save the page's input, then submit).

Pinned so that a second read of what the draft's save already read shows up
here. The content-type and calendar caches are warmed and one application is
submitted first, so the counted one is not the day's first.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Province
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.portal.models import Application, ApplicationStatus
from egov.onestop.portal.services import save_and_submit, save_draft, submit_application
from egov.onestop.portal.tests.conftest import FORM_DATA, Online, pdf, submit
from egov.platform.accounts.models import User
from egov.platform.workcalendar.deadlines import WorkingCalendar

# A new application with two uploads, on SQLite inside the test's
# transaction: savepoint; the procedure; the profile, the home unit and the
# deciding agencies (the agency check); the procedure's documents; the
# application; per upload its row (get_or_create: read, savepoint, insert,
# release) and its file (update); the "draft_saved" event. The submission
# goes on from what the save read (before, it read 9 more: its own
# savepoint and release, the draft again under its lock, the procedure, the
# agency check's three, the documents, the profile for the applicant): the
# e-form, the files, the service centre; register_dossier (21, from
# egov/onestop/dossiers/services/reception.py, its outbox row and the notifications it
# queues: update this number when those change); the application's update,
# the "application_submitted" event; release. Each of the three audit events
# adds two queries (the chain head's lock and its update).
NEW_APPLICATION_QUERIES = 51
# A saved draft with one of the two documents: the application is read
# under its lock instead of inserted, and the document already attached
# needs no insert (2 fewer; 48 before the submission read nothing again).
SAVED_DRAFT_QUERIES = 49


def _warm(online: Online, citizen: User, province: Province) -> None:
    submit(online, citizen, province)
    WorkingCalendar.load()
    ContentType.objects.get_for_model(Dossier)
    ContentType.objects.get_for_model(Application)


def _save_and_submit(
    online: Online, citizen: User, province: Province, application: Application | None
) -> Dossier:
    documents = online.desk.documents
    return save_and_submit(
        actor=citizen,
        procedure=online.desk.procedure,
        application=application,
        agency=province.long_an,
        form_data=FORM_DATA,
        uploads={documents[0].pk: pdf("to-khai.pdf"), documents[1].pk: pdf()},
    )


def test_save_and_submit_query_count_for_a_new_application(
    online: Online,
    citizen: User,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    _warm(online, citizen, province)

    with django_assert_num_queries(NEW_APPLICATION_QUERIES):
        dossier = _save_and_submit(online, citizen, province, None)

    assert dossier.status == DossierStatus.NEW
    assert Application.objects.get(dossier=dossier).status == ApplicationStatus.SUBMITTED


def test_save_and_submit_query_count_for_a_saved_draft(
    online: Online,
    citizen: User,
    province: Province,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    _warm(online, citizen, province)
    draft = save_draft(
        actor=citizen,
        procedure=online.desk.procedure,
        application=None,
        agency=province.long_an,
        form_data={},
        uploads={online.desk.documents[0].pk: pdf("nhap.pdf")},
    )

    with django_assert_num_queries(SAVED_DRAFT_QUERIES):
        dossier = _save_and_submit(online, citizen, province, draft)

    draft.refresh_from_db()
    assert (draft.status, draft.dossier, draft.form_data) == (
        ApplicationStatus.SUBMITTED,
        dossier,
        FORM_DATA,
    )
    assert dossier.documents.filter(received=True).count() == 2


def test_a_saved_draft_can_be_submitted_on_its_own(
    online: Online, citizen: User, province: Province
) -> None:
    # Given a complete draft saved earlier
    documents = online.desk.documents
    draft = save_draft(
        actor=citizen,
        procedure=online.desk.procedure,
        application=None,
        agency=province.long_an,
        form_data=FORM_DATA,
        uploads={documents[0].pk: pdf("to-khai.pdf"), documents[1].pk: pdf()},
    )
    # When it is submitted without saving it again
    dossier = submit_application(actor=citizen, application=draft)
    # Then the dossier is registered from what the draft holds
    draft.refresh_from_db()
    assert (draft.status, draft.dossier, draft.form_version) == (
        ApplicationStatus.SUBMITTED,
        dossier,
        1,
    )
    assert (dossier.status, dossier.form_data, dossier.applicant_name) == (
        DossierStatus.NEW,
        FORM_DATA,
        "Trần Văn An",
    )
    assert sorted(dossier.documents.filter(received=True).values_list("name", flat=True)) == [
        "Giấy chứng sinh",
        "Tờ khai đăng ký khai sinh",
    ]

"""Every route, called by those who must not get through (issue 16).

The routes come from the URL configuration and the API's OpenAPI document,
so a route added later is called too: it must be given a policy below, or
this test fails and says so. Each route is called, GET and POST (the API:
its own methods, with a body that passes validation where one can be built
from the schema), by three callers who have no business with the target: an
anonymous visitor, a citizen who does not own the dossier, and a specialist
of another commune. The target is a dossier of Phường Long An, applied
online by another citizen, with its files, a consultation, a notification
and an export of another officer.

For each call: no server error; a denial where the policy says so; the
target dossier's code in no answer to a caller who may not see it; and no
change to the data (dossiers, audit trail, jobs, notifications, e-mails).
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from egov.api import api
from egov.conftest import Cast, Province, make_staff
from egov.office.documents.models import (
    DocumentAction,
    DocumentType,
    Holder,
    IncomingAttachment,
    IncomingDocument,
    OutgoingDocument,
    OutgoingStep,
    OutgoingVersion,
)
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.services.incoming import Arrival, register_incoming
from egov.office.documents.services.outgoing import Draft, create_draft, send_outgoing
from egov.office.exchange.models import HubMessage, OutboundMessage, ReceivedDocument
from egov.office.schedule.models import ScheduleEntry, WeeklySchedule
from egov.office.schedule.services import EntryData, add_entry
from egov.office.workfiles.models import FileList, WorkFile, WorkFileItem
from egov.office.workfiles.services import (
    Entry,
    add_list_entry,
    add_note,
    approve_list,
    open_file,
)
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.services import accept_dossier, consult
from egov.onestop.dossiers.tests.conftest import Desk, desk  # noqa: F401 - the fixture
from egov.onestop.dossiers.views.actions import HANDLERS
from egov.onestop.portal.tests.conftest import (  # noqa: F401 - fixtures
    PDF,
    Online,
    citizen,
    media,
    online,
    other,
    submit,
)
from egov.onestop.quality.audits import services as audits
from egov.onestop.quality.models import QualityProcedure
from egov.onestop.quality.records.services import open_register
from egov.onestop.quality.services import propose_edition
from egov.onestop.reports.tasks import EXPORT_TASK
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.jobs.heartbeat import beat
from egov.platform.jobs.models import Job
from egov.platform.jobs.queue import enqueue
from egov.platform.notifications.models import Notification, OutboundEmail
from egov.voice.complaints.models import Channel as PetitionChannel
from egov.voice.complaints.models import Handler, Petition, PetitionStep
from egov.voice.complaints.services import record_petition
from egov.voice.complaints.tests.conftest import letter
from egov.voice.feedback.models import Channel, Feedback, FeedbackStep
from egov.voice.feedback.services import send_feedback
from egov.voice.feedback.tests.conftest import anonymous_submission, photo
from egov.voice.reception.models import Reception, ReceptionDay
from egov.voice.reception.services import Visit, record_reception

# Who may reach a route without being the target's owner or staff of its unit.
PUBLIC = "public"  # anyone: the answer must simply not fail
SIGNED_IN = "signed-in"  # any account sees its own (empty) page: anonymous is denied
OBJECT = "object"  # about the target: all three callers are denied
REDIRECT = "redirect"  # a fixed redirect (login, language, logout): never a failure

POLICY: dict[str, str] = {
    # The site shell and public pages.
    "web:home": PUBLIC,
    # The public portal's pages and files (Wagtail, egov/portal): published
    # content; its password-protected pages and files are not used yet
    # (no restriction exists, so those answer 404), its login form sends
    # to the platform's.
    "wagtail_serve": PUBLIC,
    "wagtailcore_login": PUBLIC,
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtaildocs_serve": PUBLIC,
    "wagtaildocs_authenticate_with_password": PUBLIC,
    "portal_image": PUBLIC,
    # The portal's search, its news feeds and the sitemap: live public content only.
    "portal_pages:search": PUBLIC,
    "portal_pages:rss": PUBLIC,
    "portal_pages:rss-site": PUBLIC,
    "sitemap": PUBLIC,
    "web:login": PUBLIC,
    # Database and worker status for monitoring: no personal data.
    "web:health": PUBLIC,
    "web:logout": REDIRECT,
    "web:mine": SIGNED_IN,
    "web:due": PUBLIC,
    "web:unit": OBJECT,
    "web:unit-trail": OBJECT,
    # Two-factor pages act on the caller's own devices only (no id in the route).
    "web:2fa": SIGNED_IN,
    "web:2fa-login": REDIRECT,
    "web:2fa-reset": SIGNED_IN,
    # Delegated administration (issue 19): anyone signed in sees what they
    # administer (nothing, for these callers); Phường Long An's specialist's
    # account and role belong to its administrator only.
    "web:administration": SIGNED_IN,
    # Quality procedures (issue 19): one's own agencies' list; Phường Long An's document.
    "quality:list": SIGNED_IN,
    "quality:document": OBJECT,
    "quality:edition": OBJECT,
    "quality:pdf": OBJECT,
    "quality:review": OBJECT,
    "quality:approve": OBJECT,
    "quality:note": OBJECT,
    # Internal audits, records, review pack (issue 19): one's own agencies'
    # lists; Phường Long An's programme, audit, nonconformity, records and pack.
    "quality:programmes": SIGNED_IN,
    "quality:programme_create": SIGNED_IN,
    "quality:nonconformities": SIGNED_IN,
    "quality:programme": OBJECT,
    "quality:audit_plan": OBJECT,
    "quality:audit": OBJECT,
    "quality:checklist_add": OBJECT,
    "quality:checklist_answer": OBJECT,
    "quality:finding_add": OBJECT,
    "quality:audit_complete": OBJECT,
    "quality:nonconformity": OBJECT,
    "quality:action_plan": OBJECT,
    "quality:action_done": OBJECT,
    "quality:action_check": OBJECT,
    "quality:records_open": OBJECT,
    "quality:records": OBJECT,
    "quality:record_add": OBJECT,
    "quality:records_roll_over": OBJECT,
    "quality:review_pack": OBJECT,
    "quality:review_pack_pdf": OBJECT,
    "quality:audit_pdf": OBJECT,
    "quality:announcement": OBJECT,
    "quality:announcement_pdf": OBJECT,
    "quality:service_report": OBJECT,
    "quality:service_report_pdf": OBJECT,
    # The form answers 403 to whoever edits no agency's quality documents.
    "quality:document_create": SIGNED_IN,
    "quality:document_redraft": OBJECT,
    "web:administration-new": OBJECT,
    "web:administration-account": OBJECT,
    "web:administration-grant": OBJECT,
    "web:administration-deactivate": OBJECT,
    "web:administration-reactivate": OBJECT,
    "web:administration-revoke": OBJECT,
    # A unit's internal processes, its site's editors and its registers (issue 19, item 5):
    # 404 to whoever administers no unit, as the callers here.
    "procedures-admin:list": OBJECT,
    "procedures-admin:new": OBJECT,
    "procedures-admin:edit": OBJECT,
    "portal-admin:site-editors": OBJECT,
    "portal-admin:remove-editor": OBJECT,
    "office-admin:registers": OBJECT,
    "office-admin:register": OBJECT,
    "office-admin:register-close": OBJECT,
    "office-admin:register-reopen": OBJECT,
    "set_language": REDIRECT,
    "procedures:list": PUBLIC,
    "procedures:kiosk": PUBLIC,
    "procedures:kiosk-detail": PUBLIC,
    "procedures:detail": PUBLIC,
    "procedures:process": OBJECT,
    "tracking:lookup": PUBLIC,
    "tracking:kiosk": PUBLIC,
    "reports:public": PUBLIC,
    # Accounts: the forms anyone may fill in.
    "citizens:register": PUBLIC,
    "citizens:confirm-email": PUBLIC,
    "citizens:confirm-phone": PUBLIC,
    "citizens:resend": PUBLIC,
    "citizens:login": PUBLIC,
    "citizens:reset": PUBLIC,
    "citizens:reset-sent": PUBLIC,
    "citizens:reset-phone": PUBLIC,
    "citizens:reset-phone-code": PUBLIC,
    "citizens:reset-confirm": PUBLIC,
    "citizens:reset-complete": PUBLIC,
    "citizens:vneid": PUBLIC,
    "citizens:vneid-callback": PUBLIC,
    "citizens:profile": SIGNED_IN,
    "citizens:change-contact": SIGNED_IN,
    # The desk.
    "dossiers:inbox": SIGNED_IN,
    "dossiers:reception": SIGNED_IN,
    "dossiers:reception-parts": SIGNED_IN,
    "dossiers:detail": OBJECT,
    "dossiers:result-file": OBJECT,
    "dossiers:scan": OBJECT,
    "dossiers:action": OBJECT,
    # The document office: lists of one's own; a document of another body.
    "office:incoming-list": SIGNED_IN,
    "office:incoming-register": OBJECT,
    "office:to-assign": SIGNED_IN,
    "office:inbox": SIGNED_IN,
    "office:incoming-detail": OBJECT,
    "office:incoming-file": OBJECT,
    "office:incoming-attachment": OBJECT,
    "office:incoming-assign": OBJECT,
    "office:incoming-forward": OBJECT,
    "office:incoming-act": OBJECT,
    # Search shows a user only what they may see; the register book is its body's clerks'.
    "office_search:search": SIGNED_IN,
    "office_search:books": SIGNED_IN,
    "office_search:book-pdf": OBJECT,
    "office_search:book-xlsx": OBJECT,
    # The figures of the units where the caller leads or keeps the registers:
    # a citizen or another unit's specialist has none (404).
    "office_statistics:statistics": OBJECT,
    "office_statistics:statistics-pdf": OBJECT,
    "office_statistics:statistics-xlsx": OBJECT,
    # Outgoing documents: one's own lists and draft form; a draft of another commune.
    "office:outgoing-drafts": SIGNED_IN,
    "office:outgoing-to-review": SIGNED_IN,
    "office:outgoing-to-issue": SIGNED_IN,
    "office:outgoing-issued": SIGNED_IN,
    "office:outgoing-new": SIGNED_IN,
    "office:outgoing-detail": OBJECT,
    "office:outgoing-file": OBJECT,
    "office:outgoing-attachment": OBJECT,
    "office:outgoing-version": OBJECT,
    "office:outgoing-send": OBJECT,
    "office:outgoing-issue": OBJECT,
    "office:outgoing-public": OBJECT,
    "office:outgoing-sign": OBJECT,
    "office:outgoing-review": OBJECT,
    "printing:dossier_form": OBJECT,
    "printing:register": OBJECT,
    # The citizen's side.
    "portal:mine": SIGNED_IN,
    "portal:apply": SIGNED_IN,
    "portal:draft": OBJECT,
    "portal:dossier": OBJECT,
    "portal:supplement": OBJECT,
    "portal:withdraw": OBJECT,
    "portal:rate": OBJECT,
    "portal:result": OBJECT,
    "portal:store": SIGNED_IN,
    "portal:stored-file": OBJECT,
    "portal:ratings": SIGNED_IN,
    "portal:blank-template": PUBLIC,
    # Payments: the start page is the citizen's; gateways call the others,
    # signed, and refuse what is not.
    "payments:start": OBJECT,
    "payments:reconciliation": SIGNED_IN,
    "payments:ipn": PUBLIC,
    "payments:result": PUBLIC,
    "payments:sandbox_bank": PUBLIC,
    "payments:sandbox_confirm": PUBLIC,
    # Notifications and statistics.
    "notifications:list": SIGNED_IN,
    "notifications:mark_read": OBJECT,
    "notifications:mark_all_read": SIGNED_IN,
    # One's own signature image and remote account; the seal of a unit one administers.
    "signatures:settings": SIGNED_IN,
    # Trust is deployment-wide: a superuser or a top unit's administrator only.
    "signatures:roots": OBJECT,
    "signatures:remove-root": OBJECT,
    "verification:verify": PUBLIC,
    "reports:dashboard": SIGNED_IN,
    "reports:indicator": SIGNED_IN,
    "reports:entered": SIGNED_IN,
    "reports:export": SIGNED_IN,
    "reports:export_status": OBJECT,
    "reports:export_file": OBJECT,
    # The API's own pages.
    # The leaders' weekly schedule.
    "schedule:manage": OBJECT,
    "schedule:add": OBJECT,
    "schedule:edit": OBJECT,
    "schedule:cancel": OBJECT,
    "schedule:publish": OBJECT,
    "schedule:public": PUBLIC,
    "schedule:pdf": PUBLIC,
    # Work files: the person's own list; a file and the list of another unit.
    "workfiles:index": SIGNED_IN,
    "workfiles:list": OBJECT,
    "workfiles:list-add": OBJECT,
    "workfiles:list-approve": OBJECT,
    "workfiles:detail": OBJECT,
    "workfiles:candidates": OBJECT,
    "workfiles:open": OBJECT,
    "workfiles:add-document": OBJECT,
    "workfiles:add-note": OBJECT,
    "workfiles:mark": OBJECT,
    "workfiles:remove": OBJECT,
    "workfiles:item-file": OBJECT,
    "workfiles:close": OBJECT,
    "workfiles:deposit": OBJECT,
    "workfiles:receive": OBJECT,
    "workfiles:pdf": OBJECT,
    "workfiles:xml": OBJECT,
    # The citizens' voice: the public form, the follow page and the dialogue
    # page are anyone's; one's own list; staff pages and actions about an item
    # of Phường Long An sent by someone else.
    "voice:send": PUBLIC,
    "voice:follow": PUBLIC,
    # The secret link: a caller without the token gets 404 (nothing changes).
    "voice:rate_anonymous": OBJECT,
    "voice:mine": SIGNED_IN,
    "voice:rate": OBJECT,
    "voice:dialogue": PUBLIC,
    "voice:question": PUBLIC,
    "voice:inbox": SIGNED_IN,
    "voice:desk": SIGNED_IN,
    "voice:detail": OBJECT,
    "voice:attachment": OBJECT,
    "voice:classify": OBJECT,
    "voice:transfer": OBJECT,
    "voice:answer": OBJECT,
    "voice:approve": OBJECT,
    "voice:publish": OBJECT,
    "voice:promote": OBJECT,
    "voice:link": OBJECT,
    # Complaints and denunciations: the citizen's online form and own list;
    # everything else is the staff of the body the petition was sent to.
    "complaints:send": SIGNED_IN,
    "complaints:mine": SIGNED_IN,
    "complaints:register": SIGNED_IN,
    "complaints:record": SIGNED_IN,
    "complaints:export": SIGNED_IN,
    "complaints:detail": OBJECT,
    "complaints:attachment": OBJECT,
    "complaints:notice": OBJECT,
    "complaints:classify": OBJECT,
    "complaints:forward": OBJECT,
    "complaints:file": OBJECT,
    "complaints:accept": OBJECT,
    "complaints:assign": OBJECT,
    "complaints:finding": OBJECT,
    "complaints:extend": OBJECT,
    "complaints:extend_check": OBJECT,
    "complaints:decide": OBJECT,
    "complaints:close": OBJECT,
    # The leader's figures: only clerks, heads and leaders of a unit (none here).
    "voice_statistics:statistics": OBJECT,
    "voice_statistics:statistics-xlsx": OBJECT,
    "voice_statistics:statistics-pdf": OBJECT,
    # Citizen reception: the register is staff's; the leaders' days are public.
    "reception:register": SIGNED_IN,
    "reception:schedule": PUBLIC,
    "reception:schedule_add": SIGNED_IN,
    # A body's leaders' days by month are public; the month's check is its staff's.
    "reception:calendar": PUBLIC,
    "reception:check": SIGNED_IN,
    "reception:register_pdf": SIGNED_IN,
    # One line of Phường Long An's register (a denunciation's visit).
    "reception:detail": OBJECT,
    # Open311: public reads without personal data; a POST needs an api_key.
    "open311:services": PUBLIC,
    "open311:service": PUBLIC,
    "open311:requests": PUBLIC,
    "open311:request": PUBLIC,
    # Documents received through the exchange: the clerk's own queue; one of another body.
    "exchange:queue": SIGNED_IN,
    "exchange:received": OBJECT,
    "exchange:register": OBJECT,
    "exchange:refuse": OBJECT,
    "exchange:recall": OBJECT,
    # The exchange directory: the deployment's administrators only (none of the callers).
    "exchange:directory": OBJECT,
    "api-v1:api-root": PUBLIC,
    "api-v1:openapi-json": PUBLIC,
    "api-v1:openapi-view": PUBLIC,
}

# API operations by "METHOD path" (as in the OpenAPI document).
API_POLICY: dict[str, str] = {
    "GET /api/v1/health": PUBLIC,
    "GET /api/v1/calendar/due": PUBLIC,
    "GET /api/v1/units/": PUBLIC,
    # The portal's published content (egov/portal/pages/api.py).
    "GET /api/v1/portal/sites": PUBLIC,
    "GET /api/v1/portal/pages": PUBLIC,
    "GET /api/v1/portal/pages/{page_id}": PUBLIC,
    "GET /api/v1/portal/search": PUBLIC,
    "GET /api/v1/units/{unit_id}": PUBLIC,
    "GET /api/v1/units/{unit_id}/children": PUBLIC,
    "POST /api/v1/units/": OBJECT,
    "GET /api/v1/me/": SIGNED_IN,
    "GET /api/v1/audit/units/{unit_id}": OBJECT,
    "GET /api/v1/tracking/{code}": PUBLIC,
    "GET /api/v1/dossiers/": SIGNED_IN,
    "POST /api/v1/dossiers/": OBJECT,
    "GET /api/v1/schedule/units/{unit_id}/weeks/{week}": PUBLIC,
    "POST /api/v1/schedule/units/{unit_id}/entries": OBJECT,
    "PUT /api/v1/schedule/entries/{entry_id}": OBJECT,
    "POST /api/v1/schedule/entries/{entry_id}/cancel": OBJECT,
    "POST /api/v1/schedule/units/{unit_id}/weeks/{week}/publish": OBJECT,
    "GET /api/v1/office/incoming": SIGNED_IN,
    "POST /api/v1/office/incoming": OBJECT,
    "GET /api/v1/office/incoming/{document_id}": OBJECT,
    "POST /api/v1/office/incoming/{document_id}/act": OBJECT,
    "POST /api/v1/office/incoming/{document_id}/assign": OBJECT,
    "POST /api/v1/office/incoming/{document_id}/forward": OBJECT,
    "GET /api/v1/office/search": SIGNED_IN,
    "GET /api/v1/office/registers/{register_id}/book": OBJECT,
    "GET /api/v1/office/statistics": OBJECT,
    "GET /api/v1/office/outgoing": SIGNED_IN,
    "POST /api/v1/office/outgoing": SIGNED_IN,
    "GET /api/v1/office/outgoing/{document_id}": OBJECT,
    "POST /api/v1/office/outgoing/{document_id}/versions": OBJECT,
    "POST /api/v1/office/outgoing/{document_id}/send": OBJECT,
    "POST /api/v1/office/outgoing/{document_id}/review": OBJECT,
    "POST /api/v1/office/outgoing/{document_id}/issue": OBJECT,
    "GET /api/v1/office/outgoing/{document_id}/signing": OBJECT,
    "POST /api/v1/office/outgoing/{document_id}/signing/check": OBJECT,
    # Anyone checks a PDF's signatures, as on the public page (rate-limited).
    "POST /api/v1/signatures/verify": PUBLIC,
    "GET /api/v1/voice/feedback": SIGNED_IN,
    "POST /api/v1/voice/feedback": SIGNED_IN,
    "GET /api/v1/voice/feedback/{feedback_id}": OBJECT,
    "POST /api/v1/voice/feedback/{feedback_id}/classify": OBJECT,
    "POST /api/v1/voice/feedback/{feedback_id}/transfer": OBJECT,
    "POST /api/v1/voice/feedback/{feedback_id}/answer": OBJECT,
    "POST /api/v1/voice/feedback/{feedback_id}/approve": OBJECT,
    "POST /api/v1/voice/feedback/{feedback_id}/rate": OBJECT,
    "GET /api/v1/voice/dialogue": PUBLIC,
    "GET /api/v1/complaints/petitions": SIGNED_IN,
    "POST /api/v1/complaints/petitions": SIGNED_IN,
    "GET /api/v1/complaints/petitions/{petition_id}": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/classify": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/forward": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/file": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/accept": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/assign": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/findings": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/extend": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/extend-check": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/decide": OBJECT,
    "POST /api/v1/complaints/petitions/{petition_id}/close": OBJECT,
    # The reception register: each caller reads and records for their own bodies.
    "GET /api/v1/reception/receptions": SIGNED_IN,
    "POST /api/v1/reception/receptions": SIGNED_IN,
    # The leaders' days and the month's check: the caller's own bodies (a
    # citizen's list is empty, another's body is 404); the outcome is the line's.
    "GET /api/v1/reception/days": SIGNED_IN,
    "POST /api/v1/reception/days": SIGNED_IN,
    "GET /api/v1/reception/check": SIGNED_IN,
    "POST /api/v1/reception/receptions/{reception_id}/outcome": OBJECT,
    "GET /api/v1/office/workfiles": SIGNED_IN,
    "GET /api/v1/office/workfiles/units/{unit_id}/lists/{year}": OBJECT,
    "POST /api/v1/office/workfiles/units/{unit_id}/lists/{year}/entries": OBJECT,
    "POST /api/v1/office/workfiles/units/{unit_id}/lists/{year}/approve": OBJECT,
    "GET /api/v1/office/workfiles/{file_id}": OBJECT,
    "POST /api/v1/office/workfiles/{file_id}/open": OBJECT,
    "POST /api/v1/office/workfiles/{file_id}/documents": OBJECT,
    "POST /api/v1/office/workfiles/{file_id}/notes": OBJECT,
    "POST /api/v1/office/workfiles/{file_id}/items/{item_id}/mark": OBJECT,
    "DELETE /api/v1/office/workfiles/{file_id}/items/{item_id}": OBJECT,
    "POST /api/v1/office/workfiles/{file_id}/close": OBJECT,
    "POST /api/v1/office/workfiles/{file_id}/deposit": OBJECT,
    "POST /api/v1/office/workfiles/{file_id}/deposit/receive": OBJECT,
    "GET /api/v1/office/exchange/received": SIGNED_IN,
    "POST /api/v1/office/exchange/received/{received_id}/register": OBJECT,
    "POST /api/v1/office/exchange/received/{received_id}/refuse": OBJECT,
    # The hub answers client deployments by their token, never a session.
    "POST /api/v1/exchange/hub/messages": OBJECT,
    "GET /api/v1/exchange/hub/organs/{organ_id}/pending": OBJECT,
    "POST /api/v1/exchange/hub/pending": OBJECT,
    "POST /api/v1/exchange/hub/messages/{consignment_id}/ack": OBJECT,
}
DOSSIER_API = re.compile(r"^(GET|POST) /api/v1/dossiers/(\{dossier_id\}|consultations/)")

DENIED = {401, 403, 404, 405}


@dataclass
class Target:
    dossier: Dossier
    values: dict[str, Any]


@pytest.fixture
def target(
    online: Online,  # noqa: F811
    citizen: User,  # noqa: F811
    province: Province,
    cast: Cast,
    settings: Any,
) -> Target:
    # The hub is on: its operations refuse the callers for want of a client token.
    settings.EXCHANGE_HUB_CLIENTS = "jeton-du-hub=*"
    dossier = submit(online, citizen, province)
    dossier = accept_dossier(actor=cast.reception, dossier=dossier)
    consultation = consult(
        actor=cast.reception, dossier=dossier, unit=province.justice, question="Xin ý kiến."
    )
    notification = Notification.objects.create(
        recipient=cast.specialist, kind="info", title="Hồ sơ mới", link=f"/ho-so/{dossier.pk}/"
    )
    job = enqueue(EXPORT_TASK, user=cast.specialist.pk, unit=province.long_an.pk, fmt="xlsx")
    item = dossier.documents.first()
    assert item is not None
    values: dict[str, Any] = {
        "pk": dossier.pk,
        "dossier_id": dossier.pk,
        "item": item.pk,
        "document_id": item.pk,
        "consultation_id": consultation.pk,
        "unit_id": province.long_an.pk,
        "process_id": online.desk.process.pk,
        "job_id": job.pk,
        "number": "01",
        "code": dossier.code,
        "token": "khong-hop-le",
        "uidb64": "MQ",
        "action": "accept",
    }
    values["notification"] = notification.pk
    values["account_id"] = cast.specialist.pk
    values["membership_id"] = cast.specialist.memberships.get().pk
    values["naming_id"] = 1  # no site editor is named: 404 whoever asks
    edition = propose_edition(actor=None, process=online.desk.process)
    assert edition is not None
    values["quality_id"] = edition.document_id
    values["edition_id"] = edition.pk
    values.update(_quality(cast, province, edition.document))
    entry = add_entry(
        actor=cast.admin,
        unit=province.long_an,
        data=EntryData(
            day=date(2026, 3, 4),
            start_time=time(8, 0),
            end_time=None,
            content="Họp giao ban",
            chair="Chủ tịch UBND phường",
            place="Hội trường",
        ),
    )
    values["entry_id"] = entry.pk
    values["week"] = "2026-W10"
    values["procedure"] = online.desk.procedure.code
    incoming = _incoming_document(cast, province)
    values["incoming"] = incoming.pk
    values["register_id"] = incoming.register_id
    values["outgoing"] = _outgoing_draft(cast).pk
    values.update(_work_file(cast, province))
    feedback = send_feedback(
        actor=None,
        submission=anonymous_submission(),
        addressed_to=province.long_an,
        channel=Channel.ONLINE,
        attachments=[photo()],
    )
    values["feedback"] = feedback.pk
    values["feedback_id"] = feedback.pk
    values["feedback_code"] = feedback.code
    values["feedback_attachment"] = feedback.attachments.get().pk
    petition = record_petition(
        actor=cast.leader,
        letter=letter(),
        addressed_to=province.long_an,
        channel=PetitionChannel.DESK,
        attachments=[photo()],
    )
    values["petition"] = petition.pk
    values["petition_id"] = petition.pk
    values["petition_attachment"] = petition.attachments.get().pk
    values["reception"] = record_reception(
        actor=cast.leader,
        unit=province.long_an,
        visit=Visit(
            kind="regular",
            citizen_name="Hoàng Văn Tố",
            matter="denunciation",
            content="Trình bày việc cán bộ đòi tiền.",
            handling="letter_received",
            place="Trụ sở tiếp công dân",
            petition_code=petition.code,
        ),
    ).pk
    values["reception_id"] = values["reception"]
    values["fmt"] = "json"
    values["service_code"] = "khong-co"
    values["key"] = "on_time"  # reports:indicator, the dossiers behind the on-time rate
    values["service_request_id"] = feedback.code
    values.update(_exchange(province))
    return Target(dossier=dossier, values=values)


def _exchange(province: Province) -> dict[str, Any]:
    """A document waiting in Phường Long An's exchange queue, and one at the hub for it."""
    received = ReceivedDocument.objects.create(
        consignment_id=uuid.uuid4(),
        body=province.long_an,
        sender_organ="000.00.00.G06",
        sender_name="Bộ Tư pháp",
        document_id="000.00.00.G06,2026/03/02,15/QĐ-BTP",
        notation="15/QĐ-BTP",
        issued_on=date(2026, 3, 2),
        summary="Văn bản gửi phường",
        message="office/exchange/a.xml",
        signature="not_checked",
    )
    hub = HubMessage.objects.create(
        consignment_id=uuid.uuid4(),
        from_organ="000.00.00.G06",
        to_organ="000.01.30.H53",
        kind="document",
        body=b"<edXML/>",
        size=8,
    )
    return {
        "received_id": received.pk,
        "organ_id": hub.to_organ,
        "consignment_id": str(hub.consignment_id),
    }


def _incoming_document(cast: Cast, province: Province) -> IncomingDocument:
    """An incoming document of the province, assigned to Sở Tư pháp, with an attachment."""
    document = register_incoming(
        actor=cast.clerk,
        body=province.province,
        arrival=Arrival(
            channel="paper",
            arrived_at=timezone.now(),
            sender="Bộ Tư pháp",
            notation="15/QĐ-BTP",
            issued_on=timezone.localdate(),
            document_type=DocumentType.objects.get(abbreviation="QĐ"),
            summary="Văn bản của tỉnh",
        ),
        file=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
        attachments=[SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf")],
    )
    return assign_incoming(
        actor=cast.leader, document=document, assignment=Assignment(lead_unit=province.justice)
    )


def _outgoing_draft(cast: Cast) -> OutgoingDocument:
    """A draft of Phường Long An's specialist, submitted to the province's leader to sign."""
    document = create_draft(
        actor=cast.specialist,
        draft=Draft(
            document_type=DocumentType.objects.get(abbreviation="QĐ"),
            summary="Dự thảo của phường",
            signer=cast.leader,
            external_names=["Bộ Tư pháp"],
        ),
        file=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
        attachments=[SimpleUploadedFile("phu-luc.pdf", PDF, content_type="application/pdf")],
    )
    return send_outgoing(actor=cast.specialist, document=document)


def _work_file(cast: Cast, province: Province) -> dict[str, int]:
    """File 01.VP of Phường Long An's approved list of 2026, open, with a note and its PDF."""
    work_file = add_list_entry(
        actor=cast.admin,
        unit=province.long_an,
        year=2026,
        entry=Entry(
            notation="01.VP",
            title="Hồ sơ cải cách hành chính",
            retention_years=None,
            responsible=cast.specialist,
        ),
    )
    approve_list(actor=cast.leader, unit=province.long_an, year=2026)
    open_file(actor=cast.specialist, work_file=work_file)
    note = add_note(
        actor=cast.specialist,
        work_file=work_file,
        text="Biên bản họp",
        file=SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"),
    )
    return {"file_id": work_file.pk, "item_id": note.pk, "year": 2026}


def _quality(cast: Cast, province: Province, document: QualityProcedure) -> dict[str, Any]:
    """Phường Long An's audit with a nonconformity, and its records register."""
    programme = audits.create_programme(actor=cast.admin, agency=province.long_an, year=2026)
    # An auditor who does no step of the procedure (ISO 19011 independence).
    auditor = make_staff("danhgia", "Trương Thị Kim", (province.long_an, Role.CLERK))
    audit = audits.plan_audit(
        actor=cast.admin,
        programme=programme,
        planned_on=date(2026, 3, 4),
        scope=[document],
        auditors=[auditor],
    )
    finding = audits.record_finding(
        actor=auditor, audit=audit, kind="nonconformity", description="Thiếu sổ"
    )
    register = open_register(actor=cast.admin, document=document, year=2026)
    return {
        "programme_id": programme.pk,
        "audit_id": audit.pk,
        "position": 1,
        "nc_id": finding.nonconformity.pk,
        "records_id": register.pk,
    }


def _routes() -> list[tuple[str, str]]:
    """(view name, route) of every URL pattern outside the admin and the portal's admin.

    The portal's admin (Wagtail, /quan-tri-cong/) has hundreds of routes
    guarded by Wagtail itself: its `access_admin` permission and the page
    permissions of each unit's groups (egov/portal/pages/tests/test_workflow.py).
    """
    found: list[tuple[str, str]] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((f"{namespace}{pattern.name}", prefix + str(pattern.pattern)))

    walk(get_resolver(), "", "")
    # The API's operations are called by the test below, with their methods.
    api_pages = {"api-v1:api-root", "api-v1:openapi-json", "api-v1:openapi-view"}
    return [
        (name, route)
        for name, route in found
        if not route.startswith(("admin/", "quan-tri-cong/"))
        and (not name.startswith("api-v1:") or name in api_pages)
    ]


def _fill(route: str, values: dict[str, Any], name: str) -> str:
    def value(match: re.Match[str]) -> str:
        key = match.group(2)
        if key == "pk" and name == "notifications:mark_read":
            return str(values["notification"])
        if key == "pk" and name.startswith("exchange:"):
            return str(values["received_id"])
        if key == "pk" and name.startswith("office:outgoing"):
            return str(values["outgoing"])
        if key in ("item", "position") and name.startswith("office:outgoing"):
            return "1"
        if key == "pk" and name.startswith("complaints:"):
            return str(values["petition"])
        if key == "item" and name.startswith("complaints:"):
            return str(values["petition_attachment"])
        if key == "notice" and name.startswith("complaints:"):
            return "thu-ly"
        if key == "pk" and name.startswith("voice:"):
            return str(values["feedback"])
        if key == "item" and name.startswith("voice:"):
            return str(values["feedback_attachment"])
        if key == "code" and name.startswith("voice:"):
            return str(values["feedback_code"])
        if key == "token" and name.startswith("voice:"):
            return "khong-phai-ma-danh-gia"
        if key == "pk" and name.startswith("office:"):
            return str(values["incoming"])
        if key == "item" and name.startswith("office:"):
            return str(IncomingAttachment.objects.get().pk)
        if key == "action" and name.startswith("office:"):
            return "y-kien"
        if key == "site_path":
            return "phuong-long-an"
        if name == "portal_image":
            # No such image: 404 to everyone, as a draft's image is to outsiders.
            return {"signature": "khong-ky", "image_id": "1", "filter_spec": "original"}.get(
                key, "anh.png"
            )
        if key in ("restriction_id", "page_view_restriction_id", "page_id"):
            return "1"
        if key == "code" and name.startswith(("procedures:", "portal:")):
            return str(values["procedure"])
        return str(values[key])

    path = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
    return "/" + path.replace("^", "").replace("$", "")


def _snapshot() -> tuple[Any, ...]:
    return (
        list(Dossier.objects.order_by("pk").values()),
        list(ScheduleEntry.objects.order_by("pk").values()),
        list(WeeklySchedule.objects.order_by("pk").values()),
        list(IncomingDocument.objects.order_by("pk").values()),
        list(Holder.objects.order_by("pk").values()),
        list(OutgoingDocument.objects.order_by("pk").values()),
        list(OutgoingVersion.objects.order_by("pk").values()),
        OutgoingStep.objects.count(),
        list(FileList.objects.order_by("pk").values()),
        list(WorkFile.objects.order_by("pk").values()),
        list(WorkFileItem.objects.order_by("pk").values()),
        DocumentAction.objects.count(),
        AuditEvent.objects.count(),
        list(Job.objects.order_by("pk").values("pk", "status", "kwargs")),
        list(Notification.objects.order_by("pk").values("pk", "read_at")),
        OutboundEmail.objects.count(),
        list(Feedback.objects.order_by("pk").values()),
        FeedbackStep.objects.count(),
        list(ReceivedDocument.objects.order_by("pk").values()),
        list(HubMessage.objects.order_by("pk").values("pk", "acknowledged_at", "answer")),
        OutboundMessage.objects.count(),
        list(Petition.objects.order_by("pk").values()),
        list(Handler.objects.order_by("pk").values()),
        PetitionStep.objects.count(),
        list(Reception.objects.order_by("pk").values()),
        list(ReceptionDay.objects.order_by("pk").values()),
    )


def _callers(cast: Cast, other: User) -> dict[str, Client]:  # noqa: F811
    clients = {"anonymous": Client(), "citizen": Client(), "outsider": Client()}
    clients["citizen"].force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    clients["outsider"].force_login(
        cast.outsider, backend="django.contrib.auth.backends.ModelBackend"
    )
    return clients


def _denied(status: int, location: str) -> bool:
    return status in DENIED or (status in (301, 302, 303) and "dang-nhap" in location)


def _check(
    problems: list[str],
    *,
    label: str,
    policy: str,
    caller: str,
    status: int,
    location: str,
    body: bytes,
    code: str,
    changed: bool,
) -> None:
    where = f"{label} as {caller}: {status}"
    if status >= 500:
        problems.append(f"{where} (server error)")
    must_deny = policy == OBJECT or (policy == SIGNED_IN and caller == "anonymous")
    if must_deny and not _denied(status, location):
        problems.append(f"{where} (not denied)")
    if policy != PUBLIC and code.encode() in body:
        problems.append(f"{where} (shows the target's code)")
    # A signed-in caller may change their own things on their own pages (a
    # draft saved, notifications marked read); nobody may change the target.
    if changed and (policy == OBJECT or caller == "anonymous"):
        problems.append(f"{where} (changed data)")


def _schema_value(schema: dict[str, Any], components: dict[str, Any], key: str) -> Any:
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    for combined in ("anyOf", "allOf", "oneOf"):
        if combined in schema:
            return _schema_value(schema[combined][0], components, key)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {
            name: _schema_value(sub, components, name)
            for name, sub in schema.get("properties", {}).items()
            if name in schema.get("required", [])
        }
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    if schema.get("format") == "date-time":
        return "2026-03-04T08:00:00+07:00"
    if schema.get("format") == "binary":
        return SimpleUploadedFile("ket-qua.pdf", PDF, content_type="application/pdf")
    if schema.get("format") == "time":
        return "08:00:00"
    if schema.get("format") == "date":
        return "2026-03-04"
    return "Không được phép"


Body = tuple[str, dict[str, Any]] | None  # (content type, value)


def _api_operations() -> list[tuple[str, str, Body]]:
    document = api.get_openapi_schema()
    components = document.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            body: Body = None
            content = operation.get("requestBody", {}).get("content", {})
            for kind, described in content.items():
                body = (kind, _schema_value(described["schema"], components, ""))
            operations.append((method.upper(), path, body))
    return operations


@pytest.mark.django_db
def test_every_route_denies_callers_who_have_no_business_there(
    target: Target,
    cast: Cast,
    other: User,  # noqa: F811
) -> None:
    routes = _routes()
    unknown = sorted({name for name, _ in routes} - POLICY.keys())
    assert unknown == [], f"give these routes a policy in POLICY: {unknown}"
    clients = _callers(cast, other)
    # A live worker, so /health/ answers 200 (without one, 503 `worker_stale`
    # is its right answer; test_health.py checks both).
    beat(worker="matrix:1")
    problems: list[str] = []
    calls = 0
    for name, route in routes:
        if name == "web:health":
            # The run takes minutes on a busy machine (PostgreSQL, shared
            # cores): beat again so the worker is not stale by then.
            beat(worker="matrix:1")
        path = _fill(route, target.values, name)
        paths = [path]
        if name == "dossiers:action":
            paths = [path.rsplit("/", 2)[0] + f"/{slug}/" for slug in HANDLERS]
        for url in paths:
            for caller, client in clients.items():
                for method in ("get", "post"):
                    before = _snapshot()
                    response = getattr(client, method)(url)
                    calls += 1
                    _check(
                        problems,
                        label=f"{method.upper()} {url}",
                        policy=POLICY[name],
                        caller=caller,
                        status=response.status_code,
                        location=response.get("Location", ""),
                        body=response.content if not response.streaming else b"",
                        code=str(target.dossier.code),
                        changed=POLICY[name] != PUBLIC and _snapshot() != before,
                    )
    assert problems == [], "\n".join(problems)
    # Every page route, each of the 18 dossier actions, three callers, two methods.
    assert calls == (len(routes) - 1 + len(HANDLERS)) * 3 * 2


def _api_url(path: str, values: dict[str, Any]) -> str:
    if path.startswith("/api/v1/office/outgoing/"):
        values = {**values, "document_id": values["outgoing"]}
    if path.startswith("/api/v1/portal/"):
        values = {**values, "page_id": 1}  # the tree's root: never a published page
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


@pytest.mark.django_db
def test_every_api_operation_denies_callers_who_have_no_business_there(
    target: Target,
    cast: Cast,
    other: User,  # noqa: F811
) -> None:
    clients = _callers(cast, other)
    problems: list[str] = []
    operations = _api_operations()
    unknown = sorted(
        f"{method} {path}"
        for method, path, _ in operations
        if f"{method} {path}" not in API_POLICY and not DOSSIER_API.match(f"{method} {path}")
    )
    assert unknown == [], f"give these operations a policy in API_POLICY: {unknown}"
    for method, path, body in operations:
        key = f"{method} {path}"
        policy = API_POLICY.get(key, OBJECT)
        url = _api_url(path, target.values)
        for caller, client in clients.items():
            before = _snapshot()
            if method == "GET":
                response = client.get(url)
            elif body and body[0] == "multipart/form-data":
                for value in body[1].values():
                    if isinstance(value, SimpleUploadedFile):
                        value.seek(0)
                response = client.post(url, body[1])
            else:
                data = json.dumps(body[1] if body else {})
                response = client.generic(method, url, data, content_type="application/json")
            _check(
                problems,
                label=key,
                policy=policy,
                caller=caller,
                status=response.status_code,
                location=response.get("Location", ""),
                body=response.content,
                code=str(target.dossier.code) if policy != PUBLIC else "",
                changed=policy != PUBLIC and _snapshot() != before,
            )
    assert problems == [], "\n".join(problems)
    assert len(operations) == 107

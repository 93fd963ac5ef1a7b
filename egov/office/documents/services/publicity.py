"""Publishing an outgoing document on the portal (Decree 42/2022/NĐ-CP art. 4).

The agency's portal carries the legal and directing documents it issues. The
body's clerk or leader marks a document public (before or after its issue);
the portal shows it once it is issued (egov.office.interfaces), with its
metadata and its issued PDF. A classified document is never public.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import OutgoingDocument
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, PermissionDenied

# Who decides what the body publishes: its clerk (who issues) and its leaders.
PUBLISHING_ROLES = (Role.CLERK, Role.LEADER)


def set_outgoing_public(
    *, actor: User, document: OutgoingDocument, public: bool
) -> OutgoingDocument:
    """Mark `document` public on the body's portal site, or take it off."""
    with transaction.atomic(durable=True):
        document = (
            OutgoingDocument.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=document.pk)
        )
        if not has_role_over(actor, document.body, PUBLISHING_ROLES):
            raise PermissionDenied(
                OfficeError.PERMISSION_DENIED,
                _("Chỉ văn thư hoặc lãnh đạo cơ quan ban hành mới công khai được văn bản."),
            )
        if public and document.confidential:
            raise InvalidInput(
                OfficeError.CONFIDENTIAL_NOT_PUBLIC,
                _("Văn bản mật không được công khai trên cổng thông tin."),
            )
        if document.public == public:
            return document
        document.public = public
        document.save(update_fields=["public", "updated_at"])
        record_event(
            event_type="office.outgoing_made_public" if public else "office.outgoing_made_private",
            actor=actor,
            target=document,
            unit=document.body,
            details={"notation": document.notation, "status": document.status},
        )
    return document

"""Telling an account's owner that someone tried to register with their identity.

Registration must not reveal whether an e-mail, a phone number or a personal
identification number already has an account (issue 16 item 4): the page
answers as for a new account, no second account is created, and the owner
hears of it at the address the account already has, with the way to reset
the password. The message is written to an outbox in the registration's
transaction and leaves through the worker, never inside the request: the
platform's e-mail or SMS outbox (notifications).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.citizens.contacts import Contact
from egov.platform.notifications.models import NotificationKind
from egov.platform.notifications.services import Message, notify, queue_sms


def _public_url(name: str) -> str:
    return str(getattr(settings, "PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/") + reverse(name)


def _hour_key(owner: User, via: Contact) -> str:
    # One message per owner, address and hour: a stranger repeating the
    # attempt (from many client addresses) cannot flood the owner.
    hour = timezone.now().strftime("%Y%m%d%H")
    return f"citizens.registration_attempt:{owner.pk}:{via.kind}:{hour}"


def _sms_text() -> str:
    # Without diacritics, like the SMS codes (codes.py): GSM-7, 160 characters.
    return _(
        "Co nguoi vua dang ky tai khoan egov bang thong tin cua ban. Neu quen mat khau: %(link)s"
    ) % {"link": _public_url("citizens:reset-phone")}


def tell_owner(*, owner: User, via: Contact, matched: str) -> None:
    """Queue the notice to `owner` at `via` (an address of theirs), in the caller's
    transaction; `matched` ("email", "phone" or "id_number") names what collided."""
    key = _hour_key(owner, via)
    if via.kind == "email":
        body = render_to_string(
            "citizens/email/registration_attempt.txt",
            {"name": owner.display_name, "link": _public_url("citizens:reset")},
        )
        notify(
            # No entry in a list without a recipient: the kind is not stored.
            kind=NotificationKind.DOSSIER_STATUS,
            recipient=None,
            address=via.value,
            message=Message(
                title=_("Có người đăng ký bằng thông tin của bạn"), body="", email_body=body
            ),
            dedupe_key=key,
        )
    else:
        queue_sms(phone=via.value, text=_sms_text(), dedupe_key=key)
    # The kind of match only: the values are personal data (Decree 13/2023/NĐ-CP).
    record_event(
        event_type="citizens.registration_attempt",
        actor=None,
        target=owner,
        details={"matched": matched, "told_by": via.kind},
    )

"""Who an outgoing document goes to (nơi nhận): units, agencies of the directory, paper.

Three kinds, checked here for every draft (services/outgoing.create_draft):

- units of the deployment, chosen from the organisation tree: issued straight
  into their incoming register (services/incoming.receive_issued);
- agencies of the exchange directory, by identifier (mã định danh): the
  deployment's own units that have one and the imported outside agencies
  (egov/office/exchange/directory.py); issuing queues one edXML message per
  agency in the issue's transaction (egov/office/exchange/outbox.py);
- agencies named in free text: sent on paper, nothing is queued.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import OutgoingDocument, OutgoingRecipient, RecipientKind, Secrecy
from egov.office.exchange.directory import Agency, agencies_by_id
from egov.platform.core.errors import InvalidInput
from egov.platform.organisation.models import Unit

MAX_EXTERNAL = 50
MAX_INTERNAL = 200
MAX_EXCHANGE = 200


@dataclass(frozen=True)
class Recipients:
    units: list[Unit]
    names: list[str]
    agencies: list[Agency]

    def audit(self) -> dict[str, list[int] | list[str]]:
        return {
            "units": [u.pk for u in self.units],
            "outside": self.names,
            "agencies": [a.organ_id for a in self.agencies],
        }


def checked_recipients(
    *,
    body: Unit,
    secrecy: str,
    units: Sequence[Unit],
    names: Sequence[str],
    organ_ids: Sequence[str],
) -> Recipients:
    units = list(dict.fromkeys(units))
    names = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    codes = list(dict.fromkeys(code.strip() for code in organ_ids if code.strip()))
    if len(units) > MAX_INTERNAL or len(names) > MAX_EXTERNAL or len(codes) > MAX_EXCHANGE:
        raise InvalidInput(OfficeError.RECIPIENT_INVALID, _("Quá nhiều nơi nhận."))
    for unit in units:
        if not unit.is_active:
            raise InvalidInput(
                OfficeError.RECIPIENT_INVALID,
                _("Đơn vị «%(unit)s» không còn hoạt động.") % {"unit": unit.name},
            )
        if unit.pk == body.pk:
            raise InvalidInput(
                OfficeError.RECIPIENT_INVALID,
                _("Cơ quan ban hành không gửi văn bản cho chính mình."),
            )
    for name in names:
        if len(name) > 255:
            raise InvalidInput(OfficeError.RECIPIENT_INVALID, _("Tên nơi nhận dài quá 255 ký tự."))
    known = agencies_by_id(codes)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise InvalidInput(
            OfficeError.RECIPIENT_INVALID,
            _("Không có cơ quan mã định danh %(codes)s trong danh bạ liên thông.")
            % {"codes": ", ".join(unknown)},
        )
    if body.agency_code and body.agency_code in known:
        raise InvalidInput(
            OfficeError.RECIPIENT_INVALID,
            _("Cơ quan ban hành không gửi văn bản cho chính mình."),
        )
    agencies = [known[code] for code in codes]
    if not units and not names and not agencies:
        raise InvalidInput(OfficeError.RECIPIENT_REQUIRED, _("Cần ít nhất một nơi nhận."))
    if (units or agencies) and secrecy != Secrecy.NONE:
        # Decree 30/2020 art. 15: a secret document goes by hand or by a
        # confidential channel, never through the ordinary exchange.
        raise InvalidInput(
            OfficeError.CONFIDENTIAL_NEEDS_PERSON,
            _("Văn bản mật không chuyển tự động vào sổ văn bản đến của đơn vị khác."),
        )
    return Recipients(units=units, names=names, agencies=agencies)


def create_recipients(document: OutgoingDocument, recipients: Recipients) -> None:
    OutgoingRecipient.objects.bulk_create(
        [
            OutgoingRecipient(document=document, kind=RecipientKind.INTERNAL, unit=u)
            for u in recipients.units
        ]
        + [
            OutgoingRecipient(document=document, kind=RecipientKind.EXTERNAL, name=n)
            for n in recipients.names
        ]
        + [
            OutgoingRecipient(
                document=document,
                kind=RecipientKind.EXCHANGE,
                organ_id=a.organ_id,
                name=a.name[:255],
            )
            for a in recipients.agencies
        ]
    )

"""The citizen's state changes. The portal's views call only these."""

from egov.onestop.portal.services.afterwards import (
    close_withdrawal_requests,
    rate_dossier,
    request_withdrawal,
    store_result,
    supplement_online,
)
from egov.onestop.portal.services.applying import save_and_submit, save_draft, submit_application

__all__ = [
    "close_withdrawal_requests",
    "rate_dossier",
    "request_withdrawal",
    "save_and_submit",
    "save_draft",
    "store_result",
    "submit_application",
    "supplement_online",
]

"""Dossier state changes. Views, the API, admin and jobs call only these."""

from egov.onestop.dossiers.services.ending import (
    issue_apology,
    record_result,
    return_result,
    stop_processing,
    withdraw,
)
from egov.onestop.dossiers.services.pauses import (
    confirm_payment,
    receive_supplement,
    request_payment,
    request_supplement,
)
from egov.onestop.dossiers.services.processing import (
    answer_consultation,
    assign,
    claim,
    consult,
    move_on,
    refuse,
)
from egov.onestop.dossiers.services.reads import log_personal_data_read
from egov.onestop.dossiers.services.reception import (
    Applicant,
    Outcome,
    Problem,
    accept_dossier,
    attach_scan,
    receive_dossier,
    reception_problems,
    refuse_at_reception,
    register_dossier,
    request_supplement_at_reception,
)

__all__ = [
    "Applicant",
    "Outcome",
    "Problem",
    "accept_dossier",
    "answer_consultation",
    "attach_scan",
    "assign",
    "claim",
    "confirm_payment",
    "consult",
    "issue_apology",
    "log_personal_data_read",
    "move_on",
    "receive_dossier",
    "receive_supplement",
    "reception_problems",
    "record_result",
    "refuse",
    "refuse_at_reception",
    "register_dossier",
    "request_payment",
    "request_supplement",
    "request_supplement_at_reception",
    "return_result",
    "stop_processing",
    "withdraw",
]

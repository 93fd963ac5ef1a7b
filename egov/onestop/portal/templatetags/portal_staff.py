"""The staff dossier page's view of what the citizen sent online.

One include in egov/onestop/dossiers/templates/dossiers/detail.html shows the online
form's answers and any withdrawal request still waiting for the desk.
"""

from __future__ import annotations

from django import template

from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.transitions import OPEN_STATUSES
from egov.onestop.portal.models import WithdrawalRequest
from egov.onestop.portal.online_form import AnswerGroup, answers
from egov.onestop.portal.selectors import pending_withdrawals

register = template.Library()


@register.simple_tag
def withdrawal_requests(dossier: Dossier) -> list[WithdrawalRequest]:
    """Requests not yet handled; none for a dossier that already ended."""
    if dossier.applicant_user_id is None or dossier.status not in OPEN_STATUSES:
        return []
    return pending_withdrawals(dossier)


@register.simple_tag
def form_answers(dossier: Dossier) -> list[AnswerGroup]:
    """The electronic form submitted online, as (question, answer) lines."""
    if not dossier.form_data:
        return []
    return answers(dossier.procedure, dossier.form_data)

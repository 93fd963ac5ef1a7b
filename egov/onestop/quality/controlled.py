"""The agency's other controlled documents: quality policy, objectives, forms (issue 19 item 1).

ISO 9001:2015 clause 7.5.3 asks the same control of every documented
information: identified, reviewed and approved, changes identified, earlier
versions kept from unintended use. So these documents are QualityProcedure
rows of another kind and go through the same editions (services.py): a
written text proposes a draft (or refreshes the open one), the head or leader
checks and approves it, and earlier editions are locked and kept.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.models import DocumentKind, Edition, QualityProcedure
from egov.onestop.quality.services import EDITORS, propose_content
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit

WRITTEN_KINDS = (DocumentKind.POLICY, DocumentKind.OBJECTIVES, DocumentKind.FORM)
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_/]{0,59}")
TITLE_MAX = 300
TEXT_MAX = 20000


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(
        QualityError.INVALID_DOCUMENT, message, details={"fields": {field: [message]}}
    )


def _deny() -> PermissionDenied:
    return PermissionDenied(
        QualityError.PERMISSION_DENIED,
        _("Chỉ lãnh đạo hoặc quản trị của cơ quan được soạn tài liệu chất lượng."),
    )


def _text(text: str) -> str:
    body = text.strip()
    if not body or len(body) > TEXT_MAX:
        raise _invalid("text", _("Hãy nhập nội dung tài liệu (tối đa 20.000 ký tự)."))
    return body


def written_content(document: QualityProcedure, text: str) -> dict[str, Any]:
    return {"kind": document.kind, "title": document.title, "text": text}


@transaction.atomic
def create_document(
    *, actor: User, agency: Unit, kind: str, code: str, title: str, text: str
) -> Edition:
    """A new controlled document of `agency`, its first edition as a draft."""
    if not has_role_over(actor, agency, EDITORS):
        raise _deny()
    if kind not in WRITTEN_KINDS:
        raise _invalid("kind", _("Hãy chọn loại tài liệu: chính sách, mục tiêu hoặc biểu mẫu."))
    code = code.strip()
    if not CODE.fullmatch(code):
        raise _invalid(
            "code", _("Mã hiệu gồm chữ, số và các dấu . - _ / (tối đa 60 ký tự), ví dụ CSCL-01.")
        )
    title = title.strip()
    if not title or len(title) > TITLE_MAX:
        raise _invalid("title", _("Hãy nhập tên tài liệu (tối đa 300 ký tự)."))
    body = _text(text)
    if QualityProcedure.objects.filter(agency=agency, code__iexact=code).exists():
        raise Conflict(
            QualityError.DOCUMENT_EXISTS,
            _("Cơ quan đã có tài liệu mã hiệu %(code)s.") % {"code": code},
        )
    document = QualityProcedure.objects.create(agency=agency, kind=kind, code=code, title=title)
    record_event(
        event_type="quality.document_created",
        actor=actor,
        target=document,
        unit=agency,
        details={"document": code, "kind": kind, "title": title},
    )
    edition = propose_content(
        actor=actor,
        document=document,
        content=written_content(document, body),
        details={"kind": kind},
    )
    assert edition is not None  # noqa: S101 - a new document has no edition to equal
    return edition


@transaction.atomic
def redraft_document(*, actor: User, document: QualityProcedure, text: str) -> Edition:
    """A changed text proposes the next edition (or refreshes the open draft)."""
    if not has_role_over(actor, document.agency, EDITORS):
        raise _deny()
    if document.kind not in WRITTEN_KINDS:
        raise Conflict(
            QualityError.GENERATED_DOCUMENT,
            _("Quy trình ISO được lập từ danh mục thủ tục và quy trình nội bộ; hãy sửa ở đó."),
        )
    body = _text(text)
    edition = propose_content(
        actor=actor,
        document=document,
        content=written_content(document, body),
        details={"kind": document.kind},
    )
    if edition is None:
        raise _invalid("text", _("Nội dung không thay đổi so với lần ban hành gần nhất."))
    return edition

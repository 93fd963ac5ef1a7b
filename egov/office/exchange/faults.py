"""The explicit faults of delivery, each with its stable code and Vietnamese message."""

from __future__ import annotations

from django.utils.translation import gettext as _

from egov.office.exchange.errors import ExchangeError
from egov.platform.core.errors import Conflict, DomainError, InvalidInput, NotFound


class TooLarge(DomainError):
    status = 413


def unsupported_version(version: str) -> InvalidInput:
    return InvalidInput(
        ExchangeError.UNSUPPORTED_VERSION,
        _("Phiên bản edXML «%(version)s» không được hỗ trợ; chỉ nhận QCVN 102:2016.")
        % {"version": version[:40]},
    )


def duplicate(consignment_id: str) -> Conflict:
    return Conflict(
        ExchangeError.DUPLICATE,
        _("Gói tin %(id)s đã được nhận trước đó; bản gửi lại bị bỏ qua.") % {"id": consignment_id},
    )


def unknown_addressee(organ_id: str) -> NotFound:
    return NotFound(
        ExchangeError.UNKNOWN_ADDRESSEE,
        _("Không có cơ quan nhận mã định danh «%(organ)s».") % {"organ": organ_id[:40]},
    )


def too_large(size: int, limit_mb: int) -> TooLarge:
    return TooLarge(
        ExchangeError.TOO_LARGE,
        _("Thông điệp %(size)s byte vượt giới hạn %(limit)s MB.")
        % {"size": size, "limit": limit_mb},
    )


def unknown_document(document_id: str) -> NotFound:
    return NotFound(
        ExchangeError.UNKNOWN_DOCUMENT,
        _("Trạng thái cho văn bản «%(document)s» chưa từng được gửi tới cơ quan này.")
        % {"document": document_id[:300]},
    )


def invalid_envelope(what: str) -> InvalidInput:
    return InvalidInput(
        ExchangeError.INVALID_FIELD,
        _("Phong bì thông điệp không hợp lệ: %(what)s.") % {"what": what},
    )

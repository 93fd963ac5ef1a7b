"""The REST API, mounted at /api/v1/. Each app contributes a router.

Every error answers `{"code": "...", "message": "..."}` with a 4xx status;
`code` is stable, `message` is Vietnamese for people.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from egov.office.documents.api import router as office_router
from egov.office.exchange.api import router as exchange_router
from egov.office.exchange.hub.api import router as hub_router
from egov.office.schedule.api import router as schedule_router
from egov.office.search.api import router as office_search_router
from egov.office.statistics.api import router as office_statistics_router
from egov.office.workfiles.api import router as workfiles_router
from egov.onestop.dossiers.api import router as dossiers_router
from egov.onestop.dossiers.tracking.api import router as tracking_router
from egov.platform.accounts.api import router as accounts_router
from egov.platform.audit.api import router as audit_router
from egov.platform.core.errors import DomainError
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.api import router as organisation_router
from egov.platform.signatures.api import router as signatures_router
from egov.platform.workcalendar.api import router as calendar_router
from egov.portal.pages.api import router as portal_router
from egov.voice.complaints import api_actions as _complaints_steps  # noqa: F401 - its routes
from egov.voice.complaints.api import router as complaints_router
from egov.voice.feedback.api import router as voice_router
from egov.voice.reception import api_days as _reception_days  # noqa: F401 - its routes
from egov.voice.reception.api import router as reception_router

logger = logging.getLogger(__name__)


def _docs_when_enabled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and docs pages, only where EGOV_API_DOCS turns them on.

    A production API need not publish its whole surface to anyone who asks;
    read at request time so the setting can be changed without a new import.
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.API_DOCS:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


api = NinjaAPI(
    title="egov API",
    version="1",
    description="Nền tảng chính quyền điện tử: API phiên bản 1.",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs_decorator=_docs_when_enabled,
)


def _error(
    request: HttpRequest, status: int, code: str, message: str, **extra: Any
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    extra = {"details": exc.details} if exc.details else {}
    return _error(request, exc.status, exc.code, exc.message, **extra)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [
        {"field": ".".join(str(p) for p in err.get("loc", ())[1:]), "type": err.get("type")}
        for err in exc.errors
    ]
    return _error(
        request,
        422,
        "invalid_input",
        _("Dữ liệu gửi lên không hợp lệ."),
        details={"fields": fields},
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "not_authenticated", _("Bạn cần đăng nhập."))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", _("Không tìm thấy."))


@api.exception_handler(DjangoPermissionDenied)
def on_permission_denied(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", _("Bạn không có quyền thực hiện thao tác này."))


@api.exception_handler(RequestDataTooBig)
def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # A body sent without Content-Length gets past the middleware's check.
    return _error(
        request, 413, "request_too_large", _("Dữ liệu gửi lên quá lớn. Vui lòng gửi ít hơn.")
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        # ninja raises this for a body that is not valid JSON.
        return _error(request, 400, "invalid_input", _("Dữ liệu gửi lên không đọc được."))
    code = "forbidden" if exc.status_code == 403 else "http_error"
    return _error(request, exc.status_code, code, str(exc))


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled API error", exc_info=exc)
    return _error(request, 500, "server_error", _("Lỗi hệ thống. Vui lòng thử lại sau."))


@api.get("/health", response={200: dict[str, str]}, tags=["system"], summary="Health check")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


api.add_router("/calendar", calendar_router, tags=["calendar"])
api.add_router("/units", organisation_router, tags=["organisation"])
api.add_router("/me", accounts_router, tags=["accounts"])
api.add_router("/audit", audit_router, tags=["audit"])
api.add_router("/tracking", tracking_router, tags=["tracking"])
api.add_router("/dossiers", dossiers_router, tags=["dossiers"])
api.add_router("/schedule", schedule_router, tags=["schedule"])
api.add_router("/office", office_router, tags=["office"])
api.add_router("/office", office_search_router, tags=["office"])
api.add_router("/office", office_statistics_router, tags=["office"])
api.add_router("/office/workfiles", workfiles_router, tags=["workfiles"])
api.add_router("/voice", voice_router, tags=["voice"])
api.add_router("/office/exchange", exchange_router, tags=["exchange"])
api.add_router("/exchange/hub", hub_router, tags=["exchange"])
api.add_router("/complaints", complaints_router, tags=["complaints"])
api.add_router("/signatures", signatures_router, tags=["signatures"])
api.add_router("/reception", reception_router, tags=["reception"])
api.add_router("/portal", portal_router, tags=["portal"])

__all__ = ["ErrorOut", "api"]

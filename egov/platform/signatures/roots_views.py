"""/chu-ky-so/chung-thu-goc/: the trusted roots administrators add and remove."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.platform.accounts.access import request_user
from egov.platform.core.errors import DomainError
from egov.platform.core.responses import not_found

from .config import signature_config
from .models import TrustedRoot
from .trustroots import MAX_BYTES, add_trusted_root, can_manage_roots, remove_trusted_root


def _page(request: HttpRequest, *, error: str = "") -> HttpResponse:
    config = signature_config()
    context = {
        "roots": list(TrustedRoot.objects.select_related("added_by")),
        "configured": [str(path) for path in config.trusted_roots] if config else [],
        "counted": bool(config and config.admin_roots),
        "error": error,
    }
    return render(request, "signatures/roots.html", context, status=422 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def roots(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not can_manage_roots(user):
        # Not a page others may know of.
        return not_found(request, None)
    if request.method == "GET":
        return _page(request)
    upload = request.FILES.get("certificate")
    if upload is None:
        return _page(request, error=_("Cần chọn tệp chứng thư số gốc."))
    try:
        add_trusted_root(actor=user, data=upload.read(MAX_BYTES + 1))
    except DomainError as exc:
        return _page(request, error=exc.message)
    messages.success(request, _("Đã thêm chứng thư số gốc tin cậy."))
    return redirect("signatures:roots")


@login_required
@require_POST
def remove_root(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    root = TrustedRoot.objects.filter(pk=pk).first()
    if root is None or not can_manage_roots(user):
        return not_found(request, None)
    remove_trusted_root(actor=user, root=root)
    messages.success(request, _("Đã gỡ chứng thư số gốc khỏi danh sách tin cậy."))
    return redirect("signatures:roots")

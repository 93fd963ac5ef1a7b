"""The page where a user keeps their own handwritten signature image and
remote signing account, and an administrator their units' seal images."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit

from .images import MAX_BYTES
from .models import UnitSeal
from .services import profile_of, set_remote_account, upload_seal_image, upload_signature_image
from .trustroots import can_manage_roots


def _administered(user: User) -> list[Unit]:
    return [
        membership.unit
        for membership in Membership.objects.filter(
            user=user, role=Role.ADMINISTRATOR, unit__is_active=True
        )
        .select_related("unit")
        .order_by("unit__name", "pk")
    ]


def _page(request: HttpRequest, user: User, *, error: str = "") -> HttpResponse:
    units = _administered(user)
    sealed = set(UnitSeal.objects.filter(unit__in=units).values_list("unit_id", flat=True))
    context = {
        "profile": profile_of(user),
        "units": [(unit, unit.pk in sealed) for unit in units],
        "manages_roots": can_manage_roots(user),
        "error": error,
    }
    return render(request, "signatures/settings.html", context, status=422 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if request.method == "GET":
        return _page(request, user)
    action = request.POST.get("action", "")
    upload = request.FILES.get("image")
    try:
        if action == "account":
            set_remote_account(actor=user, account=request.POST.get("account", ""))
        elif action in ("image", "seal") and upload is not None:
            data = upload.read(MAX_BYTES + 1)
            if action == "image":
                upload_signature_image(actor=user, data=data)
            else:
                unit = next(
                    (u for u in _administered(user) if str(u.pk) == request.POST.get("unit")),
                    None,
                )
                if unit is None:
                    return _page(
                        request,
                        user,
                        error=_("Chỉ quản trị của cơ quan mới được tải lên ảnh con dấu."),
                    )
                upload_seal_image(actor=user, unit=unit, data=data)
        else:
            return _page(request, user, error=_("Cần chọn tệp ảnh PNG."))
    except DomainError as exc:
        return _page(request, user, error=exc.message)
    messages.success(request, _("Đã lưu."))
    return redirect("signatures:settings")

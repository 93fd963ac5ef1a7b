"""Account pages of citizens and businesses: register, confirm, log in, reset, profile."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import AccountKind, User
from egov.platform.accounts.twofactor import has_device, start_pending_login
from egov.platform.citizens import codes, forms, services
from egov.platform.citizens.codes import issue_code
from egov.platform.citizens.contacts import mask_contact, parse_contact
from egov.platform.citizens.errors import CitizenError
from egov.platform.citizens.models import CitizenProfile, CodePurpose
from egov.platform.citizens.oidc import oidc_config
from egov.platform.citizens.selectors import PUBLIC_KINDS, account_by_contact
from egov.platform.citizens.sending_limits import TooManyMessages, count_message
from egov.platform.core.errors import DomainError, InvalidInput

PENDING_USER = "citizens_confirm_user"
# Set instead of PENDING_USER when a phone registration met an existing
# account: the code page then answers as if a code had gone out (wrong code,
# attempts left), so that the next step does not reveal it either.
PENDING_DECOY = "citizens_confirm_decoy"
RESET_PHONE = "citizens_reset_phone"
# The registration form's field that a refusal belongs to; the others go to "contact".
_REGISTRATION_FIELDS: dict[str, str] = {
    CitizenError.WEAK_PASSWORD: "password1",
    CitizenError.INVALID_ID_NUMBER: "id_number",
    CitizenError.ID_NUMBER_TAKEN: "id_number",
    CitizenError.ID_NUMBER_FOR_CITIZENS: "id_number",
    CitizenError.NAME_REQUIRED: "full_name",
}


def _show_error(form: Any, exc: DomainError, field: str | None = None) -> None:
    form.add_error(field, exc.message)


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:mine")
    form = forms.RegisterForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count_message(request, parse_contact(data["contact"]))
            user = services.register_citizen(
                kind=AccountKind(data["kind"]),
                full_name=data["full_name"],
                contact=data["contact"],
                password=data["password1"],
                id_number=data["id_number"],
            )
        except DomainError as exc:
            field = _REGISTRATION_FIELDS.get(exc.code, "contact")
            for message in exc.details.get("messages", [exc.message]):
                _show_error(form, DomainError(exc.code, message), field)
            status = exc.status if isinstance(exc, TooManyMessages) else 200
        else:
            # `user` is None when the contact or ID number already has an
            # account: the answer is the same, byte for byte (services.py).
            contact = parse_contact(data["contact"])
            if contact.kind == "phone":
                if user is None:
                    request.session.pop(PENDING_USER, None)
                    request.session[PENDING_DECOY] = 0
                else:
                    request.session.pop(PENDING_DECOY, None)
                    request.session[PENDING_USER] = user.pk
                messages.success(
                    request,
                    _("Chúng tôi đã gửi mã xác nhận tới số %(phone)s.")
                    % {"phone": mask_contact(contact)},
                )
                return redirect("citizens:confirm-phone")
            return render(request, "citizens/email_sent.html", {"contact": mask_contact(contact)})
    return render(
        request,
        "citizens/register.html",
        {"form": form, "oidc": oidc_config()},
        status=status,
    )


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button: mail scanners follow links, and a GET must not
    # change anything.
    if request.method != "POST":
        return render(request, "citizens/confirm_email.html", {"token": token})
    try:
        services.confirm_email(token=token)
    except DomainError as exc:
        return render(
            request,
            "citizens/confirm_email.html",
            {"token": token, "error": exc.message},
            status=400,
        )
    messages.success(request, _("Đã xác nhận địa chỉ e-mail."))
    if request.user.is_authenticated:
        return redirect("citizens:profile")
    messages.info(request, _("Bạn có thể đăng nhập."))
    return redirect("citizens:login")


def _pending_user(request: HttpRequest) -> User | None:
    if request.user.is_authenticated:
        user = request_user(request)
        return user if user.kind in PUBLIC_KINDS else None
    pk = request.session.get(PENDING_USER)
    return User.objects.filter(pk=pk, kind__in=PUBLIC_KINDS).first() if pk else None


def confirm_phone(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if user is None and PENDING_DECOY in request.session:
            _show_error(form, _decoy_refusal(request), "code")
        elif user is None:
            form.add_error("code", _("Không có mã đang chờ. Hãy yêu cầu gửi mã mới."))
        else:
            try:
                services.confirm_phone(user=user, code=form.cleaned_data["code"])
            except DomainError as exc:
                _show_error(form, exc, "code")
            else:
                request.session.pop(PENDING_USER, None)
                messages.success(request, _("Đã xác nhận số điện thoại."))
                if request.user.is_authenticated:
                    return redirect("citizens:profile")
                messages.info(request, _("Bạn có thể đăng nhập."))
                return redirect("citizens:login")
    return render(request, "citizens/confirm_phone.html", {"form": form, "has_user": user})


def _decoy_refusal(request: HttpRequest) -> DomainError:
    """What a real code's wrong entry answers: attempts left, then locked."""
    tries = int(request.session.get(PENDING_DECOY, 0)) + 1
    request.session[PENDING_DECOY] = tries
    if tries >= codes.MAX_ATTEMPTS:
        return codes.locked_error()
    return codes.wrong_error(codes.MAX_ATTEMPTS - tries)


def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """Send the link or code again to an account not yet confirmed."""
    form = forms.ContactForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            contact = parse_contact(form.cleaned_data["contact"])
            count_message(request, contact)
            user = account_by_contact(contact, confirmed_only=False)
            profile = CitizenProfile.objects.filter(user=user).first() if user else None
            if user is not None and profile is not None and not profile.is_confirmed:
                if contact.kind == "email":
                    with transaction.atomic():
                        services.schedule_confirmation_email(user, contact.value)
                else:
                    issue_code(user=user, phone=contact.value, purpose=CodePurpose.CONFIRM_PHONE)
                    request.session[PENDING_USER] = user.pk
        except DomainError as exc:
            _show_error(form, exc, "contact")
            status = exc.status if isinstance(exc, TooManyMessages) else 200
        else:
            # The same answer whether or not such an account exists.
            messages.success(
                request,
                _("Nếu tài khoản tồn tại và chưa được xác nhận, chúng tôi đã gửi lại."),
            )
            if contact.kind == "phone":
                return redirect("citizens:confirm-phone")
            return redirect("citizens:login")
    return render(request, "citizens/resend.html", {"form": form}, status=status)


class CitizenLoginView(auth_views.LoginView):
    template_name = "citizens/login.html"
    form_class = forms.CitizenLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc"] = oidc_config()
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        # Staff can log in here with their username too: an enrolled one
        # still types the code (accounts/twofactor.py).
        user = form.get_user()
        if has_device(user):
            return start_pending_login(self.request, user, self.get_redirect_url())
        return super().form_valid(form)


class ResetView(auth_views.PasswordResetView):
    template_name = "citizens/reset_request.html"
    form_class = forms.CitizenPasswordResetForm
    email_template_name = "citizens/email/password_reset.txt"
    subject_template_name = "citizens/email/password_reset_subject.txt"
    success_url = reverse_lazy("citizens:reset-sent")

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            count_message(self.request, parse_contact(form.cleaned_data["email"]))
        except DomainError as exc:
            form.add_error("email", exc.message)
            status = exc.status if isinstance(exc, TooManyMessages) else 200
            return self.render_to_response(self.get_context_data(form=form), status=status)
        return super().form_valid(form)


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "citizens/reset_sent.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "citizens/reset_confirm.html"
    form_class = forms.CitizenSetPasswordForm
    success_url = reverse_lazy("citizens:reset-complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "citizens/reset_complete.html"


def reset_by_phone(request: HttpRequest) -> HttpResponse:
    form = forms.PhoneForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            contact = parse_contact(form.cleaned_data["phone"])
            if contact.kind != "phone":
                raise InvalidInput(
                    CitizenError.INVALID_PHONE, _("Hãy nhập số điện thoại (ví dụ 0912345678).")
                )
            count_message(request, contact)
            user = account_by_contact(contact)
            if user is not None and user.is_active:
                issue_code(user=user, phone=contact.value, purpose=CodePurpose.RESET_PASSWORD)
        except DomainError as exc:
            _show_error(form, exc, "phone")
            status = exc.status if isinstance(exc, TooManyMessages) else 200
        else:
            request.session[RESET_PHONE] = contact.value
            messages.success(
                request, _("Nếu số điện thoại đã đăng ký, chúng tôi đã gửi mã đặt lại mật khẩu.")
            )
            return redirect("citizens:reset-phone-code")
    return render(request, "citizens/reset_phone.html", {"form": form}, status=status)


def reset_by_phone_code(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(RESET_PHONE)
    if not phone:
        return redirect("citizens:reset-phone")
    form = forms.PhoneResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = account_by_contact(parse_contact(phone))
        try:
            if user is None or not user.is_active:
                raise InvalidInput(
                    CitizenError.CODE_MISSING, _("Không có mã đang chờ. Hãy yêu cầu gửi mã mới.")
                )
            services.reset_password_with_code(
                user=user, code=form.cleaned_data["code"], password=form.cleaned_data["password1"]
            )
        except DomainError as exc:
            weak = exc.code == CitizenError.WEAK_PASSWORD
            _show_error(form, exc, "password1" if weak else "code")
        else:
            request.session.pop(RESET_PHONE, None)
            return redirect("citizens:reset-complete")
    return render(
        request,
        "citizens/reset_phone_code.html",
        {"form": form, "phone": mask_contact(parse_contact(phone))},
    )


def _citizen(request: HttpRequest) -> User:
    user = request_user(request)
    if user.kind not in PUBLIC_KINDS:
        raise Http404
    return user


@login_required(login_url="citizens:login")
def profile(request: HttpRequest) -> HttpResponse:
    user = _citizen(request)
    record = CitizenProfile.objects.filter(user=user).select_related("address_unit").first()
    initial = {
        "full_name": user.full_name,
        "id_number": user.id_number or "",
        "date_of_birth": record.date_of_birth if record else None,
        "address": record.address if record else "",
        "address_unit": record.address_unit if record else None,
    }
    form = forms.ProfileForm(
        request.POST or None, initial=initial, id_number_fixed=bool(user.id_number)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_profile(
                actor=user,
                user=user,
                full_name=data["full_name"],
                date_of_birth=data["date_of_birth"],
                address=data["address"],
                address_unit=data["address_unit"],
                id_number=data.get("id_number") or "",
            )
        except DomainError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("citizens:profile")
    return render(
        request,
        "citizens/profile.html",
        {
            "form": form,
            "record": record,
            "contact_form": forms.ContactForm(),
            "oidc": oidc_config(),
            "account": user,
        },
    )


@login_required(login_url="citizens:login")
@require_POST
def change_contact(request: HttpRequest) -> HttpResponse:
    user = _citizen(request)
    form = forms.ContactForm(request.POST)
    if form.is_valid():
        try:
            contact = services.request_contact_change(
                actor=user, contact=form.cleaned_data["contact"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if contact.kind == "phone":
                messages.success(
                    request,
                    _("Đã gửi mã tới %(c)s. Nhập mã để đổi số điện thoại.")
                    % {"c": mask_contact(contact)},
                )
                return redirect("citizens:confirm-phone")
            messages.success(
                request,
                _("Đã gửi đường dẫn xác nhận tới %(c)s. E-mail được đổi khi bạn xác nhận.")
                % {"c": mask_contact(contact)},
            )
    else:
        messages.error(request, _("Hãy nhập e-mail hoặc số điện thoại."))
    return redirect("citizens:profile")

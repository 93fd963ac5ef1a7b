"""Forms of the account pages. They parse what was posted; the services rule."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from egov.platform.accounts.models import AccountKind, User
from egov.platform.citizens.contacts import parse_contact
from egov.platform.citizens.models import CitizenProfile
from egov.platform.citizens.selectors import PUBLIC_KINDS, account_by_contact, communes
from egov.platform.citizens.services import password_problems, set_new_password
from egov.platform.core.collation import vietnamese_key
from egov.platform.core.errors import InvalidInput
from egov.platform.notifications.services import queue_email
from egov.platform.organisation.models import Unit
from egov.platform.web.widgets import VietnameseDateInput

logger = logging.getLogger(__name__)

CONTACT_LABEL = _("E-mail hoặc số điện thoại")


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không toàn chữ số, không quá giống tên hoặc e-mail."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Hai mật khẩu không giống nhau."))
        return data


class RegisterForm(PasswordPairMixin):
    kind = forms.ChoiceField(
        label=_("Đăng ký cho"),
        choices=[
            (AccountKind.CITIZEN.value, _("Công dân")),
            (AccountKind.BUSINESS.value, _("Doanh nghiệp, tổ chức")),
        ],
        initial=AccountKind.CITIZEN.value,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(
        label=_("Họ và tên (hoặc tên doanh nghiệp)"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=CONTACT_LABEL,
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD, không bắt buộc)"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": r"\d{12}"}),
    )
    field_order = ["kind", "full_name", "contact", "id_number", "password1", "password2"]


class CitizenLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "E-mail/số điện thoại hoặc mật khẩu không đúng. "
            "Lưu ý: mật khẩu có phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
        "unconfirmed": _(
            "Tài khoản chưa được xác nhận. Hãy mở đường dẫn trong thư chúng tôi đã gửi "
            "hoặc nhập mã SMS, rồi đăng nhập lại."
        ),
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = CONTACT_LABEL
        username = self.fields["username"]
        assert isinstance(username, forms.CharField)  # noqa: S101
        username.max_length = 254
        self.unconfirmed = False

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError as exc:
            if getattr(exc, "code", None) == "invalid_login" and self._unconfirmed():
                self.unconfirmed = True
                raise forms.ValidationError(
                    self.error_messages["unconfirmed"], code="unconfirmed"
                ) from exc
            raise

    def _unconfirmed(self) -> bool:
        # Said only to whoever knows the password, so it reveals nothing new.
        try:
            contact = parse_contact(self.cleaned_data.get("username") or "")
        except InvalidInput:
            return False
        user = account_by_contact(contact, confirmed_only=False)
        if user is None or user.is_active:
            return False
        profile = CitizenProfile.objects.filter(user=user).first()
        if profile is None or profile.is_confirmed:
            return False
        return user.check_password(self.cleaned_data.get("password") or "")


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Mã xác nhận (6 chữ số)"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Mã gồm đúng 6 chữ số.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6"}
        ),
    )


class ContactForm(forms.Form):
    contact = forms.CharField(label=CONTACT_LABEL, max_length=254)


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Số điện thoại đã đăng ký"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class PhoneResetForm(CodeForm, PasswordPairMixin):
    pass


class CitizenPasswordResetForm(PasswordResetForm):
    """Django's reset by e-mail, limited to citizen and business accounts
    whose e-mail is confirmed (or was entered by an administrator)."""

    def get_users(self, email: str) -> Any:
        accounts = User.objects.filter(
            email__iexact=email, kind__in=PUBLIC_KINDS, is_active=True
        ).filter(
            Q(citizen_profile__isnull=True) | Q(citizen_profile__email_confirmed_at__isnull=False)
        )
        return (u for u in accounts if u.has_usable_password())

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Queue the reset link for the worker (Django's form would send it here,
        in the request): sealed, since the link is a key to the account."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        queue_email(to=to_email, subject=subject, body=body, sealed=True)


class CitizenSetPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    def validate_password_for_user(
        self,
        user: Any,
        password_field_name: str = "password2",  # noqa: S107 (a field name)
    ) -> None:
        password = self.cleaned_data.get(password_field_name)
        if password:
            for problem in password_problems(password, user):
                self.add_error(password_field_name, problem)

    def save(self, commit: bool = True) -> Any:
        return set_new_password(
            user=self.user, password=self.cleaned_data["new_password1"], via="email"
        )


class VietnameseOrder(ModelChoiceIterator):
    """The choices by province, then commune, in Vietnamese alphabetical order."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in sorted(
            self.queryset,
            key=lambda unit: (
                vietnamese_key(unit.parent.name if unit.parent else ""),
                vietnamese_key(unit.name),
            ),
        ):
            yield self.choice(obj)


class CommuneChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    iterator = VietnameseOrder

    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} – {obj.parent.name}" if obj.parent else obj.name


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        widget=VietnameseDateInput(attrs={"autocomplete": "bday"}),
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": r"\d{12}"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ (số nhà, đường, ấp/khu phố)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    address_unit = CommuneChoiceField(
        label=_("Xã/phường/đặc khu"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— Chọn xã/phường —"),
    )

    def __init__(self, *args: Any, id_number_fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["address_unit"]
        assert isinstance(field, CommuneChoiceField)  # noqa: S101
        field.queryset = communes()
        if id_number_fixed:
            self.fields["id_number"].disabled = True

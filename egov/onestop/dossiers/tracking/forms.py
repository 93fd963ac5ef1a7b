"""The lookup form: the dossier code plus the receipt's secret or a phone number.

The field names are the query parameters printed in the receipt's QR code:
`/tra-cuu/?ma=<code>&bi_mat=<secret>`.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _


def _from_scan(value: str) -> dict[str, str]:
    """A scanner that types the receipt's QR link into the code box: split it."""
    if "?" not in value:
        return {}
    query = parse_qs(urlsplit(value.strip()).query)
    return {name: values[0] for name, values in query.items() if values}


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã hồ sơ hoặc mã theo dõi"),
        help_text=_(
            "Hồ sơ nộp trực tuyến chưa được tiếp nhận: nhập mã theo dõi (bắt đầu bằng TD-)."
        ),
        max_length=300,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
                "placeholder": "000.00.01.H53-250710-0001",
            }
        ),
    )
    bi_mat = forms.CharField(
        label=_("Mã tra cứu trên phiếu hẹn"),
        max_length=16,
        required=False,
        help_text=_("6 ký tự in trên giấy tiếp nhận và hẹn trả kết quả."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    dien_thoai = forms.CharField(
        label=_("Hoặc số điện thoại người nộp"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )

    def clean(self) -> dict[str, str]:
        data: dict[str, str] = super().clean() or {}
        scanned = _from_scan(data.get("ma", ""))
        if scanned.get("ma"):
            data["ma"] = scanned["ma"][:64]
            data["bi_mat"] = data.get("bi_mat") or scanned.get("bi_mat", "")[:16]
        data["ma"] = data.get("ma", "").strip()[:64]
        if "ma" in self.cleaned_data and not (data.get("bi_mat") or data.get("dien_thoai")):
            raise forms.ValidationError(
                _("Nhập mã tra cứu in trên phiếu hẹn hoặc số điện thoại người nộp hồ sơ."),
                code="proof_required",
            )
        return data

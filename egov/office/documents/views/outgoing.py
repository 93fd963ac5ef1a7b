"""Outgoing documents' pages: the specialist's drafts, the reviews, the clerk's issue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.office.documents import files
from egov.office.documents.forms_outgoing import DraftForm, VersionForm
from egov.office.documents.models import (
    IncomingDocument,
    OutgoingDocument,
    OutgoingStatus,
    VersionStatus,
)
from egov.office.documents.selectors import incoming_for_user
from egov.office.documents.selectors_outgoing import (
    attachment_of,
    issued_register,
    my_drafts,
    outgoing_for_user,
    to_issue,
    to_review,
    visible_outgoing,
)
from egov.office.documents.services.outgoing import (
    Draft,
    ReviewAction,
    add_version,
    create_draft,
    drafting_unit_of,
    issue_outgoing,
    issuing_body,
    review_outgoing,
    send_outgoing,
)
from egov.office.documents.services.publicity import PUBLISHING_ROLES, set_outgoing_public
from egov.office.documents.services.signing import (
    finish_approval_signing,
    pending_signing,
    signing_available,
    signing_outcome,
)
from egov.office.exchange.selectors import timelines as exchange_timelines
from egov.platform.accounts.access import has_role_over, request_user
from egov.platform.accounts.models import Role, User
from egov.platform.conversion.tools import office_available
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found

PAGE_SIZE = 25
REVIEW_SLUGS = {
    "y-kien": ReviewAction.COMMENT,
    "tra-lai": ReviewAction.RETURN,
    "chuyen-trinh": ReviewAction.PASS,
    "duyet": ReviewAction.APPROVE,
}
LISTS = {
    "drafts": (my_drafts, gettext_lazy("Dự thảo của tôi")),
    "to-review": (to_review, gettext_lazy("Chờ tôi xem xét, ký")),
    "to-issue": (to_issue, gettext_lazy("Chờ cấp số, phát hành")),
    "issued": (issued_register, gettext_lazy("Sổ văn bản đi")),
}


def _list(request: HttpRequest, here: str) -> HttpResponse:
    user = request_user(request)
    selector, title = LISTS[here]
    documents: QuerySet[OutgoingDocument] = selector(user)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "here": here, "title": title}
    if request.htmx and request.htmx.target == "outgoing-list":  # type: ignore[attr-defined]
        return render(request, "office/outgoing/_rows.html", context)
    return render(request, "office/outgoing/list.html", context)


@login_required
@require_GET
def drafts_page(request: HttpRequest) -> HttpResponse:
    return _list(request, "drafts")


@login_required
@require_GET
def to_review_page(request: HttpRequest) -> HttpResponse:
    return _list(request, "to-review")


@login_required
@require_GET
def to_issue_page(request: HttpRequest) -> HttpResponse:
    return _list(request, "to-issue")


@login_required
@require_GET
def issued_page(request: HttpRequest) -> HttpResponse:
    return _list(request, "issued")


def _reply_to(user: User, raw: object) -> IncomingDocument | None:
    try:
        return incoming_for_user(user, int(str(raw))) if raw not in (None, "") else None
    except (NotFound, ValueError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def new_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    try:
        drafting_unit = drafting_unit_of(user)
        body = issuing_body(drafting_unit)
    except DomainError:
        return not_found(request, None)
    issued = visible_outgoing(user)
    if request.method != "POST":
        reply_to = _reply_to(user, request.GET.get("tra-loi"))
        form = DraftForm(
            initial={"reply_to": reply_to.pk if reply_to else None},
            body=body,
            drafting_unit=drafting_unit,
            issued=issued,
        )
        return _form(request, form, body, reply_to, error="")
    form = DraftForm(
        request.POST, request.FILES, body=body, drafting_unit=drafting_unit, issued=issued
    )
    reply_to = _reply_to(user, request.POST.get("reply_to"))
    if reply_to is None and request.POST.get("reply_to"):
        return _form(request, form, body, None, error=_("Không tìm thấy văn bản đến được trả lời."))
    if not form.is_valid():
        return _form(
            request, form, body, reply_to, error=_("Vui lòng kiểm tra các ô được đánh dấu.")
        )
    data = form.cleaned_data
    try:
        document = create_draft(
            actor=user,
            draft=Draft(
                document_type=data["document_type"],
                summary=data["summary"],
                signer=data["signer"],
                reviewer=data["reviewer"],
                urgency=data["urgency"],
                secrecy=data["secrecy"],
                internal_units=list(data["internal_units"]),
                external_names=form.outside(),
                exchange_agencies=list(data["exchange_agencies"]),
                reply_to=reply_to,
                relation=data["relation"] or "",
                related=data["related"],
                signature_required=bool(data.get("signature_required")),
            ),
            file=data["file"],
            note=data["note"],
            attachments=request.FILES.getlist("attachments"),
        )
    except DomainError as exc:
        return _form(request, form, body, reply_to, error=exc.message)
    messages.success(request, _("Đã tạo dự thảo."))
    return redirect("office:outgoing-detail", pk=document.pk)


def _form(
    request: HttpRequest,
    form: DraftForm,
    body: object,
    reply_to: IncomingDocument | None,
    *,
    error: str,
) -> HttpResponse:
    context = {
        "form": form,
        "body": body,
        "reply_to": reply_to,
        "error": error,
        "converter": office_available(),
    }
    return render(request, "office/outgoing/new.html", context, status=422 if error else 200)


@login_required
@require_GET
def detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        document = outgoing_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    if request.htmx and request.htmx.target == "versions":  # type: ignore[attr-defined]
        return render(request, "office/outgoing/_versions.html", _context(user, document))
    return _detail(request, user, document)


def _context(user: User, document: OutgoingDocument) -> dict[str, object]:
    versions = list(
        document.versions.select_related("created_by")
        .prefetch_related("attachments")
        .order_by("-number")
    )
    status = document.status
    return {
        "document": document,
        "versions": versions,
        "converting": any(v.status == VersionStatus.CONVERTING for v in versions),
        "latest": versions[0] if versions else None,
        "recipients": list(document.recipients.select_related("unit", "incoming").order_by("pk")),
        # The exchange recipients' status timelines and send faults (egov/office/exchange).
        "exchange": exchange_timelines(document) if document.issued_at else [],
        "steps": list(document.steps.select_related("actor").order_by("created_at", "pk")),
        "changed_by": list(document.changed_by.order_by("pk")),
        "is_drafter": user.pk == document.drafter_id and status == OutgoingStatus.DRAFT,
        "is_reviewer": user.pk == document.reviewer_id and status == OutgoingStatus.IN_REVIEW,
        "is_signer": user.pk == document.signer_id and status == OutgoingStatus.SUBMITTED,
        "is_clerk": status == OutgoingStatus.APPROVED
        and has_role_over(user, document.body, [Role.CLERK]),
        # The body's clerk or leader puts it on the portal (services/publicity.py);
        # a classified document never goes there, so it gets no button.
        "can_publish": not document.confidential
        and has_role_over(user, document.body, PUBLISHING_ROLES),
        "version_form": VersionForm(),
        "converter": office_available(),
        "signing_available": signing_available(),
        "pending_signing": pending_signing(document) if document.signature_required else None,
        "signing_outcome": signing_outcome(document)
        if document.signature_required and status == OutgoingStatus.SUBMITTED
        else "",
    }


def _detail(
    request: HttpRequest,
    user: User,
    document: OutgoingDocument,
    *,
    error: str = "",
    status: int = 422,
) -> HttpResponse:
    context = _context(user, document)
    context["error"] = error
    return render(request, "office/outgoing/detail.html", context, status=status if error else 200)


def _visible(request: HttpRequest, pk: int) -> tuple[User, OutgoingDocument] | None:
    user = request_user(request)
    try:
        return user, outgoing_for_user(user, pk)
    except NotFound:
        return None


@login_required
@require_POST
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    user, document = found
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, user, document, error=_("Cần chọn tệp dự thảo."))
    try:
        add_version(
            actor=user,
            document=document,
            file=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
            attachments=request.FILES.getlist("attachments"),
        )
    except DomainError as exc:
        return _detail(request, user, document, error=exc.message)
    messages.success(request, _("Đã tải lên phiên bản mới."))
    return redirect("office:outgoing-detail", pk=document.pk)


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    user, document = found
    try:
        document = send_outgoing(actor=user, document=document, note=request.POST.get("note", ""))
    except DomainError as exc:
        return _detail(request, user, document, error=exc.message)
    messages.success(
        request,
        _("Đã gửi lãnh đạo phòng xem xét.")
        if document.status == OutgoingStatus.IN_REVIEW
        else _("Đã trình ký."),
    )
    return redirect("office:outgoing-detail", pk=document.pk)


@login_required
@require_POST
def review(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    found = _visible(request, pk)
    if found is None or action not in REVIEW_SLUGS:
        return not_found(request, None)
    user, document = found
    try:
        document = review_outgoing(
            actor=user,
            document=document,
            action=REVIEW_SLUGS[action],
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        return _detail(request, user, document, error=exc.message)
    if document.status == OutgoingStatus.SUBMITTED and pending_signing(document) is not None:
        messages.success(
            request,
            _(
                "Đã gửi yêu cầu ký số đến điện thoại của bạn. Xác nhận trên điện thoại "
                "rồi bấm «Kiểm tra xác nhận ký số»."
            ),
        )
    else:
        messages.success(request, _("Đã ghi nhận."))
    return redirect("office:outgoing-detail", pk=document.pk)


@login_required
@require_POST
def sign_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The leader checks whether their phone confirmed the signature."""
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    user, document = found
    try:
        document = finish_approval_signing(actor=user, document=document)
    except DomainError as exc:
        document.refresh_from_db()
        return _detail(request, user, document, error=exc.message)
    if document.status == OutgoingStatus.APPROVED:
        messages.success(request, _("Đã ký số và duyệt văn bản."))
    else:
        messages.info(request, _("Chưa có xác nhận ký số từ điện thoại của bạn."))
    return redirect("office:outgoing-detail", pk=document.pk)


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    user, document = found
    try:
        document = issue_outgoing(actor=user, document=document)
    except DomainError as exc:
        return _detail(request, user, document, error=exc.message)
    messages.success(
        request,
        _("Đã cấp số %(notation)s ngày %(day)s và phát hành.")
        % {"notation": document.notation, "day": f"{document.issued_on:%d/%m/%Y}"},
    )
    return redirect("office:outgoing-detail", pk=document.pk)


# The form's value: put on the portal, or take off it.
PUBLIC_CHOICES = {"1": True, "0": False}


@login_required
@require_POST
def make_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Công khai trên cổng thông tin" button (Decree 42/2022/NĐ-CP art. 4)."""
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    user, document = found
    public = PUBLIC_CHOICES.get(request.POST.get("public", ""))
    if public is None:
        return _detail(request, user, document, error=_("Lựa chọn công khai không hợp lệ."))
    try:
        document = set_outgoing_public(actor=user, document=document, public=public)
    except DomainError as exc:
        return _detail(request, user, document, error=exc.message, status=exc.status)
    messages.success(
        request,
        _("Đã công khai văn bản trên cổng thông tin.")
        if document.public
        else _("Đã thôi công khai văn bản trên cổng thông tin."),
    )
    return redirect("office:outgoing-detail", pk=document.pk)


@login_required
@require_GET
def version_file(request: HttpRequest, pk: int, item: int) -> HttpResponseBase:
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    _user, document = found
    version = document.versions.filter(number=item).first()
    if version is None or not version.file.name:
        return not_found(request, None)
    name = document.notation.replace("/", "-") if document.notation else f"du-thao-{document.pk}"
    return files.serve(version.file, download_name=f"{name}-v{version.number}")


@login_required
@require_GET
def attachment_file(request: HttpRequest, pk: int, item: int, position: int) -> HttpResponseBase:
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    _user, document = found
    row = attachment_of(document, version=item, position=position)
    if row is None:
        return not_found(request, None)
    name = document.notation.replace("/", "-") if document.notation else f"du-thao-{document.pk}"
    # A DOCX not converted yet is served as uploaded.
    stored = row.file if row.file.name else row.source
    return files.serve(stored, download_name=f"{name}-v{item}-phu-luc-{position}")

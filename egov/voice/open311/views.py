"""Open311 GeoReport v2: services, service definitions, service requests (create, list, one).

Endpoints end in `.json` or `.xml`; errors are a list of {code, description}
with the HTTP status as the code (400 bad or missing input, 403 wrong or
missing api_key, 404 unknown service or request, 429 too many requests).

Mapping to feedback: a service is an active Topic (service_code = its
code; no extra attributes, so `metadata` is false and its definition lists
none); a service request is a feedback item, `service_request_id` its
public code. A request is `closed` once answered or refused. Lists show no
personal data: `description` is the published question (empty until
published), `status_notes` the published answer or the refusal reason.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from egov.platform.citizens.lockout import lockout_address
from egov.platform.core.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from egov.voice.feedback.models import OPEN_STATUSES, Channel, Feedback, Status, Subject, Topic
from egov.voice.feedback.services import Submission, send_feedback
from egov.voice.open311.errors import Open311Error
from egov.voice.open311.formats import errors, respond, respond_single
from egov.voice.open311.keys import client_for_key

# The specification's defaults for GET requests: the last 90 days, at most 1000.
DEFAULT_DAYS = 90
MAX_RESULTS = 1000


def _service(topic: Topic) -> dict[str, Any]:
    return {
        "service_code": topic.code,
        "service_name": topic.name,
        "description": topic.description,
        "metadata": False,
        "type": "batch",
        "keywords": "",
        "group": "",
    }


def _when(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _request(feedback: Feedback) -> dict[str, Any]:
    notes = ""
    if feedback.status == Status.REFUSED:
        notes = feedback.refusal_reason
    elif feedback.published_at is not None:
        notes = feedback.public_answer
    return {
        "service_request_id": feedback.code,
        "status": "open" if feedback.status in OPEN_STATUSES else "closed",
        "status_notes": notes,
        "service_name": feedback.topic.name if feedback.topic else None,
        "service_code": feedback.topic.code if feedback.topic else None,
        "description": feedback.public_question if feedback.published_at else None,
        "agency_responsible": (feedback.unit or feedback.addressed_to).name,
        "service_notice": None,
        "requested_datetime": _when(feedback.received_at),
        "updated_datetime": _when(feedback.updated_at),
        "expected_datetime": _when(feedback.current_due_at),
        "address": feedback.place or None,
        "address_id": None,
        "zipcode": None,
        "lat": feedback.latitude,
        "long": feedback.longitude,
        "media_url": feedback.media_url or None,
    }


def _status_of(error: DomainError) -> int:
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, NotFound):
        return 404
    if error.status == 429:
        return 429
    return 400


@require_GET
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    topics = Topic.objects.filter(is_active=True).order_by("code")
    return respond(fmt, root="services", item_name="service", items=[_service(t) for t in topics])


@require_GET
def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    topic = Topic.objects.filter(code=service_code, is_active=True).first()
    if topic is None:
        return errors(fmt, 404, _("Không có dịch vụ (lĩnh vực) với mã này."))
    return respond_single(
        fmt, root="service_definition", item={"service_code": topic.code, "attributes": []}
    )


def _decimal(raw: str | None, name: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise InvalidInput(Open311Error.INVALID, _("%(n)s không phải số.") % {"n": name}) from None
    if not value.is_finite():
        raise InvalidInput(Open311Error.INVALID, _("%(n)s không phải số.") % {"n": name})
    return value


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    client = client_for_key(data.get("api_key", ""))
    if client is None:
        return errors(fmt, 403, _("Thiếu api_key hoặc api_key không hợp lệ."))
    topic = Topic.objects.filter(code=data.get("service_code", ""), is_active=True).first()
    if topic is None:
        return errors(fmt, 400, _("service_code không có hoặc không hợp lệ."))
    try:
        lat, lon = _decimal(data.get("lat"), "lat"), _decimal(data.get("long"), "long")
    except DomainError as error:
        return errors(fmt, 400, error.message)
    address = data.get("address_string", "").strip()
    if (lat is None or lon is None) and not address and not data.get("address_id"):
        return errors(fmt, 400, _("Cần vị trí: lat và long, hoặc address_string, hoặc address_id."))
    name = " ".join(f"{data.get('first_name', '')} {data.get('last_name', '')}".split())
    description = data.get("description", "").strip()
    try:
        feedback = send_feedback(
            actor=None,
            submission=Submission(
                subject=Subject.PROCEDURE,
                title=(description.splitlines()[0][:120] if description else topic.name),
                content=description or topic.name,
                topic=topic,
                sender_name=name or _("Người dùng %(app)s") % {"app": client.name},
                sender_phone=data.get("phone", ""),
                sender_email=data.get("email", ""),
                place=address[:300],
                latitude=lat,
                longitude=lon,
                media_url=data.get("media_url", ""),
            ),
            addressed_to=client.unit,
            channel=Channel.API,
            attachments=request.FILES.getlist("media"),
            client_address=lockout_address(request),
            client_name=f"open311:{client.pk}",
        )
    except DomainError as error:
        return errors(fmt, _status_of(error), error.message)
    return respond(
        fmt,
        root="service_requests",
        item_name="request",
        items=[
            {
                "service_request_id": feedback.code,
                "service_notice": _("Đã tiếp nhận; trả lời trong thời hạn luật định."),
                "account_id": None,
            }
        ],
        status=201,
    )


def _moment(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment):
        raise InvalidInput(Open311Error.INVALID, _("Ngày giờ phải theo dạng W3C, có múi giờ."))
    return moment


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.GET
    items = Feedback.objects.select_related("topic", "unit", "addressed_to")
    ids = [code.strip().upper() for code in params.get("service_request_id", "").split(",")]
    ids = [code for code in ids if code][:MAX_RESULTS]
    if ids:
        # Given ids override every other filter (the specification).
        found = list(items.filter(code__in=ids).order_by("-received_at", "-pk"))
        return respond(
            fmt, root="service_requests", item_name="request", items=[_request(f) for f in found]
        )
    try:
        start, end = _moment(params.get("start_date")), _moment(params.get("end_date"))
    except DomainError as error:
        return errors(fmt, 400, error.message)
    end = end or timezone.now()
    start = start or end - timedelta(days=DEFAULT_DAYS)
    items = items.filter(received_at__gte=start, received_at__lte=end)
    if params.get("service_code"):
        items = items.filter(topic__code__in=params["service_code"].split(","))
    wanted = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
    if wanted - {"open", "closed"}:
        return errors(fmt, 400, _("status chỉ nhận open hoặc closed."))
    if wanted == {"open"}:
        items = items.filter(status__in=OPEN_STATUSES)
    elif wanted == {"closed"}:
        items = items.exclude(Q(status__in=OPEN_STATUSES))
    found = list(items.order_by("-received_at", "-pk")[:MAX_RESULTS])
    return respond(
        fmt, root="service_requests", item_name="request", items=[_request(f) for f in found]
    )


@csrf_exempt  # called by applications with their api_key, never with a browser session
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    return _list(request, fmt)


@require_GET
def request_one(request: HttpRequest, service_request_id: str, fmt: str) -> HttpResponse:
    feedback = (
        Feedback.objects.select_related("topic", "unit", "addressed_to")
        .filter(code=service_request_id.upper()[:12])
        .first()
    )
    if feedback is None:
        return errors(fmt, 404, _("Không tìm thấy yêu cầu với mã này."))
    return respond(fmt, root="service_requests", item_name="request", items=[_request(feedback)])

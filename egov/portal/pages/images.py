"""The public route of the portal's images: Wagtail's own serve view, with
signed URLs, behind the rule documents follow (drafts.py).

`/anh-cong/<signature>/<id>/<filter>/<name>` serves the original
(`original`) or a rendition (`width-800`, ...), made on first request and
kept by Wagtail. The signature (Wagtail's, keyed by the secret key) means
nobody can ask for renditions the templates never named. The image itself
is public only once a live page uses it in its published content; until
then only the editors of its collection (its unit's) see it, anyone else
gets the platform's 404, as if it did not exist. Media is not served by the
platform, so this is the images' only way out.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.images.utils import verify_signature
from wagtail.images.views.serve import ServeView
from wagtail.permissions import policy_registry

from egov.platform.core.responses import not_found
from egov.portal.pages.drafts import is_published


def may_see(request: HttpRequest, image: AbstractImage) -> tuple[bool, bool]:
    """(may see it, publicly): a published image is everyone's; a draft's is
    only for those who may change or choose it in its collection."""
    if is_published(image):
        return True, True
    policy = policy_registry.get_by_type(get_image_model())
    allowed = policy.user_has_any_permission_for_instance(request.user, ["change", "choose"], image)
    return bool(allowed), False


class PortalImageView(ServeView):
    def get(
        self,
        request: HttpRequest,
        signature: str,
        image_id: int,
        filter_spec: str,
        filename: str = "",
    ) -> HttpResponse:
        if not verify_signature(signature.encode(), image_id, filter_spec):
            return not_found(request, None)
        image = get_image_model().objects.filter(pk=image_id).first()
        if image is None:
            return not_found(request, None)
        allowed, public = may_see(request, image)
        if not allowed:
            return not_found(request, None)
        response: HttpResponse = super().get(request, signature, image_id, filter_spec)
        if not public:
            # A draft's image must not be kept by a shared cache for the next visitor.
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response


serve_image: Any = PortalImageView.as_view()

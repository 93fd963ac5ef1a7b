"""Vietnamese messages for a choice field's errors: Django's own have no Vietnamese."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

# The type Django's fields declare for their messages (str or a lazy one).
CHOICE_ERRORS: dict[str, Any] = {
    "invalid_choice": gettext_lazy("Lựa chọn không có trong danh sách."),
    "required": gettext_lazy("Hãy chọn một mục."),
}

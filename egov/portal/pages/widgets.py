"""Wagtail's image chooser without its inline script.

`BaseChooser.render` ends with `<script>new ImageChooser(id, options)</script>`,
which the platform's Content-Security-Policy refuses. This widget leaves the
same call as data on a hidden marker, and static/portal_admin/choosers.js
makes it (as it does for the date pickers).
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.images.widgets import AdminImageChooser


class ImageChooserWithoutInlineScript(AdminImageChooser):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if not attrs or "id" not in attrs:
            raise TypeError("the image chooser cannot be rendered without an 'id' attribute")
        value_data = self.get_value_data(value)
        return format_html(
            '{}<span hidden data-egov-construct="{}" data-egov-for="{}" data-egov-config="{}">'
            "</span>",
            self.render_html(name, value_data, attrs),
            self.js_constructor,
            attrs["id"],
            json.dumps(self.get_js_init_options(attrs["id"], name, value_data)),
        )

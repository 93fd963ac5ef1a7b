from __future__ import annotations

app_name = "open311"
urlpatterns: list[object] = []

"""The one-stop desk (một cửa điện tử) and the online public services."""

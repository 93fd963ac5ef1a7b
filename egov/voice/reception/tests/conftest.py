"""The ward's own staff and one denunciation, shared with complaints' tests."""

from egov.voice.complaints.tests.conftest import denunciation, office

__all__ = ["denunciation", "office"]

"""The citizens' voice: feedback and the dialogue page (feedback), Open311 (open311).

Citizen reception and complaints and denunciations are to come beside them,
as egov/voice/reception and egov/voice/complaints (docs/voice.md).
"""

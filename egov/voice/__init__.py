"""The citizens' voice: feedback and the dialogue page, citizen reception, complaints.

Empty for now: its issue builds here (docs/architecture.md).
"""

"""The document office (quản lý văn bản và điều hành), inter-agency exchange, schedules.

Empty for now: the document office issue builds here (docs/architecture.md).
"""

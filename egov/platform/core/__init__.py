"""Cross-cutting pieces: settings helpers, domain errors.

Service functions use `transaction.atomic` (not `durable=True`) because the
Django admin already wraps its views in a transaction and calls them inside it;
the audit event still shares the change's transaction either way.
"""

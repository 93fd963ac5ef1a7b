"""The shared foundation every domain uses: accounts, organisation, audit, calendar, jobs.

Nothing here imports a domain (`egov.onestop`, `egov.office`, `egov.voice`);
see docs/architecture.md and the import-linter contracts in pyproject.toml.
"""

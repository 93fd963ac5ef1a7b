"""A table for the helper's own tests: an outbox of parcels.

Created in the test database only (this app has no migrations, so its
models are created from their definitions, and only this module defines one).
"""

from __future__ import annotations

from django.db import models

from egov.platform.outbox.models import OutboxRow


class Parcel(OutboxRow):
    address = models.CharField(max_length=100)

    # Declared: mypy's Django plugin does not see a model outside the app's models.py.
    objects: models.Manager[Parcel] = models.Manager()

    def __str__(self) -> str:
        return self.address

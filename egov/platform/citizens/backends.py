"""Login with an e-mail address or phone number (citizens and businesses).

Add after axes in AUTHENTICATION_BACKENDS:
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "egov.platform.citizens.backends.EmailOrPhoneBackend",
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from egov.platform.accounts.models import User
from egov.platform.citizens.contacts import parse_contact
from egov.platform.citizens.selectors import account_by_contact
from egov.platform.core.errors import InvalidInput


class EmailOrPhoneBackend(ModelBackend):
    """Finds a citizen or business account by a confirmed e-mail or phone."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        try:
            contact = parse_contact(username)
        except InvalidInput:
            return None
        user = account_by_contact(contact)
        if user is None:
            # Spend the time of one hash so that unknown addresses cannot be
            # told from wrong passwords by timing (as ModelBackend does).
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

"""Permissions listed in Vietnamese in the admin's group and account forms.

Django names permissions when it creates them, in English ("Can add log
entry"), and stores that name; the lists of the group and account forms show
it as is. Here a permission is labelled from what it means instead: the
application, the model's (translated) name and the action.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, Permission
from django.db.models import ManyToManyField
from django.forms import ModelMultipleChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

ACTIONS = {"add": _("Thêm"), "change": _("Sửa"), "delete": _("Xoá"), "view": _("Xem")}
PERMISSION_FIELDS = frozenset({"permissions", "user_permissions"})


def permission_label(permission: Permission) -> str:
    model = permission.content_type.model_class()
    if model is None:  # a content type left over from a removed model
        return permission.name
    meta = model._meta
    action, _sep, rest = permission.codename.partition("_")
    what = ACTIONS.get(action) if rest == meta.model_name else None
    name = str(what) if what is not None else permission.name
    return f"{meta.app_config.verbose_name} | {meta.verbose_name} | {name}"


class PermissionChoiceField(ModelMultipleChoiceField[Permission]):
    def label_from_instance(self, obj: Permission) -> str:
        return permission_label(obj)


class VietnamesePermissionsMixin:
    """For model admins with a `permissions` or `user_permissions` field."""

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name in PERMISSION_FIELDS:
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class SuperuserOnlyMixin:
    """Accounts, roles and permission groups: the platform's operators only (issue 19).

    A unit's administrator manages the accounts and roles of their subtree
    through /quan-tri-don-vi/ (egov/platform/web/administration.py), which
    keeps them inside it; Django's model permissions cannot, so a staff
    member given "change account" here would reach every account.
    """

    def _operator(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._operator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._operator(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._operator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._operator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._operator(request)


admin.site.unregister(Group)


@admin.register(Group)
class EgovGroupAdmin(SuperuserOnlyMixin, VietnamesePermissionsMixin, GroupAdmin):
    pass

"""Who edits and who approves each unit's site, derived from the platform's memberships.

Each unit site has two Wagtail groups of its own:
- its editors (biên tập): may add and change pages in the unit's subtree and
  submit them for approval, never publish;
- its approvers (lãnh đạo duyệt): may also publish, and are the group of the
  site's approval task.
A site's workflow (the editor writes, the unit's leader approves) is the one
task "Lãnh đạo đơn vị duyệt" given to the approvers group, attached to the
unit's home page so it governs the whole subtree.

Which membership roles make an editor or an approver is the setting
PORTAL_EDITOR_ROLES / PORTAL_APPROVER_ROLES; the unit's administrator may
also name an account of their subtree editor or approver directly
(`SiteEditor`, site_editors.py). The groups' members are recomputed from
both by `sync_site_groups` (on creation, after a role or a direct naming
changes, and by the worker's `portal.sync_editors` task).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from egov.platform.accounts.models import AccountKind, User
from egov.portal.pages.models import SiteCapacity, SiteEditor, UnitHomePage

EDITOR_PAGE_PERMISSIONS = ("add", "change")
APPROVER_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
# Both groups upload, edit and choose documents and images in the site's own
# collection, never another unit's; a file stays private until a published
# page links to it (drafts.py).
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
)


def editors_group_name(home: UnitHomePage) -> str:
    return f"Biên tập trang đơn vị #{home.unit_id}"


def approvers_group_name(home: UnitHomePage) -> str:
    return f"Lãnh đạo duyệt trang đơn vị #{home.unit_id}"


def _group(name: str, page_permissions: tuple[str, ...], home: UnitHomePage) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for permission_type in page_permissions:
        if not GroupPagePermission.objects.filter(
            group=group, page=home, permission__codename=f"{permission_type}_page"
        ).exists():
            GroupPagePermission.objects.create(
                group=group, page=home, permission_type=permission_type
            )
    return group


def unit_collection(home: UnitHomePage) -> Collection:
    """The site's own collection of documents and images (under the root)."""
    name = f"Đơn vị #{home.unit_id}: {home.unit.name}"[:255]
    root = Collection.get_first_root_node()
    found: Collection | None = root.get_children().filter(name=name).first()
    if found is None:
        found = root.add_child(name=name)
    return found


def _collection_permissions(group: Group, collection: Collection) -> None:
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )


def ensure_site_groups(home: UnitHomePage) -> tuple[Group, Group]:
    """The site's editors and approvers groups with their page permissions,
    their rights on the site's collection, and its approval workflow, created
    when missing."""
    editors = _group(editors_group_name(home), EDITOR_PAGE_PERMISSIONS, home)
    approvers = _group(approvers_group_name(home), APPROVER_PAGE_PERMISSIONS, home)
    collection = unit_collection(home)
    _collection_permissions(editors, collection)
    _collection_permissions(approvers, collection)
    if not WorkflowPage.objects.filter(page=home).exists():
        task = GroupApprovalTask.objects.create(name=f"Lãnh đạo {home.unit.name} duyệt")
        task.groups.set([approvers])
        workflow = Workflow.objects.create(name=f"Duyệt tin bài – {home.unit.name}")
        # Not workflow.workflow_tasks.create(): a cluster relation, kept in
        # memory until the workflow is saved again.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=home)
    return editors, approvers


def _members(home: UnitHomePage, roles: list[str], capacity: SiteCapacity) -> set[int]:
    """Active staff holding one of `roles` in the unit, or named to `capacity` on its site."""
    by_role = User.objects.filter(
        is_active=True,
        kind=AccountKind.STAFF,
        memberships__unit_id=home.unit_id,
        memberships__role__in=roles,
    ).values_list("pk", flat=True)
    named = SiteEditor.objects.filter(
        unit_id=home.unit_id,
        capacity=capacity,
        user__is_active=True,
        user__kind=AccountKind.STAFF,
    ).values_list("user_id", flat=True)
    return set(by_role) | set(named)


def _set_members(group: Group, wanted: set[int]) -> int:
    current = set(group.user_set.values_list("pk", flat=True))
    if current == wanted:
        return 0
    group.user_set.remove(*(current - wanted))
    group.user_set.add(*(wanted - current))
    return len(current ^ wanted)


def sync_site_groups(home: UnitHomePage) -> int:
    """Make the site's groups match the unit's memberships; the number of changes."""
    with transaction.atomic():
        editors, approvers = ensure_site_groups(home)
        changed = _set_members(
            editors, _members(home, list(settings.PORTAL_EDITOR_ROLES), SiteCapacity.EDITOR)
        )
        changed += _set_members(
            approvers, _members(home, list(settings.PORTAL_APPROVER_ROLES), SiteCapacity.APPROVER)
        )
    return changed


def sync_all_sites() -> int:
    return sum(sync_site_groups(home) for home in UnitHomePage.objects.select_related("unit"))

"""Taking a backup and restoring one (see the package docstring)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.backup import archive, serialisation
from egov.platform.backup.errors import BackupError
from egov.platform.core.errors import Conflict

# Recreated by `migrate` on the target; sessions are not worth keeping.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
# Rows `migrate` itself writes into an empty database: they do not make it
# "hold data" (the audit chain's head starts at zero entries).
# The Decree 30 document types are seeded by a data migration; a restore
# writes the backup's rows over them (same keys).
MIGRATION_ROWS = {
    "contenttypes.contenttype",
    "auth.permission",
    "audit.auditchainhead",
    "office_documents.documenttype",
}

# Rows Wagtail's own migrations write (the portal, egov/portal): the default
# site, its welcome page, the "Moderators"/"Editors" groups and their
# workflow. The backup holds this table's rows as the installation left them
# (the welcome page replaced, groups added), so a restore into a new database
# deletes the migration's rows first and loads the backup's in their place.
# Children before parents.
REPLACED_ON_RESTORE = [
    "wagtailcore.workflowpage",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupapprovaltask_groups",
    "wagtailcore.workflowtask",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.task",
    "wagtailcore.workflow",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.site",
    "wagtailcore.page",
    "wagtailcore.collection",
    "wagtailcore.locale",
    "auth.group_permissions",
    "auth.group",
]


@dataclass(frozen=True)
class RestoreReport:
    objects: int
    files: int
    manifest: archive.Manifest


def app_version() -> str:
    try:
        return metadata.version("egov")
    except metadata.PackageNotFoundError:
        return "unknown"


def applied_migrations(using: str) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    state: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        state.setdefault(app_label, []).append(name)
    return state


def create_backup(*, destination: Path, using: str = DEFAULT_DB_ALIAS) -> archive.Manifest:
    """Write the database and the media files to `destination` (a folder or a .tar).

    The dump reads in one transaction: on PostgreSQL a REPEATABLE READ, READ
    ONLY snapshot, so rows written meanwhile are wholly in it or wholly out;
    on SQLite the transaction holds the write lock, so writers wait for the
    dump. The backup is built beside `destination` and moved there when
    complete: a failed one leaves nothing that looks like a backup.
    """
    if destination.exists():
        raise Conflict(
            BackupError.DESTINATION_EXISTS,
            _("Đích sao lưu %(path)s đã tồn tại.") % {"path": destination},
        )
    connection = connections[using]
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".egov-backup-") as work:
        root = Path(work) / "backup"
        root.mkdir()
        dump = root / archive.DUMP
        serializers.register_serializer(serialisation.NAME, serialisation.__name__)
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            call_command(
                "dumpdata",
                format=serialisation.NAME,
                natural_foreign=True,
                use_base_manager=True,
                exclude=EXCLUDED,
                output=str(dump),
                database=using,
                verbosity=0,
            )
            migrations = applied_migrations(using)
        with dump.open("rb") as handle:
            objects = sum(1 for line in handle if line.strip())
        archive.copy_tree(Path(settings.MEDIA_ROOT), root / archive.MEDIA)
        manifest = archive.Manifest(
            created_at=timezone.now().isoformat(),
            app_version=app_version(),
            vendor=connection.vendor,
            dump_sha256=archive.sha256_of(dump),
            objects=objects,
            migrations=migrations,
            files={
                p.relative_to(root).as_posix(): archive.sha256_of(p)
                for p in archive.files_under(root / archive.MEDIA)
            },
        )
        archive.write_manifest(root, manifest)
        if destination.suffix == ".tar":
            partial = Path(work) / "backup.tar"
            archive.pack(root, partial)
            partial.rename(destination)
        else:
            root.rename(destination)
    return manifest


@contextmanager
def _opened(source: Path) -> Iterator[Path]:
    """The backup's root folder: the source itself, or a tar extracted aside."""
    if source.is_dir():
        yield source
        return
    with tempfile.TemporaryDirectory(prefix=".egov-restore-") as work:
        archive.unpack(source, Path(work))
        yield Path(work)


def only_migration_rows(model: type[models.Model], using: str) -> bool:
    """Whether `model` holds no more than what Wagtail's migrations wrote.

    Judged by the page tree and the groups: a database with no page but the
    root and the welcome page, and no group but "Moderators" and "Editors",
    holds nothing else in these tables.
    """
    pages = apps.get_model("wagtailcore", "Page")._base_manager.using(using)
    groups = apps.get_model("auth", "Group")._base_manager.using(using)
    return bool(pages.count() <= 2 and groups.count() <= 2)


def _delete_migration_rows(using: str) -> None:
    for label in REPLACED_ON_RESTORE:
        model = apps.get_model(label)
        model._base_manager.using(using).all()._raw_delete(using)


def models_with_data(using: str) -> list[str]:
    """Labels of the models that hold rows, apart from those `migrate` writes."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in MIGRATION_ROWS:
            continue
        if meta.label_lower in REPLACED_ON_RESTORE and only_migration_rows(model, using):
            continue
        manager: models.Manager[models.Model] = model._base_manager
        if manager.using(using).exists():
            found.append(meta.label_lower)
    return found


def _backup_targets(manifest: archive.Manifest, using: str) -> list[tuple[str, str]] | None:
    """The newest migration of each app in the backup, or None when this code
    does not have all of them (a backup from a newer version)."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    graph = loader.graph
    # A squashed migration (Wagtail ships some) is recorded under its own name
    # and those it replaces; in a new database's graph only it is a node.
    replaced_by = {
        old: new for new, migration in loader.replacements.items() for old in migration.replaces
    }
    applied = {
        replaced_by.get((app, name), (app, name))
        for app, names in manifest.migrations.items()
        for name in names
    }
    if not applied <= set(graph.nodes):
        return None
    return sorted(
        node
        for node in applied
        if not any(
            child.key in applied and child.key[0] == node[0]
            for child in graph.node_map[node].children
        )
    )


def _check_schema(manifest: archive.Manifest, using: str) -> bool:
    """Bring a new database to the backup's schema; refuse one at another schema.

    A new (unmigrated) database is migrated to exactly the backup's state, so
    a backup made by an older version restores too: the newer migrations run
    after the load, over the restored rows. Returns whether they must run.
    """
    if not applied_migrations(using):
        targets = _backup_targets(manifest, using)
        if targets is not None:
            executor = MigrationExecutor(connections[using])
            executor.migrate(targets, plan=executor.migration_plan(targets))
            # What `migrate` does after its plan: the content types and
            # permissions the dump's natural keys refer to.
            emit_post_migrate_signal(verbosity=0, interactive=False, db=using)
            if applied_migrations(using) == manifest.migrations:
                executor.loader.build_graph()
                return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        else:
            call_command("migrate", database=using, interactive=False, verbosity=0)
    target = applied_migrations(using)
    if target == manifest.migrations:
        return False
    missing = sorted(
        f"{app}.{name}"
        for app, names in manifest.migrations.items()
        for name in names
        if name not in target.get(app, [])
    )
    extra = sorted(
        f"{app}.{name}"
        for app, names in target.items()
        for name in names
        if name not in manifest.migrations.get(app, [])
    )
    raise Conflict(
        BackupError.SCHEMA_MISMATCH,
        _(
            "Lược đồ cơ sở dữ liệu đích khác bản sao lưu (phiên bản %(version)s): "
            "thiếu %(missing)s, thừa %(extra)s. Hãy khôi phục bằng đúng phiên bản đã "
            "sao lưu rồi nâng cấp."
        )
        % {
            "version": manifest.app_version,
            "missing": ", ".join(missing) or "-",
            "extra": ", ".join(extra) or "-",
        },
        details={"missing": missing, "extra": extra},
    )


def _empty_database(using: str) -> None:
    """Remove every row, for --force. The audit table's trigger refuses
    TRUNCATE unless the session allows it: a restore over data is the one
    place the platform itself does so, on the operator's explicit order."""
    connection = connections[using]
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('egov.audit_allow_truncate', 'on', true)")
            # TRUNCATE refuses tables with foreign-key checks still pending
            # in this transaction: run them now (there are none unless the
            # caller wrote rows first in the same transaction).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # post_migrate recreates the content types and permissions the dump refers to.
    call_command("flush", database=using, interactive=False, verbosity=0)
    if postgresql:
        with connection.cursor() as cursor:
            # Back to deferred: the dump's rows load in any order.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    # The recreated content types have new ids: forget the cached old ones
    # before the dump's natural keys are looked up.
    ContentType.objects.clear_cache()


def restore_backup(
    *, source: Path, using: str = DEFAULT_DB_ALIAS, force: bool = False
) -> RestoreReport:
    """Check the archive, then load its rows and write its files, all or nothing."""
    media_root = Path(settings.MEDIA_ROOT)
    with _opened(source) as root:
        manifest = archive.verify(root)
        upgrade = _check_schema(manifest, using)
        occupied = models_with_data(using)
        has_media = bool(archive.files_under(media_root))
        if (occupied or has_media) and not force:
            raise Conflict(
                BackupError.TARGET_NOT_EMPTY,
                _(
                    "Cơ sở dữ liệu hoặc thư mục tệp đích đã có dữ liệu (%(what)s). "
                    "Dùng --force để xoá và khôi phục đè."
                )
                % {"what": ", ".join([*occupied[:5], *(["media"] if has_media else [])])},
                details={"models": occupied, "media": has_media},
            )
        written: list[Path] = []
        try:
            with transaction.atomic(using=using):
                if occupied:
                    _empty_database(using)
                else:
                    _delete_migration_rows(using)
                call_command(
                    "loaddata",
                    str(root / archive.DUMP),
                    database=using,
                    verbosity=0,
                    stdout=io.StringIO(),
                )
                archive.copy_tree(root / archive.MEDIA, media_root, written)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
    if upgrade:
        # The backup's version was older: its newer migrations run over the
        # restored rows, after the commit (SQLite cannot alter tables inside
        # the restore's transaction). Should one fail, the data is restored
        # at the backup's schema and `egov migrate` finishes the upgrade.
        call_command("migrate", database=using, interactive=False, verbosity=0)
    return RestoreReport(objects=manifest.objects, files=len(manifest.files), manifest=manifest)

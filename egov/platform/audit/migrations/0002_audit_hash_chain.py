"""The audit trail's hash chain, the chain head, and PostgreSQL's append-only trigger."""

from django.db import migrations, models

from egov.platform.audit.chain import GENESIS_HASH, entry_hash

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION audit_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    -- Test databases are emptied between tests with TRUNCATE; a connection
    -- opened with egov.audit_allow_truncate=on (settings_test.py) may do so.
    IF TG_OP = 'TRUNCATE' AND current_setting('egov.audit_allow_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_change();

CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_refuse_change();
"""

DROP_APPEND_ONLY_SQL = """
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_refuse_change();
"""


def chain_existing_rows(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    prev_hash = GENESIS_HASH
    count = 0
    batch = []
    rows = AuditEvent.objects.order_by("id").select_related("target_type")
    for event in rows.iterator(chunk_size=2000):
        event.prev_hash = prev_hash
        event.hash = entry_hash(
            prev_hash=prev_hash,
            event_type=event.event_type,
            actor_id=event.actor_id,
            unit_id=event.unit_id,
            target_type=f"{event.target_type.app_label}.{event.target_type.model}",
            target_id=event.target_id,
            details=event.details,
            created_at=event.created_at,
        )
        prev_hash = event.hash
        count += 1
        batch.append(event)
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"last_hash": prev_hash, "entries": count}
    )


def unchain(apps, schema_editor):
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    AuditChainHead.objects.all().delete()


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_APPEND_ONLY_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="mã băm trước"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="mã băm"),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("last_hash", models.CharField(max_length=64, verbose_name="mã băm cuối")),
                (
                    "entries",
                    models.PositiveBigIntegerField(default=0, verbose_name="số sự kiện"),
                ),
            ],
            options={
                "verbose_name": "đầu chuỗi nhật ký",
                "verbose_name_plural": "đầu chuỗi nhật ký",
            },
        ),
        migrations.RunPython(chain_existing_rows, unchain, elidable=False),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(
                editable=False, max_length=64, unique=True, verbose_name="mã băm"
            ),
        ),
        migrations.RunPython(create_trigger, drop_trigger, elidable=False),
    ]

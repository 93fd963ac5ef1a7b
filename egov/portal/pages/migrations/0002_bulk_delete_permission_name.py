"""The one Wagtail page permission whose name the platform's admin shows in
English ("Delete pages with children"): its row is written by Wagtail's
migration, not translated at display, so it is renamed here."""

from django.db import migrations


def rename(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="bulk_delete_page"
    ).update(name="Xóa trang kèm các trang con")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_pages", "0001_page_types"),
        ("wagtailcore", "0084_add_default_page_permissions"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]

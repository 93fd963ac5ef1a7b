"""Issue (or revoke) the API key of an Open311 client application; the key is printed once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.platform.organisation.models import Unit
from egov.voice.open311.keys import issue_key, revoke_key
from egov.voice.open311.models import ApiClient


class Command(BaseCommand):
    help = "Cấp hoặc thu hồi khóa API Open311 của một ứng dụng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", help="tên ứng dụng (cấp khóa mới)")
        parser.add_argument("--unit", type=int, help="mã (id) cơ quan nhận phản ánh")
        parser.add_argument("--revoke", help="đầu khóa cần thu hồi")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["revoke"]:
            client = ApiClient.objects.filter(key_prefix=options["revoke"], is_active=True).first()
            if client is None:
                raise CommandError("Không có khóa đang dùng với đầu khóa này.")
            revoke_key(actor=None, client=client)
            self.stdout.write(f"Đã thu hồi khóa của {client.name}.")
            return
        unit = Unit.objects.filter(pk=options["unit"] or 0, is_active=True).first()
        if unit is None or not options["name"]:
            raise CommandError("Cần --name và --unit (id của một đơn vị đang hoạt động).")
        client, key = issue_key(actor=None, name=options["name"], unit=unit)
        self.stdout.write(f"{client.name}: {key}")

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from egov.onestop.reports.rollups.rebuild import rebuild
from egov.platform.accounts.models import Membership
from egov.tools.demo.complaints import load_demo_complaints
from egov.tools.demo.data import DEMO_ACCOUNTS, DEMO_PASSWORD
from egov.tools.demo.loader import load_demo
from egov.tools.demo.office import load_demo_office
from egov.tools.demo.portal import load_demo_portal
from egov.tools.demo.quality import load_demo_audit
from egov.tools.demo.reception import load_demo_reception_days
from egov.tools.demo.schedule import load_demo_schedule
from egov.tools.demo.signatures import load_demo_signatures
from egov.tools.demo.voice import load_demo_open311_client, load_demo_voice
from egov.tools.demo.workfiles import load_demo_workfiles
from egov.tools.synthetic.seed_figures import SEED_DOSSIERS, SEED_SOURCE, load_seed_commune


class Command(BaseCommand):
    help = "Load the demo province (Tây Ninh) unless it is loaded, and print the logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dossiers",
            type=int,
            default=0,
            help="also generate this many synthetic dossiers over the last year when the "
            "demo is first loaded, so inboxes, tracking and statistics have data",
        )
        parser.add_argument(
            "--documents",
            type=int,
            default=0,
            help="also generate this many incoming documents of the last year (and three "
            "quarters as many issued ones) for the provincial People's Committee when the "
            "demo is first loaded",
        )
        parser.add_argument(
            "--seed-figures",
            action="store_true",
            help="also give Xã Cần Đước the seeds' figure for last year when the demo is first "
            "loaded: 1,979 dossiers, all resolved and returned on time "
            "(egov/tools/synthetic/seed_figures.py)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = load_demo(reference_dir=Path(settings.REFERENCE_DIR))
        self.stdout.write("Demo province loaded." if loaded else "Demo province already loaded.")
        if loaded:
            load_demo_schedule(today=timezone.localdate())
            audit = load_demo_audit(today=timezone.localdate())
            self.stdout.write(
                f"Quality: Phường Long An's internal audit of {audit.planned_on:%d/%m/%Y} "
                f"with {audit.findings.count()} findings (/chat-luong/danh-gia/)."
            )
            office, issued = load_demo_office(
                incoming=options["documents"], outgoing=options["documents"] * 3 // 4
            )
            load_demo_workfiles(today=timezone.localdate())
            sites = load_demo_portal(today=timezone.localdate())
            self.stdout.write(
                f"Portal: the province's site and {sites} unit sites (/cong-thong-tin/)."
            )
            voice = load_demo_voice()
            open311_key = load_demo_open311_client()
            self.stdout.write(
                f"Feedback: {sum(voice.values())} items, {voice.get('published', 0)} published "
                "on the dialogue page (/hoi-dap/), the others at every step."
            )
            self.stdout.write(f"Open311 key of the demo app (shown once): {open311_key}")
            petitions = load_demo_complaints()
            self.stdout.write(
                f"Petitions: {sum(petitions.values())} in Phường Long An's register (/don-thu/)."
            )
            days = load_demo_reception_days(today=timezone.localdate())
            self.stdout.write(
                f"Reception days: {days.short_unit.name} fell short in {days.month:%m/%Y}, "
                f"{', '.join(u.name for u in days.met_units)} met the rule "
                f"(/tiep-cong-dan/kiem-tra-dinh-ky/?don-vi={days.short_unit.pk}"
                f"&thang={days.month:%Y-%m})."
            )
            self.stdout.write(
                f"Document office: {office.incoming:,} incoming documents of the last year "
                f"({office.completed:,} handled, {office.open:,} in progress, "
                f"{office.awaiting_assignment:,} awaiting assignment), {issued:,} issued, "
                "and today's mail and drafts."
            )
        # Signing works out of the box: the demo's CA, seal key and remote
        # signing service (docs/signatures.md, "The demo").
        load_demo_signatures(public_url=settings.PUBLIC_URL)
        self.stdout.write("Digital signatures: demo CA, seal key and remote signing ready.")
        if loaded and options["dossiers"] > 0:
            call_command("generate", dossiers=options["dossiers"], years=1, seed=2026)
        if loaded and options["seed_figures"]:
            seeded = load_seed_commune(today=timezone.localdate())
            self.stdout.write(
                f"Seed figure: {seeded.commune.name}, {seeded.first:%d/%m/%Y}–"
                f"{seeded.last:%d/%m/%Y}: {SEED_DOSSIERS:,} dossiers, all resolved and returned "
                f"early or on time ({SEED_SOURCE})."
            )
        if loaded:
            # Whatever the loaders wrote past the services, the statistics
            # rollups then equal the dossiers (`egov stats verify`).
            rebuild()
        base = f"http://127.0.0.1:{os.environ.get('EGOV_PORT', '8000')}"
        self.stdout.write("")
        self.stdout.write(f"  Home page:  {base}/")
        self.stdout.write(f"  Login:      {base}/dang-nhap/")
        self.stdout.write(f"  Admin:      {base}/admin/")
        self.stdout.write(f"  Portal:     {base}/cong-thong-tin/ (editors: {base}/quan-tri-cong/)")
        self.stdout.write(f"  API docs:   {base}/api/v1/docs")
        self.stdout.write("")
        self.stdout.write(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            memberships = Membership.objects.filter(user__username=account.username)
            roles = "; ".join(
                f"{m.get_role_display()}, {m.unit.name}"
                for m in memberships.select_related("unit").order_by("unit__path")
            )
            label = roles or account.kind.label
            self.stdout.write(f"    {account.username:<20} {account.full_name}: {label}")
        self.stdout.write("")

from datetime import date
from itertools import groupby

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionQuerySet
from igov.accounts.people import person_name


class Command(BaseCommand):
    help = (
        "E-mails each owner of an action that is overdue or due in the next 30 days one message listing "
        "those actions (outstanding = not started or in progress; overdue = past its current target date). "
        "Without --send it only prints who would be told what. Run it weekly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--send", action="store_true", help="send the e-mails (default: only report)")
        parser.add_argument("--today", type=date.fromisoformat, help="the date to judge by (default: today)")
        parser.add_argument("--base-url", default="", help="e.g. https://igov.example.gov.uk, for links")

    def handle(self, *args, send, today=None, base_url="", **options):
        today = today or timezone.localdate()
        due = (Action.objects.filter(ActionQuerySet.overdue_q(today) | ActionQuerySet.due_soon_q(today))
               .exclude(Q(owner__isnull=True) | Q(owner__email="")).for_list()
               .order_by("owner_id", "target", "reference"))
        messages = []
        for owner, group in groupby(due, key=lambda a: a.owner):
            actions = list(group)
            overdue = sum(a.is_overdue(today) for a in actions)
            body = render_to_string("actions/email/reminder.txt", {
                "owner": owner, "actions": actions, "today": today, "overdue": overdue,
                "base_url": base_url.rstrip("/"), "mine_url": reverse("actions:mine")})
            subject = (f"{overdue} overdue audit action{'s' if overdue != 1 else ''}" if overdue
                       else "Audit actions due in the next 30 days")
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email]))
            self.stdout.write(f"{person_name(owner)} <{owner.email}>: {len(actions)} "
                              f"action{'s' if len(actions) != 1 else ''} ({overdue} overdue)")
        if send:
            sent = send_mass_mail(messages, fail_silently=False)
            self.stdout.write(self.style.SUCCESS(f"{sent} reminder{'s' if sent != 1 else ''} sent"))
        else:
            self.stdout.write(f"{len(messages)} reminder{'s' if len(messages) != 1 else ''} would be sent "
                              "(use --send to send them)")

"""The pages the benchmark measures, who opens each, and the group each belongs to for the targets."""
from dataclasses import dataclass

from django.urls import reverse

from actions.models import Action
from igov.benchmark.seed import draft_report
from igov.org.models import Unit

# Groups: the floor and the admin changelists are the yardsticks; "list" pages (lists and dashboards)
# must stay within 5× the floor; every "list" and "page" within the admin changelist.
FLOOR, ADMIN, LIST, PAGE, REPORT, PDF, EXPORT = "floor", "admin", "list", "page", "report", "pdf", "export"


@dataclass(frozen=True)
class Page:
    name: str
    user: str  # a demo username (igov.accounts.demo)
    url: str
    group: str


def pages(today) -> list[Page]:
    action = (Action.objects.filter(status=Action.Status.IN_PROGRESS, owner__username="officer")
              .order_by("pk").first() or Action.objects.order_by("pk").first())
    service = Unit.objects.filter(code="RES-RB").first() or Unit.objects.filter(parent__isnull=False).first()
    report = draft_report(today)
    return [
        Page("floor (signed-in page)", "igteam", reverse("front:signed_in"), FLOOR),
        Page("admin: actions", "admin", reverse("admin:actions_action_changelist"), ADMIN),
        Page("admin: assets", "admin", reverse("admin:assets_informationasset_changelist"), ADMIN),
        Page("dashboard (IG team)", "igteam", reverse("front:dashboard"), LIST),
        Page("action list", "igteam", reverse("actions:list"), LIST),
        Page("action list, filtered", "igteam",
             reverse("actions:list") + "?status=in_progress&priority=high&overdue=not_overdue", LIST),
        Page("action detail", "igteam", reverse("actions:detail", args=[action.pk]), PAGE),
        Page("risk list", "igteam", reverse("risks:list"), LIST),
        Page("heat map", "igteam", reverse("risks:index"), LIST),
        Page("asset list", "igteam", reverse("assets:asset_list"), LIST),
        Page("agreement list", "igteam", reverse("assets:agreement_list"), LIST),
        Page("training dashboard", "igteam", reverse("training:index"), LIST),
        Page("staff to complete (service)", "igteam", reverse("training:unit", args=[service.code]), LIST),
        Page("committee dashboard", "committee", reverse("front:dashboard"), LIST),
        Page("committee report as at", "igteam", reverse("committee:report", args=[report.pk]), REPORT),
        Page("committee report PDF", "igteam", reverse("committee:report_pdf", args=[report.pk]), PDF),
        *[Page(f"export: {name} {fmt}", "igteam", reverse(f"{url}_{fmt}"), EXPORT)
          for name, url in (("actions", "actions:export"), ("risks", "risks:export"),
                            ("assets", "assets:asset_export"), ("agreements", "assets:agreement_export"))
          for fmt in ("xlsx", "csv")],
    ]

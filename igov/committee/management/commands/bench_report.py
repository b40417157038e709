import logging
from contextlib import contextmanager
from datetime import timedelta

import weasyprint
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from assets.models import DataSharingAgreement, InformationAsset
from igov.accounts.roles import IG_TEAM
from igov.committee.figures import report_figures
from igov.committee.models import Committee, Meeting, Report
from igov.committee.report import draft_content, glossary_for, report_document, report_html, report_pdf
from igov.lib import bench
from risks.models import Risk

BASE_URL = "http://testserver/"
GOALS = {"report_vs_action_list": 3.0, "pdf_vs_weasyprint": 1.5}


def _next(choices: list, value, n: int):
    return choices[(choices.index(value) + 1 + n % 2) % len(choices)] if value in choices else choices[0]


# The edits people make between the recorded steps of each register's records (bench.add_history):
# a priority regraded, a wording revised, a risk re-scored within its inherent and target scores.
EDITS = {
    Action: lambda v, n: ({"priority": _next(Action.Priority.values, v["priority"], n)} if n % 4 == 0
                          else {"agreed_action": f"{v['agreed_action']} (wording revised)"}),
    Risk: lambda v, n: ({"residual_likelihood": v["target_likelihood"] + (v["residual_likelihood"] + n)
                         % (v["inherent_likelihood"] - v["target_likelihood"] + 1)}
                        if v["inherent_likelihood"] > v["target_likelihood"] and n % 4 == 0
                        else {"existing_controls": f"{v['existing_controls']} Checked again."}),
    InformationAsset: lambda v, n: ({"criticality": _next(InformationAsset.Criticality.values, v["criticality"], n)}
                                    if n % 4 == 0 else {"system_or_location": f"{v['system_or_location']} (moved)"}),
    DataSharingAgreement: lambda v, n: {"data_shared": f"{v['data_shared']} Method of transfer updated."},
}


class Command(BaseCommand):
    help = (
        "Benchmarks a draft committee report as at a past meeting on a deep history (issue 12): makes sure "
        "the registers hold at least --history-rows history rows (seed_demo --scale N when they are empty, "
        "then dated edits in bulk), then times, as the median of --repeat runs after a warm-up, the draft "
        "report page against the action list page (goal ≤ 3×) and report_pdf against bare WeasyPrint on the "
        "same HTML document (goal ≤ 1.5×). Prints a table and writes --output as JSON. The history it adds "
        "stays; the meeting and report it makes are rolled back. Refuses to run with DEBUG off unless --force: "
        "it writes made-up history."
    )

    def add_arguments(self, parser):
        parser.add_argument("--history-rows", type=int, default=500_000, help="at least this many (default 500,000)")
        parser.add_argument("--repeat", type=int, default=5, help="timed runs of each, after one warm-up")
        parser.add_argument("--pdf-repeat", type=int, help="timed runs of each PDF (default: --repeat); a "
                                                           "report at scale 10 runs to some 70 pages")
        parser.add_argument("--days-ago", type=int, default=60, help="the meeting's date; the previous is 90 "
                                                                     "days before it")
        parser.add_argument("--scale", type=int, default=10, help="seed_demo scale when the registers are empty "
                                                                  "(0: never seed)")
        parser.add_argument("--output", default="bench/report.json")
        parser.add_argument("--explain", action="store_true",
                            help="on PostgreSQL, EXPLAIN ANALYZE the report page's slowest query")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")

    def handle(self, *args, history_rows, repeat, pdf_repeat, days_ago, scale, output, explain, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("bench_report writes made-up history and may load the demo users: it refuses "
                               "to run with DEBUG off. Use --force on a throwaway database.")
        pdf_repeat = repeat if pdf_repeat is None else pdf_repeat
        if min(repeat, pdf_repeat) < 1:
            raise CommandError("--repeat and --pdf-repeat must be 1 or more")
        rows = self.ensure_history(history_rows, scale, force)
        bench.analyze()
        on = timezone.localdate() - timedelta(days=days_ago)
        with transaction.atomic(), override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            report = self.draft_report(on, on - timedelta(days=90))
            client = Client()
            client.force_login(self.ig_team_user())
            # The registers' figures are kept once computed (figures.register_figures): "report page" is a
            # draft opened again, "first opened" one whose figures are computed (the cache emptied first).
            pages = bench.measure({"report page": get(client, report.get_absolute_url()),
                                   "first opened": get(client, report.get_absolute_url(), before=cache.clear),
                                   "action list": get(client, reverse("actions:list"))}, repeat)
            content = draft_content(report)
            html = report_html(content)
            document = report_document(content, html)
            # Where the report page's time goes: the figures, and the body rendered twice (once to find
            # the acronyms it uses for the glossary, once to show it).
            parts = bench.measure({
                "  of which figures": lambda: report_figures(on, on - timedelta(days=90)),
                "  of which HTML": lambda: (glossary_for(content), report_html(content))}, repeat)
            with quiet("weasyprint"):  # both renderers log the same warnings on every run
                pdfs = bench.measure({"report_pdf": lambda: report_pdf(content, html, BASE_URL),
                                      "bare WeasyPrint": lambda: weasyprint.HTML(string=document).write_pdf()},
                                     pdf_repeat)
            plan = self.explain(pages["report page"]) if explain else None
            transaction.set_rollback(True)
        samples = {**pages, **parts, **pdfs}
        result = self.result(rows, on, repeat, pdf_repeat, samples, len(document), plan)
        self.print_table(result, samples)
        path = bench.write_json(output, result)
        self.stdout.write(f"written to {path}")

    def ensure_history(self, target: int, scale: int, force: bool) -> int:
        rows = bench.history_row_count()
        if rows >= target:
            self.stdout.write(f"{rows:,} history rows (at least {target:,}): nothing to add")
            return rows
        if scale and not Action.objects.exists():
            self.stdout.write(f"seeding the demo at scale {scale}…")
            call_command("seed_demo", scale=scale, force=force, stdout=self.stdout)
            rows = bench.history_row_count()
        if rows < target:
            self.stdout.write(f"adding {target - rows:,} history rows to {rows:,}…")
            bench.add_history(EDITS, target - rows, until=timezone.now() - timedelta(hours=1))
            rows = bench.history_row_count()
        self.stdout.write(f"{rows:,} history rows")
        return rows

    def draft_report(self, on, since) -> Report:
        committee = Committee.objects.create(name="Benchmark committee (rolled back)")
        Meeting.objects.create(committee=committee, date=since)
        meeting = Meeting.objects.create(committee=committee, date=on)
        return Report.objects.create(meeting=meeting, author="Benchmark")

    def ig_team_user(self) -> User:
        user = User.objects.filter(groups__name=IG_TEAM, is_active=True).order_by("pk").first()
        if user is None:  # rolled back with the rest
            user = User.objects.create(username="bench-igteam")
            user.groups.add(Group.objects.get_or_create(name=IG_TEAM)[0])
        return user

    def explain(self, sample: bench.Sample) -> str | None:
        if connection.vendor != "postgresql" or not sample.slowest_queries:
            return None
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sample.slowest_queries[0]["sql"])
            return "\n".join(line for (line,) in cursor.fetchall())

    def result(self, rows, on, repeat, pdf_repeat, samples, document_chars, plan) -> dict:
        def ratio(a, b):
            return round(samples[a].p50 / samples[b].p50, 2)

        return {
            "when": timezone.now().isoformat(timespec="seconds"), "machine": bench.machine(),
            "history_rows": rows, "as_at": on.isoformat(), "repeat": repeat, "pdf_repeat": pdf_repeat,
            "timings": {name.strip(): sample.as_dict() for name, sample in samples.items()},
            "ratios": {"report_vs_action_list": ratio("report page", "action list"),
                       "first_opened_vs_action_list": ratio("first opened", "action list"),
                       "pdf_vs_weasyprint": ratio("report_pdf", "bare WeasyPrint")},
            "goals": GOALS, "pdf_document_chars": document_chars,
            "report_slowest_queries": samples["report page"].slowest_queries, "explain": plan,
        }

    def print_table(self, result: dict, samples: dict[str, bench.Sample]) -> None:
        m = result["machine"]
        self.stdout.write(f"\n{m['database']} {m['database_version']}, {m['cpus']} CPUs, "
                          f"{result['history_rows']:,} history rows, report as at {result['as_at']}, "
                          f"median of {result['repeat']}")
        self.stdout.write(f"{'':<18}{'p50 ms':>10}{'p95 ms':>10}{'queries':>9}")
        for name, sample in samples.items():
            self.stdout.write(f"{name:<18}{sample.p50 * 1000:>10.1f}{sample.p95 * 1000:>10.1f}{sample.queries:>9}")
        self.stdout.write(f"first opened ÷ action list: {result['ratios']['first_opened_vs_action_list']:.2f}")
        for key, label in (("report_vs_action_list", "report page ÷ action list"),
                           ("pdf_vs_weasyprint", "report_pdf ÷ bare WeasyPrint")):
            ratio, goal = result["ratios"][key], GOALS[key]
            style = self.style.SUCCESS if ratio <= goal else self.style.ERROR
            self.stdout.write(style(f"{label}: {ratio:.2f} (goal ≤ {goal}) {'met' if ratio <= goal else 'MISSED'}"))
        slowest = result["report_slowest_queries"][:1]
        if slowest:
            self.stdout.write(f"report page's slowest query: {slowest[0]['ms']} ms: {slowest[0]['sql'][:300]}…")
        if result["explain"]:
            self.stdout.write(result["explain"])


@contextmanager
def quiet(logger: str):
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def get(client: Client, url: str, before=None):
    def request():
        if before:
            before()
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"GET {url} answered {response.status_code}")
        return response
    return request

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from igov.benchmark import load
from igov.benchmark.run import measure_size
from igov.benchmark.seed import SIZES, holdings, seed
from igov.benchmark.server import Gunicorn
from igov.benchmark.targets import evaluate, table
from igov.lib import bench


class Command(BaseCommand):
    help = ("The benchmark of issue 16 (`make bench` runs it on a throwaway PostgreSQL): loads a large council's "
            "data, serves the app with gunicorn (2 workers) on loopback, measures every page's p50/p95 and query "
            "count over HTTP, the report PDF against bare WeasyPrint and the imports against bare openpyxl; tops the "
            "data up to ten times and measures again; then runs signed-in users concurrently (editing and reading) "
            "and checks for errors and lost updates. Prints the table and writes --output. Writes made-up data: "
            "refuses to run with DEBUG off unless --force.")

    def add_arguments(self, parser):
        parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=list(SIZES))
        parser.add_argument("--requests", type=int, default=25, help="timed requests per page and size")
        parser.add_argument("--export-requests", type=int, default=8, help="timed requests per export")
        parser.add_argument("--pdf-requests", type=int, default=3, help="timed requests of the report PDF")
        parser.add_argument("--page-seconds", type=float, default=30,
                            help="a page whose timed requests have taken this long stops at 5 (default 30)")
        parser.add_argument("--training-rows", type=int, default=20_000,
                            help="rows of the training import benchmark per size step (default 20,000)")
        parser.add_argument("--load-seconds", type=float, default=120, help="0: no load run")
        parser.add_argument("--load-users", type=int, default=20)
        parser.add_argument("--output", default="bench/results.json")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")

    def handle(self, *args, sizes, requests, export_requests, pdf_requests, page_seconds, training_rows, load_seconds,
               load_users, output, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("bench_run loads demo users with a known password and made-up data: it refuses to "
                               "run with DEBUG off. Use --force on a throwaway database.")
        began = time.perf_counter()
        output = Path(output)
        server = Gunicorn(log=output.parent / "gunicorn.log")
        results, held, load_result = {}, {}, None
        try:
            for size in sizes:
                self.say(f"size {size}: loading data…", began)
                held[size] = seed(SIZES[size], self.stdout)
                self.say(f"size {size}: {held[size]}", began)
                if server.process is None:
                    server.start()
                    self.say(f"gunicorn ({len(server.workers())} workers) at {server.url}", began)
                results[size] = measure_size(server.url, SIZES[size], requests=requests,
                                             export_requests=export_requests, pdf_requests=pdf_requests,
                                             page_seconds=page_seconds,
                                             training_rows=training_rows, say=lambda m: self.say(m, began))
            if load_seconds:
                self.say(f"load: {load_users} users for {load_seconds:g} s…", began)
                load_result = load.run(server.url, load_seconds, users=load_users)
            rss = server.peak_rss_mb()
        finally:
            server.stop()
        data = {"when": timezone.now().isoformat(timespec="seconds"), "machine": bench.machine(),
                "minutes": round((time.perf_counter() - began) / 60, 1), "holdings": held or holdings(),
                "settings": {"requests": requests, "export_requests": export_requests, "pdf_requests": pdf_requests,
                             "page_seconds": page_seconds, "load_seconds": load_seconds, "gunicorn_workers": 2},
                "sizes": results, "load": load_result,
                "worker_peak_rss_mb": rss}
        if set(sizes) == set(SIZES):
            data["evaluation"] = evaluate(results, load_result, rss)
            data["table"] = table(data["evaluation"])
            self.stdout.write("\n".join(data["table"]))
        if load_result:
            self.stdout.write(f"load: {load_result['outcomes']}, reads {load_result['reads']}, "
                              f"edits {load_result['edits']}, errors {load_result['first_errors']}")
        path = bench.write_json(output, data)
        self.say(f"written to {path}", began)

    def say(self, message: str, began: float) -> None:
        self.stdout.write(f"[{time.perf_counter() - began:6.0f} s] {message}")
        self.stdout.flush()

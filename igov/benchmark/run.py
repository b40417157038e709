"""One size's measurements: every page over HTTP (interleaved rounds, so a change in the machine's load
falls on every page alike), bare WeasyPrint on the draft report's saved HTML, and the imports."""
import logging
import time

import weasyprint
from django.contrib.auth.models import User
from django.utils import timezone

from igov.benchmark import imports
from igov.benchmark.client import Client
from igov.benchmark.pages import EXPORT, PDF, pages
from igov.benchmark.seed import draft_report
from igov.committee.report import draft_content, report_document, report_html
from igov.lib.bench import Sample

FEWEST = 5  # timed requests of a page, however slow, unless fewer were asked for
TIMEOUT = 60  # seconds: a page slower than this is marked "timeout" and not asked for again


def measure_pages(base_url: str, requests: int, export_requests: int, pdf_requests: int, say,
                  page_seconds: float = 30) -> dict:
    """Each page's timings: up to its number of requests, but a page whose timed requests have taken
    `page_seconds` stops at FEWEST (a slow page cannot make the run overrun its time)."""
    today = timezone.localdate()
    measured = pages(today)
    clients = {}
    for page in measured:
        if page.user not in clients:
            clients[page.user] = Client(base_url, timeout=TIMEOUT)
            clients[page.user].sign_in(page.user)
    counts = {page.name: pdf_requests if page.group == PDF else export_requests if page.group == EXPORT
              else requests for page in measured}
    samples = {page.name: Sample(page.name) for page in measured}
    statuses = {}
    for page in measured:  # a warm-up request each (caches, connections)
        statuses[page.name] = _get(clients[page.user], page.url, samples[page.name], timed=False)
    for round_ in range(max(counts.values())):
        for page in measured:
            taken = samples[page.name].seconds
            if statuses[page.name] == "timeout":
                continue
            if round_ < counts[page.name] and (sum(taken) < page_seconds or len(taken) < FEWEST):
                status = _get(clients[page.user], page.url, samples[page.name])
                if status != 200:
                    statuses[page.name] = status
        say(f"  round {round_ + 1} of {max(counts.values())}")
    return {page.name: {"group": page.group, "url": page.url, "user": page.user, "status": statuses[page.name],
                        **samples[page.name].as_dict()} for page in measured}


def _get(client: Client, url: str, sample: Sample, timed: bool = True) -> int | str:
    """The page's status ("timeout" past TIMEOUT, then counted as TIMEOUT seconds: a lower bound)."""
    try:
        answer = client.get(url)
    except TimeoutError:
        sample.seconds.append(TIMEOUT)
        return "timeout"
    if timed:
        sample.seconds.append(answer.seconds)
    sample.queries = answer.queries
    return answer.status


def bare_weasyprint_ms(repeat: int) -> float:
    """WeasyPrint alone on the draft report's document, as the PDF view would hand it over."""
    content = draft_content(draft_report(timezone.localdate()))
    document = report_document(content, report_html(content))
    sample = Sample("bare WeasyPrint")
    log = logging.getLogger("weasyprint")
    level = log.level
    log.setLevel(logging.CRITICAL)  # it logs the same warnings on every run
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            weasyprint.HTML(string=document).write_pdf()
            sample.seconds.append(time.perf_counter() - started)
    finally:
        log.setLevel(level)
    return round(sample.p50 * 1000, 1)


def measure_size(base_url: str, size: int, *, requests: int, export_requests: int, pdf_requests: int,
                 page_seconds: float, training_rows: int, say) -> dict:
    started = time.perf_counter()
    result = {"pages": measure_pages(base_url, requests, export_requests, pdf_requests, say, page_seconds)}
    say(f"  pages in {time.perf_counter() - started:.0f} s")
    result["pdf_bare_ms"] = bare_weasyprint_ms(pdf_requests)
    started = time.perf_counter()
    result["training_import"] = imports.training_import(training_rows * size)
    result["register_imports"] = imports.register_imports(User.objects.get(username="igteam"))
    say(f"  imports in {time.perf_counter() - started:.0f} s")
    return result

"""A committee report as members read it: its content (meeting, narrative, figures, glossary),
rendered to HTML, PDF and XLSX. A draft's content is computed on every view (the registers' figures
kept until one of them changes: figures.register_figures); a published report's is the stored copy,
and so are its HTML, PDF and XLSX bytes."""
import re

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from igov.committee.figures import report_figures
from igov.committee.models import Report
from igov.committee.templatetags.report import isodate
from igov.front.glossary import terms_used
from igov.lib.exports import xlsx_workbook
from igov.lib.pdf import render_pdf


def draft_content(report: Report) -> dict:
    """What the report says today: the narrative as saved, the figures computed now."""
    meeting = report.meeting
    if hasattr(report, "previous_meeting_date"):  # Report.objects.for_list() read it with the report
        previous = report.previous_meeting_date
    else:
        previous = getattr(meeting.previous(), "date", None)
    content = {
        "meeting": {"committee": meeting.committee.name, "date": meeting.date.isoformat(),
                    "agenda_item": meeting.agenda_item, "previous": previous.isoformat() if previous else None},
        "edition": report.edition,
        "supersedes": report.supersedes.edition if report.supersedes_id else None,
        "narrative": report.narrative(),
        "figures": report_figures(meeting.date, previous, report.annual_training_report),
    }
    content["glossary"] = glossary_for(content)
    return content


def content_of(report: Report) -> dict:
    return report.content if report.is_published else draft_content(report)


# A tag of the report's body: its own template's output, every value in it escaped, so a "<" only ever
# opens a tag. Removing them gives what strip_tags gives (the same text) in a thirtieth of the time.
TAG = re.compile(r"<[^<>]*>")


def glossary_for(content: dict) -> dict:
    """The glossary entries for exactly the acronyms the report's text uses."""
    return terms_used(TAG.sub("", render_to_string("committee/report_body.html",
                                                   {"report": {**content, "glossary": {}}})))


def report_html(content: dict) -> str:
    """The report's body as HTML (the page and the PDF both show it)."""
    return render_to_string("committee/report_body.html", {"report": content})


def report_document(content: dict, html: str) -> str:
    """The whole HTML document the PDF is made from: the report's body in the council's PDF layout."""
    return render_to_string("committee/report_pdf.html", {"report": content, "body": html,
                                                          "council_name": settings.IGOV_COUNCIL_NAME,
                                                          "title": title_of(content)})


def report_pdf(content: dict, html: str, base_url: str) -> bytes:
    return render_pdf(report_document(content, html), base_url)


def title_of(content: dict) -> str:
    meeting = content["meeting"]
    return f"{meeting['agenda_item']}: {meeting['committee']}, {isodate(meeting['date'])}"


def report_xlsx(content: dict) -> bytes:
    """The report's tables, one sheet per register, then the exceptions and the glossary."""
    figures = content["figures"]
    on, since = isodate(figures["on"]), isodate(figures["since"])
    heads = ["Measure", f"As at {since}" if since else "Previous meeting", f"As at {on}", "Change"]

    def lines(rows, prefix=()):
        for r in rows:
            yield [*prefix, r["label"], r["before"], r["now"], r["change"]]
            if "of_which" in r:
                o = r["of_which"]
                yield [*prefix, f"{r['label']}, {o['label']}", o["before"], o["now"], o["change"]]

    actions = figures["actions"]
    plan_rows = [line for plan in [*actions["plans"], actions["all"]] for line in lines(plan["rows"], (plan["title"],))]
    assets = figures["assets"]
    sheets = [
        ("Action plans", ["Plan", *heads], plan_rows),
        ("Information risks", heads, list(lines(figures["risks"]["rows"] + figures["risks"]["bands"]))),
        ("Assets and agreements", heads, list(lines(assets["assets"] + assets["agreements"]
                                                   + assets["agreement_warnings"]))),
    ]
    training = figures["training"]
    if training:
        sheets.append(("Training", heads, list(lines(training["rows"]))))
        if training["by_directorate"]:
            sheets.append(("Training by directorate",
                           ["Directorate", "Must complete", "Valid completion", "Compliant (%)", "Still to complete"],
                           [[d["directorate"], d["base"], d["valid"], d["percent"], d["still_to_complete"]]
                            for d in training["by_directorate"]]))
    exceptions = figures["exceptions"]
    sheets += [
        ("Exceptions - actions",
         ["Plan", "Reference", "Action", "Service", "Priority", "Status", "Original target", "Revised target",
          "Reason for revision", "Days overdue"],
         [[a["plan"], a["reference"], a["action"], a["service"], a["priority"], a["status"],
           isodate(a["original_target"]), isodate(a["revised_target"]), a["reason"], a["days_overdue"] or ""]
          for a in exceptions["actions"]]),
        ("Exceptions - risks", ["Reference", "Risk", "Category", "Residual score", "Appetite (highest score)"],
         [[r["reference"], r["title"], r["category"], r["residual_score"], r["appetite_score"]]
          for r in exceptions["risks"]]),
        ("Exceptions - agreements", ["Reference", "Agreement", "Safeguarding", "Status recorded", "Expired on"],
         [[g["reference"], g["title"], "Yes" if g["safeguarding"] else "No", g["status"], isodate(g["expired_on"])]
          for g in exceptions["agreements"]]),
        ("Glossary", ["Term", "Meaning"], [[t, m] for t, m in content["glossary"].items()]),
        ("About", ["", ""], [["Report", title_of(content)], ["Figures as at", on],
                            ["Movement since", since or "(first report)"], ["Version", content["edition"]]]),
    ]
    return xlsx_workbook(sheets)


def publish(report: Report, by, base_url: str, when=None) -> Report:
    """Freezes the draft: computes its content once more and stores it with its HTML, PDF and XLSX.
    Refused if it was published meanwhile (the row is locked while this runs). `when` is the moment
    of publication, now unless given (the demo publishes its past meetings' reports in the past)."""
    with transaction.atomic():
        # Only the report's row is locked: PostgreSQL cannot lock the outer join to a report it corrects.
        report = Report.objects.select_for_update(of=("self",)).select_related(
            "meeting__committee", "supersedes").get(pk=report.pk)
        if report.is_published:
            raise ValueError("This report has already been published.")
        content = draft_content(report)
        html = report_html(content)
        report.freeze(by, when or timezone.now(), content, html, report_pdf(content, html, base_url),
                      report_xlsx(content))
    return report

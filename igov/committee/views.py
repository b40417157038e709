"""Committee meetings and their reports. The IG team records meetings and resolutions and prepares
each report; the board and committee members read the published ones (and never see a draft).
Every view loads its report through get_report_for_user, which holds that rule."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from igov.accounts.roles import COMMITTEE_READERS, IG_TEAM, has_role, role_required
from igov.committee.figures import report_figures
from igov.committee.forms import CorrectionForm, MeetingForm, NarrativeForm, PublishForm, ResolutionForm
from igov.committee.models import Meeting, Report
from igov.committee.report import content_of, publish, report_html, report_pdf, report_xlsx, title_of
from igov.lib.exports import xlsx_file_response


def get_report_for_user(request, pk) -> Report:
    """The report if the user may read it: the IG team every version, others only published ones."""
    report = get_object_or_404(Report.objects.for_list(), pk=pk)
    if not report.is_published and not has_role(request.user, IG_TEAM):
        raise Http404("No published report")
    return report


def get_draft(request, pk) -> Report:
    report = get_report_for_user(request, pk)
    if report.is_published:
        raise PermissionDenied("A published report is never changed: publish a correction instead.")
    return report


@role_required(*COMMITTEE_READERS)
def index(request):
    """Every meeting, newest first, with its reports (drafts only for the IG team)."""
    meetings = list(Meeting.objects.with_reports())
    ig_team = has_role(request.user, IG_TEAM)
    rows = [{"meeting": m, "reports": [r for r in m.reports.all() if ig_team or r.is_published]} for m in meetings]
    return render(request, "committee/index.html", {"rows": rows, "ig_team": ig_team})


def home(request):
    """A committee member's home page: the latest published report, and the position today with the
    movement since the last meeting (the figures a member would ask about before the next one)."""
    latest = Report.objects.current().for_list().first()
    today = timezone.localdate()
    last = Meeting.objects.filter(date__lte=today).order_by("-date").first()
    figures = report_figures(today, last.date if last else None, exceptions=False)
    return render(request, "committee/home.html", {"latest": latest, "figures": figures, "last": last,
                                                   "today": today})


@role_required(IG_TEAM)
def meeting_add(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, f"Meeting recorded: {meeting}.")
        return redirect(meeting)
    return render(request, "committee/meeting_form.html", {"form": form})


@role_required(*COMMITTEE_READERS)
def meeting(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    ig_team = has_role(request.user, IG_TEAM)
    reports = [r for r in meeting.reports.select_related("supersedes", "superseded_by").order_by("edition")
               if ig_team or r.is_published]
    resolutions = meeting.resolutions.select_related("action__plan").order_by("number")
    return render(request, "committee/meeting.html", {
        "meeting": meeting, "reports": reports, "resolutions": resolutions, "ig_team": ig_team,
        "has_draft": any(not r.is_published for r in reports), "previous": meeting.previous()})


@role_required(IG_TEAM)
def resolution_add(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    form = ResolutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resolution = meeting.record_resolution(
                data["text"], data["agreed_action"], data["owner"], data["target_date"], by=request.user,
                scope_area=data["scope_area"], unit=data["unit"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Resolution {resolution.number} recorded; it is tracked as action "
                                      f"{resolution.action.reference} in {resolution.action.plan}.")
            if "another" in request.POST:
                return redirect("committee:resolution_add", pk=meeting.pk)
            return redirect(meeting)
    return render(request, "committee/resolution_form.html", {"form": form, "meeting": meeting})


@role_required(IG_TEAM)
@require_POST
def report_start(request, pk):
    """Starts the draft report to a meeting (one per meeting: its corrections start from the report)."""
    meeting = get_object_or_404(Meeting, pk=pk)
    existing = meeting.reports.order_by("-edition").first()
    if existing is not None:
        messages.info(request, "This meeting already has a report." + (
            " Correct it from its page to start a new version." if existing.is_published else ""))
        return redirect(existing)
    try:
        with transaction.atomic():
            report = Report(meeting=meeting, created_by=request.user)
            report._history_user = request.user
            report.save()
    except IntegrityError:
        return redirect(meeting)
    messages.success(request, "Draft report started: its figures are computed each time you open it.")
    return redirect("committee:report_edit", pk=report.pk)


@role_required(*COMMITTEE_READERS)
def report(request, pk):
    report = get_report_for_user(request, pk)
    content = content_of(report)
    html = report.html if report.is_published else report_html(content)
    return render(request, "committee/report.html", {
        "report": report, "body": html, "title": title_of(content), "ig_team": has_role(request.user, IG_TEAM),
        "versions": report.meeting.reports.select_related("superseded_by").order_by("edition")
        if report.edition > 1 or report.is_published else []})


@role_required(IG_TEAM)
def report_edit(request, pk):
    report = get_draft(request, pk)
    form = NarrativeForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        report._history_user = request.user
        if form.save_if_current():
            messages.success(request, "Draft saved.")
            return redirect(report)
    return render(request, "committee/report_edit.html", {"form": form, "report": report})


@role_required(IG_TEAM)
def report_publish(request, pk):
    """Shows what publishing means, then freezes the draft as it stands when confirmed."""
    report = get_report_for_user(request, pk)
    form = PublishForm(request.POST or None, initial={"seen_version": report.version})
    if report.is_published:  # someone published it since this page was opened: say so, change nothing
        form = PublishForm({"seen_version": report.version})
        form.is_valid()
        form.add_error(None, f"This report was published on {report.published_at:%-d %B %Y at %H:%M}. "
                             "Members see it as it was then; to change it, publish a correction.")
    elif request.method == "POST" and form.is_valid():
        if form.cleaned_data["seen_version"] != report.version:
            form.add_error(None, "The draft was changed after you opened this page. Check it again, then publish.")
        else:
            try:
                publish(report, request.user, request.build_absolute_uri("/"))
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Report published. Members now see it exactly as it stands.")
                return redirect(report)
    return render(request, "committee/report_publish.html", {"form": form, "report": report})


@role_required(IG_TEAM)
def report_correct(request, pk):
    report = get_report_for_user(request, pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                locked = Report.objects.select_for_update().get(pk=report.pk)
                draft = locked.correct(request.user, form.cleaned_data["reason"])
        except (ValidationError, IntegrityError) as error:
            form.add_error(None, getattr(error, "messages", ["This report already has a correction in draft."])[0])
        else:
            messages.success(request, f"Version {draft.edition} started as a draft. Version {report.edition} "
                                      "stays published until you publish this one.")
            return redirect("committee:report_edit", pk=draft.pk)
    return render(request, "committee/report_correct.html", {"form": form, "report": report})


@role_required(*COMMITTEE_READERS)
def report_pdf_view(request, pk):
    report = get_report_for_user(request, pk)
    if report.is_published:
        pdf = bytes(report.pdf)
    else:
        content = content_of(report)
        pdf = report_pdf(content, report_html(content), request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{file_name(report)}.pdf")
    return response


@role_required(*COMMITTEE_READERS)
def report_xlsx_view(request, pk):
    report = get_report_for_user(request, pk)
    xlsx = bytes(report.xlsx) if report.is_published else report_xlsx(content_of(report))
    return xlsx_file_response(file_name(report), xlsx)


def file_name(report: Report) -> str:
    meeting = report.meeting
    status = "" if report.is_published else "-DRAFT"
    return f"{meeting.committee.name} {meeting.date:%Y-%m-%d} report v{report.edition}{status}".replace(" ", "-")

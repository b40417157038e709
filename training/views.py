"""Training pages: compliance by council, directorate and service; staff records; imports; the
annual report. Committee members see counts and percentages, never a name."""
from datetime import date
from pathlib import PurePath
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST

from igov.accounts.roles import IG_TEAM, OFFICER, REGISTER_STAFF, TRAINING_READERS, has_role, is_ig_team, role_required
from igov.imports import staging
from igov.imports.importer import KINDS
from igov.imports.models import ImportRecord
from igov.imports.views import preview_workbook
from igov.lib.exports import export_response, xlsx_file_response
from igov.lib.pagination import paginate
from igov.lib.uploads import UploadRejected, check_upload
from igov.org.models import Unit
from training import imports
from training.forms import AsAtForm, ConfirmForm, ImportForm, StaffSearchForm
from training.models import (
    Completion,
    ComplianceFigures,
    ComplianceSnapshot,
    Course,
    ImportRun,
    StaffMember,
    month_ends,
    own_units,
)

PREVIEW_PAGE_SIZE = 50
OUTSTANDING_PAGE_SIZE = 50


def may_see_names(user, unit: Unit) -> bool:
    """Names of staff still to complete: the IG team, and a service's own officers for their service."""
    return is_ig_team(user) or (has_role(user, OFFICER) and unit.pk in own_units(user))


def get_staff_for_user(request, pk: int) -> StaffMember:
    """A staff record the user may see (StaffMember.objects.visible_to); 404 for an officer asking
    for someone outside their service, 403 for a role that sees no staff records."""
    if not has_role(request.user, OFFICER, IG_TEAM):
        raise PermissionDenied("Staff records are for the IG team and the person's own service.")
    return get_object_or_404(StaffMember.objects.visible_to(request.user)
                             .select_related("line_manager", "unit__parent"), pk=pk)


def unit_rows(groups, query: str) -> list[dict]:
    """Table rows for compliance_by_unit's groups, each unit linked by its code."""
    return [{"name": unit.name if unit else "No directorate or service recorded", "figures": figures,
             "url": reverse("training:unit", args=[unit.code]) if unit else ""}
            for unit, figures in groups]


def as_at(request):
    """The course and date a page is about, from the query string (defaults: the main course, today)."""
    form = AsAtForm(request.GET or None)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    course = chosen.get("course") or Course.objects.main()
    on = chosen.get("on") or timezone.localdate()
    if not form.is_bound or form.is_valid():
        form = AsAtForm(initial={"course": course, "on": on})
    query = urlencode({"course": course.pk, "on": on.isoformat()}) if course else ""
    return course, on, form, query


@role_required(*TRAINING_READERS)
def index(request):
    """Compliance for the whole council and by directorate, with the trend over 12 months."""
    course, on, form, query = as_at(request)
    if course is None:
        return render(request, "training/dashboard.html", {"course": None, "form": form})
    days = month_ends(on)
    kept = ComplianceSnapshot.objects.at(course, days)  # one read for the trend and the directorates
    by_directorate = StaffMember.objects.compliance_by_unit(course, on, kept=kept[on])
    trend = [kept[day].whole(course) for day in days]
    whole = trend[-1]  # the council on the date: the sum of the directorates, and the since-launch count
    return render(request, "training/dashboard.html", {
        "course": course, "on": on, "form": form, "query": query, "groups_rows": unit_rows(by_directorate, query),
        "whole": whole, "since_launch": whole.since_launch, "trend": trend, "chart": trend_chart(trend),
        "may_import": is_ig_team(request.user), "may_search": has_role(request.user, OFFICER, IG_TEAM)})


def trend_chart(points: list[ComplianceFigures]) -> dict:
    """Bar geometry for the server-rendered SVG chart (0–100% on a 200-unit-high plot)."""
    width, height, gap = 40, 200, 12
    bars = []
    for n, point in enumerate(points):
        percent = point.percent or 0
        bar_height = round(height * percent / 100, 1)
        bars.append({"x": 50 + n * (width + gap), "y": round(20 + height - bar_height, 1), "height": bar_height,
                     "width": width, "label_x": 50 + n * (width + gap) + width / 2, "point": point})
    target = points[0].target if points else 95
    return {"bars": bars, "width": 60 + len(points) * (width + gap), "base_y": 20 + height, "target": target,
            "target_y": round(20 + height * (1 - target / 100), 1),
            "grid": [{"y": 20 + height * (1 - p / 100), "p": p} for p in (0, 25, 50, 75, 100)]}


@role_required(*TRAINING_READERS)
def unit(request, code):
    """A directorate's compliance by service, or a service's figures and, for those who may see
    names, who still has to complete (with a download)."""
    course, on, form, query = as_at(request)
    if course is None:
        raise Http404("No course yet")
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    context = {"course": course, "on": on, "form": form, "query": query, "unit": unit}
    if unit.is_directorate and unit.services.exists():
        services = StaffMember.objects.compliance_by_unit(course, on, within=unit, directorates=False)
        return render(request, "training/directorate.html", {
            **context, "groups_rows": unit_rows(services, query),
            "whole": ComplianceFigures.total_of([f for _u, f in services], course, on)})
    figures = StaffMember.objects.figures(course, on, unit)
    names = may_see_names(request.user, unit)
    page, page_query = None, ""
    if names:
        outstanding = (StaffMember.objects.in_unit(unit).still_to_complete(course, on)
                       .with_last_completed(course, on).select_related("line_manager")
                       .order_by("last_name", "first_name", "pk"))
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            return export_response(
                fmt, get_valid_filename(f"still-to-complete-{unit.code}-{on:%Y-%m-%d}"),
                ["Staff number", "First name", "Last name", "Email", "Line manager", "Status", "Last completed"],
                ([s.staff_number, s.first_name, s.last_name, s.email,
                  s.line_manager.full_name if s.line_manager else "", StaffMember.Status(s.status).label,
                  s.last_completed] for s in outstanding), title="Still to complete")
        # A page at a time (the download has everyone); the kept figures give the count, same definition.
        page, page_query = paginate(request, outstanding, OUTSTANDING_PAGE_SIZE, count=figures.still_to_complete)
        for person in page:
            person.status_label = StaffMember.Status(person.status).label
    elif request.GET.get("format"):
        raise PermissionDenied("Only the IG team and the service's own officers may export names.")
    return render(request, "training/service.html", {
        **context, "figures": figures, "names": names, "page": page, "page_query": page_query})


@role_required(*REGISTER_STAFF)
def staff_search(request):
    """Find a person's training record by name or staff number (officers: within their own service)."""
    form = StaffSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = StaffMember.objects.visible_to(request.user).search(query).select_related("unit__parent")
    return render(request, "training/staff_search.html", {"form": form, "query": query, "found": found[:50],
                                                          "scoped": not is_ig_team(request.user)})


@role_required(*REGISTER_STAFF)
def staff(request, pk):
    """A staff member's training record: status in each course today, and every completion."""
    person = get_staff_for_user(request, pk)
    today = timezone.localdate()
    statuses = []
    for course in Course.objects.all():
        row = (StaffMember.objects.filter(pk=person.pk).with_status(course, today)
               .with_last_completed(course, today).values("status", "last_completed").first())
        statuses.append({"course": course, "status": StaffMember.Status(row["status"]).label if row else None,
                         "last_completed": row["last_completed"] if row else None})
    return render(request, "training/staff_detail.html", {
        "person": person, "statuses": statuses, "today": today,
        "completions": person.completions.select_related("course", "import_run")})


@role_required(IG_TEAM)
def import_upload(request):
    """Upload an LMS or HR export and see what importing it would do (a dry run: nothing is written). The
    preview is kept beside the staged file, so paging and filtering it (import_preview) reads no spreadsheet."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        data = uploaded.read()
        file_name = get_valid_filename(PurePath(uploaded.name).name)[:255] or "upload"
        kind = form.cleaned_data["kind"]
        try:
            result = imports.IMPORTERS[kind](data, file_name, user=request.user, dry_run=True, detail=True)
        except UploadRejected as error:
            form.add_error("file", error.message)
        else:
            if result.missing_columns or result.empty:
                return render(request, "training/import_preview.html", {
                    "result": result, "confirm": None, "kind_label": ImportRun.Kind(kind).label})
            file_kind = check_upload(data, file_name)
            checksum = staging.stage_upload(data, file_kind)
            saved = {**result.as_dict(), "file_kind": file_kind}
            staging.save_preview(checksum, kind, None, saved)
            return _preview_page(request, kind, checksum, saved,
                                 base_url=reverse("training:import_preview", args=[kind, checksum]))
    return render(request, "training/import_form.html", {"form": form, "columns": {
        "completions": imports.COMPLETION_COLUMNS, "staff": imports.STAFF_COLUMNS}})


@role_required(IG_TEAM)
def import_preview(request, kind, checksum):
    """What importing the file would do: counts, compliance before and after by directorate, the leavers
    it names, and each row's outcome (field by field), filterable by kind of change and paged, or as XLSX."""
    if kind not in ImportRun.Kind.values:
        raise Http404("No such import")
    try:
        saved = staging.saved_preview(checksum, kind, None)
    except (FileNotFoundError, ValueError):
        messages.error(request, "That file is no longer waiting to be imported. Upload it again.")
        return redirect("training:import")
    return _preview_page(request, kind, checksum, saved)


def _preview_page(request, kind: str, checksum: str, saved: dict, base_url: str = ""):
    """The preview from its saved form: the upload's response shows its first page, whose links lead to
    import_preview (base_url)."""
    result = imports.ImportResult.from_dict(saved)
    show = request.GET.get("show") if request.GET.get("show") in KINDS else ""
    rows = [row for row in result.outcomes if not show or row.kind == show]
    if request.GET.get("format") == "xlsx":
        return xlsx_file_response(f"{kind}-import-preview", preview_workbook(rows))
    page, query = paginate(request, rows, PREVIEW_PAGE_SIZE)
    confirm = ConfirmForm(initial={"kind": kind, "file_kind": saved["file_kind"], "file_name": result.file_name,
                                   "checksum": checksum}) if result.ok else None
    return render(request, "training/import_preview.html", {
        "result": result, "confirm": confirm, "kind_label": ImportRun.Kind(kind).label, "page": page,
        "query": query, "show": show, "kinds": KINDS, "key_header": "Staff number", "filter_prefix": "",
        "base_url": base_url})


@role_required(IG_TEAM)
@require_POST
def import_confirm(request):
    """Import a previewed file for real: all or nothing, in one transaction, recorded."""
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That import could not be confirmed. Upload the file again.")
        return redirect("training:import")
    kind, checksum, file_kind = (form.cleaned_data[name] for name in ("kind", "checksum", "file_kind"))
    try:
        data = staging.staged_upload(checksum, file_kind)
    except FileNotFoundError:
        messages.error(request, "The previewed file is no longer waiting to be imported. Upload it again.")
        return redirect("training:import")
    file_name = get_valid_filename(form.cleaned_data["file_name"])[:255]
    result = imports.IMPORTERS[kind](data, file_name, user=request.user, dry_run=False)
    if not result.ok:
        # The data changed since the preview (say, a staff member was removed): show the new errors.
        return render(request, "training/import_preview.html", {
            "result": result, "confirm": None, "kind_label": ImportRun.Kind(kind).label})
    staging.discard_staged(checksum, file_kind)
    staging.discard_preview(checksum, kind, None)
    messages.success(request, f"Imported {file_name}: {result.to_add:,} added, {result.to_update:,} updated, "
                              f"{result.unchanged:,} already present.")
    return redirect("training:import_history")


@role_required(IG_TEAM)
def import_history(request):
    """Every confirmed training import: who, when, which file, what it did (the records every
    register's imports keep, shown by the same table as /imports/)."""
    records = ImportRecord.objects.filter(register__in=ImportRun.Kind.values).select_related("imported_by")
    page, query = paginate(request, records, PREVIEW_PAGE_SIZE)
    return render(request, "training/import_history.html", {"page": page, "query": query})


def financial_year(day: date) -> int:
    """The year a UK council's financial year starts in (April to March)."""
    return day.year if day.month >= 4 else day.year - 1


@role_required(*TRAINING_READERS)
def report(request):
    """The annual training report: each directorate's figures for a financial year against the target."""
    course, today, form, query = as_at(request)
    if course is None:
        raise Http404("No course yet")
    years = list(range(financial_year(timezone.localdate()), financial_year(course.launch_date) - 1, -1))
    try:
        year = int(request.GET.get("year", years[0]))
    except ValueError:
        year = years[0]
    if year not in years:
        year = years[0]
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    on = min(end, timezone.localdate())
    groups = StaffMember.objects.compliance_by_unit(course, on)
    done_in_year = Completion.objects.filter(staff=OuterRef("pk"), course=course, passed=True,
                                             completed_on__range=(start, on))
    completed = dict(StaffMember.objects.in_scope_for(course, on).alias(done=Exists(done_in_year))
                     .annotate(group_unit=Coalesce("unit__parent_id", "unit_id"))
                     .values("group_unit").order_by("group_unit")
                     .annotate(n=Count("pk", filter=Q(done=True))).values_list("group_unit", "n"))
    rows = [{"name": unit.name if unit else "No directorate recorded", "figures": g,
             "completed": completed.get(unit.pk if unit else None, 0)} for unit, g in groups]
    whole = ComplianceFigures.total_of([g for _u, g in groups], course, on)
    total = {"name": "Whole council", "figures": whole, "completed": sum(r["completed"] for r in rows)}
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return export_response(
            fmt, f"training-report-{year}-{year + 1}",
            ["Directorate", "Staff in scope", "Completed in the year", "Valid at year end or today",
             "New starters in grace", "Compliance %", "Target %", "Target met"],
            ([r["name"], r["figures"].total, r["completed"], r["figures"].valid, r["figures"].grace,
              r["figures"].percent, r["figures"].target, "Yes" if r["figures"].meets_target else "No"]
             for r in [*rows, total]), title="Training report")
    return render(request, "training/report.html", {
        "course": course, "form": form, "year": year, "years": years, "start": start, "end": end, "on": on,
        "rows": rows, "total": total, "query": urlencode({"course": course.pk, "year": year}), "today": today})

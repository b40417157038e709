"""Import pages, for the IG team: upload a register's spreadsheet, check the preview (what each row
would create or change, field by field, and every row in error), confirm, and the history of imports.

The dry run happens once, when the file is uploaded; its outcome is kept beside the staged file
(igov.imports.staging), so paging and filtering a 10,000-row preview reads no spreadsheet and
costs the same few queries however long the file is. Confirming checks the file again, since
records may have changed in between.
"""
from pathlib import PurePath

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST

from actions.models import ActionPlan
from igov.accounts.roles import IG_TEAM, role_required
from igov.imports import staging
from igov.imports.columns import Context
from igov.imports.forms import UploadForm
from igov.imports.importer import KINDS, Preview, run_import
from igov.imports.models import ImportRecord
from igov.imports.registers import Register, registers
from igov.lib.exports import xlsx_file_response, xlsx_workbook
from igov.lib.pagination import paginate
from igov.lib.uploads import UploadRejected, check_upload

PAGE_SIZE = 50


def _register(kind: str) -> Register:
    try:
        return registers()[kind]
    except KeyError:
        raise Http404("No such register") from None


def _plan(register: Register, plan_id) -> ActionPlan | None:
    if not register.needs_plan:
        return None
    return ActionPlan.objects.filter(pk=plan_id).first() if str(plan_id or "").isdigit() else None


def _preview_url(register: Register, checksum: str, plan: ActionPlan | None) -> str:
    url = reverse("imports:preview", args=[register.kind, checksum])
    return f"{url}?plan={plan.pk}" if plan else url


@role_required(IG_TEAM)
def import_history(request: HttpRequest) -> HttpResponse:
    """Every confirmed import, newest first, and a link to import each register."""
    page, query = paginate(request, ImportRecord.objects.select_related("imported_by"), PAGE_SIZE)
    return render(request, "imports/import_history.html", {
        "page": page, "query": query, "registers": registers().values()})


@role_required(IG_TEAM)
def import_upload(request: HttpRequest, kind: str) -> HttpResponse:
    """Upload a register's spreadsheet; the dry run's outcome is the next page (nothing is written)."""
    register = _register(kind)
    form = UploadForm(register, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded, plan = form.cleaned_data["file"], form.cleaned_data.get("plan")
        data = uploaded.read()
        file_name = get_valid_filename(PurePath(uploaded.name).name)[:255] or "upload"
        context = Context(user=request.user, plan=plan, today=timezone.localdate())
        try:
            preview = run_import(register, data, file_name, context=context)
        except UploadRejected as error:
            form.add_error("file", error.message)
        else:
            file_kind = check_upload(data, file_name)
            checksum = staging.stage_upload(data, file_kind)
            staging.save_preview(checksum, kind, plan and plan.pk, {**preview.as_dict(), "file_kind": file_kind})
            return redirect(_preview_url(register, checksum, plan))
    return render(request, "imports/import_upload.html", {"register": register, "form": form})


@role_required(IG_TEAM)
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """A blank workbook with the register's columns."""
    register = _register(kind)
    return xlsx_file_response(f"{register.kind}-import-template", register.template())


def _saved(request, register: Register, checksum: str):
    plan = _plan(register, request.GET.get("plan") or request.POST.get("plan"))
    try:
        saved = staging.saved_preview(checksum, register.kind, plan and plan.pk)
    except (FileNotFoundError, ValueError):
        return None, plan
    return saved, plan


@role_required(IG_TEAM)
def import_preview(request: HttpRequest, kind: str, checksum: str) -> HttpResponse:
    """What importing the file would do: counts, then rows by kind of change (paged), or as XLSX."""
    register = _register(kind)
    saved, plan = _saved(request, register, checksum)
    if saved is None:
        messages.error(request, "That file is no longer waiting to be imported. Upload it again.")
        return redirect("imports:upload", kind)
    preview = Preview.from_dict(register, saved)
    show = request.GET.get("show") if request.GET.get("show") in KINDS else ""
    rows = [row for row in preview.rows if not show or row.kind == show]
    if request.GET.get("format") == "xlsx":
        return xlsx_file_response(f"{kind}-import-preview", preview_workbook(rows))
    page, query = paginate(request, rows, PAGE_SIZE)
    return render(request, "imports/import_preview.html", {
        "register": register, "preview": preview, "plan": plan, "page": page, "query": query, "show": show,
        "kinds": KINDS, "counts": preview.counts, "checksum": checksum,
        "filter_prefix": f"plan={plan.pk}" if plan else ""})


def preview_workbook(rows) -> bytes:
    lines = []
    for row in rows:
        lines += [[row.number, row.key, KINDS[row.kind], change.header, change.old, change.new, ""]
                  for change in row.changes]
        lines += [[row.number, row.key, KINDS[row.kind], column, "", "", message] for column, message in row.errors]
        if not row.changes and not row.errors:
            lines.append([row.number, row.key, KINDS[row.kind], "", "", "", ""])
    return xlsx_workbook([("Preview", ["Row", "Reference", "Outcome", "Column", "Now", "After import", "Error"],
                           lines)])


@role_required(IG_TEAM)
@require_POST
def import_confirm(request: HttpRequest, kind: str, checksum: str) -> HttpResponse:
    """Import a previewed file for real: checked again, then all or nothing in one transaction."""
    register = _register(kind)
    saved, plan = _saved(request, register, checksum)
    try:
        data = staging.staged_upload(checksum, saved["file_kind"]) if saved else None
    except FileNotFoundError:
        data = None
    if data is None or (register.needs_plan and plan is None):
        messages.error(request, "That file is no longer waiting to be imported. Upload it again.")
        return redirect("imports:upload", kind)
    context = Context(user=request.user, plan=plan, today=timezone.localdate())
    try:
        preview = run_import(register, data, saved["file_name"], context=context, dry_run=False)
    except UploadRejected as error:
        messages.error(request, error.message)
        return redirect("imports:upload", kind)
    if not preview.ok:
        # The records changed since the preview (say, an owner left): show what is wrong now.
        staging.save_preview(checksum, kind, plan and plan.pk, {**preview.as_dict(), "file_kind": saved["file_kind"]})
        messages.error(request, "Nothing was imported: the file no longer imports cleanly. See the rows in error.")
        return redirect(_preview_url(register, checksum, plan))
    staging.discard_staged(checksum, saved["file_kind"])
    staging.discard_preview(checksum, kind, plan and plan.pk)
    record = preview.record
    messages.success(request, f"Imported {record.file_name}: {record.created:,} added, {record.updated:,} updated, "
                              f"{record.unchanged:,} unchanged.")
    return redirect("imports:history")

"""Export → import gives 0 changes for every register; an edited cell changes exactly that field."""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from actions.models import Action, ActionPlan
from assets.models import DataSharingAgreement, InformationAsset, Partner
from igov.imports.importer import CREATE, UNCHANGED, UPDATE
from igov.imports.models import ImportRecord
from igov.imports.registers import registers
from igov.lib.exports import xlsx_workbook
from risks.models import Risk
from tests.budget import seed_demo
from tests.conftest import client_for, made_once
from tests.imports.conftest import check

EXPORTS = {"actions": "/actions/list/export.xlsx", "risks": "/risks/register/export.xlsx",
           "assets": "/assets/register/export.xlsx", "agreements": "/assets/agreements/export.xlsx"}
MODELS = {"actions": Action, "risks": Risk, "assets": InformationAsset, "agreements": DataSharingAgreement,
          "partners": Partner}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with made_once(django_db_blocker):
        with django_db_blocker.unblock():
            seed_demo(1, ["actions", "risks", "assets"])
        yield


@pytest.fixture
def ig(demo, db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name="IG team").first()


def exported(kind, ig, plan=None) -> bytes:
    if kind == "partners":
        register = registers()["partners"]
        return xlsx_workbook([("Partners", register.headers(), register.rows(Partner.objects.all()))])
    response = client_for(ig).get(EXPORTS[kind], {"plan": plan.pk} if plan else {})
    assert response.status_code == 200
    return response.content


def first_plan():
    return ActionPlan.objects.filter(actions__isnull=False).distinct().order_by("pk").first()


@pytest.mark.parametrize("kind", ["actions", "risks", "assets", "partners", "agreements"])
def test_exporting_and_importing_unchanged_data_reports_no_changes(kind, ig):
    plan = first_plan() if kind == "actions" else None
    preview = check(kind, exported(kind, ig, plan), plan=plan, user=ig)
    assert preview.missing == [] and preview.unknown == []
    assert [(row.number, row.changes, row.errors) for row in preview.rows if row.kind != UNCHANGED] == []
    assert preview.changes == 0 and preview.count(UNCHANGED) == MODELS[kind].objects.filter(
        **({"plan": plan} if plan else {})).count() > 0


def edit(data: bytes, header: str, row: int, *values) -> bytes:
    """The workbook with one cell set to the first of `values` it does not already hold."""
    book = load_workbook(BytesIO(data))
    sheet = book.active
    column = [cell.value for cell in sheet[1]].index(header) + 1
    cell = sheet.cell(row=row, column=column)
    cell.value = next(value for value in values if str(value).lower() != str(cell.value).lower())
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("kind", "header", "values", "field"), [
    ("actions", "Scope area", ["Training and awareness", "Records management"], "scope_area"),
    ("actions", "Priority", ["Urgent", "Low"], "priority"),
    ("actions", "Original target date", ["24/10/2016", "25 October 2016"], "original_target_date"),
    ("risks", "Treatment", ["Tolerate", "treat"], "treatment"),
    ("assets", "Business criticality", ["critical", "Low"], "criticality"),
    ("partners", "Contact name", ["Dana Protector"], "contact_name"),
    ("agreements", "Title", ["Edited title"], "title"),
])
def test_an_edited_cell_changes_exactly_that_field_and_history_names_the_importer(kind, header, values, field, ig):
    plan = first_plan() if kind == "actions" else None
    data = edit(exported(kind, ig, plan), header, 2, *values)
    preview = check(kind, data, "edited.xlsx", plan=plan, user=ig)
    changed = [row for row in preview.rows if row.kind != UNCHANGED]
    assert len(changed) == 1 and changed[0].kind == UPDATE
    assert [change.header for change in changed[0].changes] == [header]
    key = changed[0].key
    before = MODELS[kind].objects.get(pk=changed[0].record.pk)
    stored = getattr(changed[0].record, field)
    assert getattr(before, field) != stored

    result = check(kind, data, "edited.xlsx", plan=plan, user=ig, dry_run=False)
    after = MODELS[kind].objects.get(pk=before.pk)
    assert getattr(after, field) == stored
    newest = after.history.first()
    assert newest.history_user == ig and newest.history_change_reason == "Imported from edited.xlsx"
    # Concrete fields: a many-to-many's history is a snapshot at each save, not a change of the import's.
    diff = newest.diff_against(newest.prev_record, excluded_fields=[
        f.name for f in MODELS[kind]._meta.many_to_many])
    assert [change.field for change in diff.changes if change.field != "version"] == [field]
    record = ImportRecord.objects.get(pk=result.record.pk)
    assert (record.register, record.imported_by, record.updated, record.created) == (kind, ig, 1, 0)
    assert key


def test_a_new_reference_is_created_in_the_chosen_plan(ig):
    plan = first_plan()
    data = edit(exported("actions", ig, plan), "Reference", 2, "NEW-1")
    if plan.is_fixed:  # an agreed plan: the addition needs its reason, and is counted apart
        refused = check("actions", data, plan=plan, user=ig)
        assert [(row.kind, [text for _, text in row.errors]) for row in refused.rows if row.kind != UNCHANGED] == [
            ("error", [f"This plan was agreed on {plan.agreed_on:%-d %B %Y}. Give the reason for adding an action "
                       "to it."])]
        data = edit(data, "Why added since the plan was agreed", 2, "Found in the follow-up visit")
    preview = check("actions", data, plan=plan, user=ig, dry_run=False)
    assert preview.count(CREATE) == 1
    added = Action.objects.get(plan=plan, reference="NEW-1")
    assert added.history.first().history_user == ig
    assert added.added_after_agreement == plan.is_fixed

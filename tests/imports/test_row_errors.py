"""Rows in error: each names its row, its column and what is wrong, and nothing is written."""
import pytest

from actions.models import Action
from igov.imports.models import ImportRecord
from tests.imports.conftest import check, csv_file, errors_of, xlsx_file

HEADERS = ["Reference", "Recommendation", "Priority", "Owner", "Original target date", "Status"]


def good(reference, owner="owner"):
    return [reference, f"Recommendation {reference}", "High", owner, "24/10/2016", "In progress"]


@pytest.mark.parametrize(("row", "column", "message"), [
    (["A9", "Text", "High", "nobody@example.gov.uk", "24/10/2016", "Not started"], "Owner (column D)",
     "nobody has the username, e-mail address or name “nobody@example.gov.uk”"),
    (["A9", "Text", "High", "owner", "31/02/2016", "Not started"], "Original target date (column E)",
     "“31/02/2016” is not a date"),
    (["A9", "Text", "Very high", "owner", "24/10/2016", "Not started"], "Priority (column C)",
     "“Very high” is not one of: Urgent, High, Medium, Low"),
    (["A1", "Text", "High", "owner", "24/10/2016", "Not started"], "Reference (column A)",
     "A1 is also on row 2: each reference may appear once in a file"),
    (["A9", "Text", "High", "owner", "24/10/2016", "Completed"], "",
     "Give the date the action was completed."),
])
def test_a_bad_cell_is_a_row_error_naming_its_row_and_column(row, column, message, plan, igteam, owner):
    preview = check("actions", xlsx_file(HEADERS, [good("A1"), good("A2"), row]), plan=plan, user=igteam)
    assert not preview.ok
    errors = errors_of(preview)
    assert {number for number, _, _ in errors} == {4}
    [(where, text)] = [(where, text) for _, where, text in errors if message in text]
    if column:
        assert where == column


def test_an_error_in_the_last_row_leaves_the_database_unchanged(plan, igteam, owner):
    rows = [good(f"A{n}") for n in range(1, 50)] + [good("A50", owner="someone-unknown")]
    preview = check("actions", xlsx_file(HEADERS, rows), plan=plan, user=igteam, dry_run=False)
    assert errors_of(preview)[0][:2] == (51, "Owner (column D)")
    assert Action.objects.count() == 0 and Action.history.count() == 0 and ImportRecord.objects.count() == 0


def test_missing_and_unknown_columns_are_listed(plan, igteam, owner):
    preview = check("actions", xlsx_file(["Recommendation", "Colour"], [["Text", "Blue"]]), plan=plan)
    assert preview.missing == ["Reference"] and not preview.ok
    preview = check("actions", xlsx_file(["Reference", "Colour"], [["A1", "Blue"]]), plan=plan)
    assert preview.unknown == ["Colour"]


def test_a_csv_in_windows_1252_with_a_byte_order_mark_or_without_reads_the_same(plan, igteam, owner):
    rows = [["A1", "Café records – keep 6 years", "High", "owner", "24 October 2016", "Not started"]]
    for encoding in ("utf-8-sig", "utf-8", "cp1252"):
        preview = check("actions", csv_file(HEADERS, rows, encoding), "plan.csv", plan=plan)
        assert preview.ok and preview.rows[0].changes[0].new == "Café records – keep 6 years"


def test_a_row_from_another_plan_is_an_error(plan, igteam, owner):
    rows = [["ICO data protection audit", "A1", "Text"], ["Internal audit 2025", "A2", "Text"]]
    preview = check("actions", xlsx_file(["Plan", "Reference", "Recommendation"], rows), plan=plan)
    [(number, column, message)] = errors_of(preview)
    assert (number, column) == (3, "Plan (column A)") and "“Internal audit 2025”" in message


def test_an_agreed_plans_recommendation_changes_only_with_a_reason(plan, igteam, owner):
    from datetime import date

    Action.objects.create(plan=plan, reference="A1", recommendation="As the ICO wrote it")
    plan.agreed_on = date(2016, 7, 1)
    plan.save()
    preview = check("actions", xlsx_file(["Reference", "Recommendation"], [["A1", "Reworded"]]), plan=plan)
    assert errors_of(preview) == [(2, "Why re-worded", "This plan was agreed on 1 July 2016. Give the reason for "
                                                       "changing the recommendation.")]
    data = xlsx_file(["Reference", "Recommendation", "Why re-worded"], [["A1", "Reworded", "The ICO corrected it"]])
    check("actions", data, "reworded.xlsx", plan=plan, user=igteam, dry_run=False)
    action = Action.objects.get(plan=plan, reference="A1")
    assert (action.recommendation, action.rewording_reason) == ("Reworded", "The ICO corrected it")
    assert action.history.first().history_user == igteam

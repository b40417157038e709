"""The report as a PDF a reader can open (with the council report's headings and its title set) and
as a spreadsheet with one sheet per register, then the exceptions, the glossary and what it is."""
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader


def test_the_pdf_opens_with_the_reports_headings_and_title(scenario, meetings, draft_for, igteam, login):
    report = draft_for(meetings[2])
    response = login(igteam).get(reverse("committee:report_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "DRAFT" in response["Content-Disposition"]
    pdf = PdfReader(BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    for heading in ("Purpose of the report", "Recommendation", "Summary", "Position as at 22 January 2026",
                    "Appendix A", "Glossary"):
        assert heading in text, heading
    assert text.index("Purpose of the report") < text.index("Appendix A") < text.index("Glossary")
    assert "Information Management Strategy Update" in pdf.metadata.title
    assert "Audit and Procurement Committee" in pdf.metadata.title


def test_the_spreadsheet_has_a_sheet_per_register_with_the_reports_figures(scenario, meetings, draft_for, igteam,
                                                                          login):
    report = draft_for(meetings[2])
    report.annual_training_report = True
    report.save()
    response = login(igteam).get(reverse("committee:report_xlsx", args=[report.pk]))
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [
        "Action plans", "Information risks", "Assets and agreements", "Training", "Training by directorate",
        "Exceptions - actions", "Exceptions - risks", "Exceptions - agreements", "Glossary", "About"]

    plans = list(workbook["Action plans"].iter_rows(values_only=True))
    assert plans[0] == ("Plan", "Measure", "As at 23 October 2025", "As at 22 January 2026", "Change")
    assert ("ICO data protection audit", "Completed, signed off", 2, 1, -1) in plans
    risks = {measure: (before, now, change) for measure, before, now, change in
             workbook["Information risks"].iter_rows(min_row=2, values_only=True)}
    assert risks["Above appetite"] == (3, 3, 0)
    training = {measure: (before, now, change) for measure, before, now, change in
                workbook["Training"].iter_rows(min_row=2, values_only=True)}
    assert training["Compliant (%)"] == (50, 77.8, 27.8)
    assert [row[1] for row in workbook["Exceptions - actions"].iter_rows(min_row=2, values_only=True)] == [
        "I4", "I3", "B3", "I5"]
    directorates = list(workbook["Training by directorate"].iter_rows(min_row=2, values_only=True))
    assert directorates == [("Resources", 9, 7, 77.8, 2)]

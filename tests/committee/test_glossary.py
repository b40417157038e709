"""The committee resolved that every report carry a glossary of exactly the acronyms it uses: an acronym
the IG team writes into the narrative joins the glossary (and is marked up where it is used); taken
out again, it leaves. The figures' own text uses "ICO" (the plan's title) and "IG" (the agreements'
"IG review" status), and no text of this report says "SIRO" until the IG team writes it."""
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions.models import Action, ActionPlan
from igov.committee.models import Committee, Meeting, Report
from igov.front.glossary import terms_used
from tests.committee.conftest import article


def known(term: str, meaning: str) -> str:
    """The glossary's meaning of `term`. The glossary is igov.front.glossary's built-in terms today; once
    it is data the IG team edits (igov.front.models.GlossaryTerm), an entry a test needs is made
    through the model if the database does not hold it already."""
    if term not in terms_used(term):
        from igov.front.models import GlossaryTerm

        GlossaryTerm.objects.create(term=term, meaning=meaning)
    return terms_used(term)[term]


@pytest.fixture
def draft(igteam, owner):
    plan = ActionPlan.objects.create(title="ICO data protection audit", source_kind=ActionPlan.SourceKind.ICO_AUDIT)
    Action.objects.create(plan=plan, reference="A1", recommendation="Publish a retention schedule.", owner=owner,
                          original_target_date=date(2026, 3, 31))
    meeting = Meeting.objects.create(committee=Committee.objects.create(name="Audit and Procurement Committee"),
                                     date=timezone.localdate())  # figures as at the end of today: the plan counts
    return Report.objects.create(meeting=meeting, created_by=igteam, author="Information Governance Manager")


def edit_summary(client, report, summary):
    report.refresh_from_db()
    fields = {f: getattr(report, f) for f in ("report_of", "author", "purpose", "recommendation")}
    response = client.post(reverse("committee:report_edit", args=[report.pk]),
                           {**fields, "summary": summary, "seen_version": report.version})
    assert response.status_code == 302, response.content.decode()[:2000]


def glossary_section(client, report) -> str:
    body = article(client.get(reverse("committee:report", args=[report.pk])))
    return body[body.index('id="glossary"'):]


def glossary_sheet(client, report) -> dict:
    workbook = load_workbook(BytesIO(client.get(reverse("committee:report_xlsx", args=[report.pk])).content))
    return {term: meaning for term, meaning in workbook["Glossary"].iter_rows(min_row=2, values_only=True)}


def test_an_acronym_written_into_the_summary_joins_the_glossary_and_leaves_with_it(draft, igteam, login):
    siro = known("SIRO", "Senior Information Risk Owner")
    expected = {"ICO": known("ICO", "Information Commissioner's Office"), "IG": known("IG", "Information governance")}
    ig = login(igteam)
    assert "SIRO" not in glossary_section(ig, draft)
    assert glossary_sheet(ig, draft) == expected

    edit_summary(ig, draft, "The SIRO has approved the new information risk policy.")
    section = glossary_section(ig, draft)
    assert ">SIRO</dt>" in section and siro in section
    assert glossary_sheet(ig, draft) == {**expected, "SIRO": siro}
    summary = article(ig.get(reverse("committee:report", args=[draft.pk])))
    assert f'<abbr title="{siro}">SIRO</abbr> has approved' in summary

    edit_summary(ig, draft, "The board has approved the new information risk policy.")
    assert "SIRO" not in glossary_section(ig, draft)
    assert glossary_sheet(ig, draft) == expected


def test_the_glossary_lists_each_acronym_once_in_alphabetical_order(draft, igteam, login):
    known("SIRO", "Senior Information Risk Owner")
    known("DPIA", "Data protection impact assessment")
    ig = login(igteam)
    edit_summary(ig, draft, "The SIRO asked for a DPIA of the new system; the SIRO will report back.")
    assert list(glossary_sheet(ig, draft)) == ["DPIA", "ICO", "IG", "SIRO"]
    assert glossary_section(ig, draft).count(">SIRO</dt>") == 1

"""An officer updates an action on one form, in one submit: status, completion date, a progress note
and evidence (text and files). Completing needs evidence, on the form, in the model and in bulk."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import NO_EVIDENCE, Action, EvidenceFile, ProgressUpdate
from igov.accounts.people import person_name

S = Action.Status
PDF = b"%PDF-1.7\n%test\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def update(client, action, **fields):
    action.refresh_from_db()
    data = {"status": action.status, "completion_date": action.completion_date or "", "evidence": action.evidence,
            "seen_version": action.version, **fields}
    return client.post(f"/actions/{action.pk}/edit/", data)


def test_officer_completes_an_action_with_a_note_and_files_in_one_submit(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = update(login(owner), action, status="completed", completion_date="2016-12-01",
                      note="Approved by the IMSG.",
                      files=[SimpleUploadedFile("policy.pdf", PDF), SimpleUploadedFile("minutes.txt", b"Minutes")])
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.completion_date) == (S.COMPLETED, date(2016, 12, 1))
    assert list(ProgressUpdate.objects.values_list("note", "author")) == [("Approved by the IMSG.", owner.pk)]
    assert sorted(EvidenceFile.objects.values_list("name", flat=True)) == ["minutes.txt", "policy.pdf"]
    latest = action.history.first()
    assert latest.history_user == owner
    assert latest.history_change_reason == "Progress note added; Evidence added: policy.pdf, minutes.txt"


def test_completing_without_evidence_is_refused_and_the_error_summary_says_so(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = update(login(owner), action, status="completed", completion_date="2016-12-01", note="Done.")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page and NO_EVIDENCE in page
    action.refresh_from_db()
    assert action.status == S.IN_PROGRESS and not ProgressUpdate.objects.exists()


def test_a_file_uploaded_in_the_same_submit_is_evidence_enough(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = update(login(owner), action, status="completed", completion_date="2016-12-01",
                      files=SimpleUploadedFile("policy.pdf", PDF))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == S.COMPLETED and action.evidence == ""


def test_the_model_refuses_a_completed_action_without_evidence(make_action, owner):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    with pytest.raises(ValidationError) as refused:
        action.full_clean()
    assert refused.value.message_dict["evidence"] == [NO_EVIDENCE + "."]
    EvidenceFile.objects.create(action=action, file="evidence/x.pdf", name="x.pdf", size=3, uploaded_by=owner)
    action.full_clean()


def test_removing_the_last_evidence_of_a_completed_action_is_refused(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    client = login(owner)
    update(client, action, status="completed", completion_date="2016-12-01", files=SimpleUploadedFile("p.pdf", PDF))
    evidence = EvidenceFile.objects.get()
    response = update(client, action, remove_files=[evidence.pk])
    assert NO_EVIDENCE in response.content.decode()
    assert EvidenceFile.objects.exists()


def test_removing_a_file_is_in_the_history_with_who(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    client = login(owner)
    update(client, action, files=SimpleUploadedFile("draft.pdf", PDF))
    update(client, action, remove_files=[EvidenceFile.objects.get().pk])
    assert not EvidenceFile.objects.exists()
    entry = action.change_log()[0]
    assert (entry["reason"], entry["who"]) == ("Evidence removed: draft.pdf", person_name(owner))


def test_bulk_completion_refuses_actions_without_evidence_naming_them(make_action, login, igteam):
    bare = make_action("A01", status=S.IN_PROGRESS)
    ready = make_action("A02", status=S.IN_PROGRESS, evidence="Policy approved")
    response = login(igteam).post("/actions/list/bulk-status/", {"selected": [bare.pk, ready.pk],
                                                                 "status": "completed"}, follow=True)
    assert "These actions have no evidence, so they cannot be marked completed: A01." in response.content.decode()
    with pytest.raises(ValidationError, match="A01"):
        Action.objects.set_status(S.COMPLETED, igteam, date(2017, 1, 16), {bare.pk: 1, ready.pk: 1})
    assert set(Action.objects.values_list("status", flat=True)) == {S.IN_PROGRESS}


def test_the_old_evidence_address_leads_to_the_one_form(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = login(owner).get(f"/actions/{action.pk}/evidence/add/")
    assert response["Location"] == f"/actions/{action.pk}/edit/#id_files"

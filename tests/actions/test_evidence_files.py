"""Evidence files: checked on upload (size, kind, first bytes), always downloaded, never rendered."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import Action, EvidenceFile

S = Action.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, action, name, content):
    """Attaches a file on the action's one update form, changing nothing else."""
    action.refresh_from_db()
    return client.post(f"/actions/{action.pk}/edit/", {
        "status": action.status, "completion_date": action.completion_date or "", "evidence": action.evidence,
        "seen_version": action.version, "files": SimpleUploadedFile(name, content)})


def test_owner_attaches_a_pdf_and_colleagues_can_download_it(make_action, login, owner, other_officer):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = upload(login(owner), action, "Retention schedule v2.pdf", b"%PDF-1.7\n%test\n")
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert (evidence.name, evidence.size, evidence.uploaded_by) == ("Retention schedule v2.pdf", 15, owner)
    assert "Retention" not in evidence.file.name
    download = login(other_officer).get(evidence.get_absolute_url())
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == b"%PDF-1.7\n%test\n"


def test_a_file_that_is_not_what_its_name_says_is_refused(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = upload(login(owner), action, "policy.pdf", b"<html><script>alert(1)</script></html>")
    assert "its contents are not a PDF file" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_a_kind_of_file_not_on_the_list_is_refused(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = upload(login(owner), action, "evidence.html", b"<p>hello</p>")
    assert "This kind of file cannot be uploaded as evidence" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_a_file_over_the_size_limit_is_refused(make_action, login, owner, settings):
    settings.UPLOAD_MAX_BYTES = 100
    action = make_action("A01", status=S.IN_PROGRESS)
    response = upload(login(owner), action, "notes.txt", b"x" * 101)
    assert "the largest you can upload" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_colleague_cannot_attach_evidence_to_my_action(make_action, login, other_officer):
    action = make_action("A01", status=S.IN_PROGRESS)
    assert upload(login(other_officer), action, "notes.txt", b"done").status_code == 403
    assert not EvidenceFile.objects.exists()


def test_the_sign_off_snapshot_lists_the_evidence_files(make_action, login, owner, board):
    from datetime import date

    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    upload(login(owner), action, "minutes.txt", b"IMSG minutes")
    action.refresh_from_db()
    sign_off = action.sign_off(board, "IMSG", date(2017, 1, 12))
    assert sign_off.evidence_files == "minutes.txt"


def test_an_action_with_only_a_file_as_evidence_does_not_say_none_recorded(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    client = login(owner)
    assert "None recorded" in client.get(f"/actions/{action.pk}/").content.decode()
    upload(client, action, "Retention schedule v2.pdf", b"%PDF-1.7\n%test\n")
    page = client.get(f"/actions/{action.pk}/").content.decode()
    assert "Retention schedule v2.pdf" in page
    assert "None recorded" not in page

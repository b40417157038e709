"""History records who made each change; a stale edit is refused, not saved over a newer one."""
from tests.testapp.models import Note


def test_a_change_through_the_app_records_the_signed_in_user(login, admin_user):
    note = Note.objects.create(title="Records retention schedule")
    client = login(admin_user)
    response = client.post(f"/admin/testapp/note/{note.pk}/change/",
                           {"title": "Records retention schedule v2", "body": "", "seen_version": note.version})
    assert response.status_code == 302
    latest = note.history.first()
    assert latest.title == "Records retention schedule v2"
    assert latest.history_user == admin_user


def test_a_stale_edit_is_refused_with_what_changed_and_overwrites_nothing(login, admin_user, igteam):
    note = Note.objects.create(title="Breach log")
    seen = note.version
    first = login(admin_user).post(f"/admin/testapp/note/{note.pk}/change/",
                                   {"title": "Breach log (2026)", "body": "", "seen_version": seen})
    assert first.status_code == 302

    igteam.is_staff = igteam.is_superuser = True
    igteam.save()
    second = login(igteam).post(f"/admin/testapp/note/{note.pk}/change/",
                                {"title": "Breach register", "body": "", "seen_version": seen})
    assert second.status_code == 200
    page = second.content.decode()
    assert "Someone else saved this record after you opened it" in page
    assert "Breach log (2026)" in page and "Ada Administrator" in page
    note.refresh_from_db()
    assert note.title == "Breach log (2026)"


def test_every_save_moves_the_version_on(db):
    note = Note.objects.create(title="A")
    assert note.version == 1
    note.save()
    assert Note.objects.get(pk=note.pk).version == 2

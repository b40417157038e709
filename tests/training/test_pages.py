"""The training pages, through the client as a browser uses them."""
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.training.factories import complete, make_course, make_staff
from tests.units import unit_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(owner):
    """Finance in Resources: the owner works there (matched by e-mail); two colleagues, one not trained."""
    course = make_course(launch_date=timezone.localdate() - timedelta(days=300))
    me = make_staff(staff_number="E1", first_name="Olwen", last_name="Ownerby", email=owner.email)
    done = make_staff(staff_number="E2", first_name="Dora", last_name="Doneit", line_manager=me)
    make_staff(staff_number="E3", first_name="Norris", last_name="Notyet", line_manager=me)
    make_staff(staff_number="E4", first_name="Elsie", last_name="Elsewhere", directorate="People", service="Care")
    complete(done, course, timezone.localdate() - timedelta(days=10))
    complete(me, course, timezone.localdate() - timedelta(days=20))
    return course


def service_url(directorate="Resources", service="Finance"):
    return reverse("training:unit", args=[unit_for(directorate, service).code])


def test_the_dashboard_shows_council_and_directorate_figures(login, igteam, service):
    page = login(igteam).get(reverse("training:index")).content.decode()
    assert "Whole council" in page and "Resources" in page and "People" in page
    assert "50.0%" in page  # 2 of 4 in scope
    assert "Show the trend as a table" in page


def test_the_dashboard_answers_as_at_an_earlier_date(login, igteam, service):
    on = (timezone.localdate() - timedelta(days=15)).isoformat()
    page = login(igteam).get(reverse("training:index"), {"on": on}).content.decode()
    assert "25.0%" in page  # only the owner had completed then


def test_a_future_as_at_date_is_refused_with_a_message(login, igteam, service):
    on = (timezone.localdate() + timedelta(days=5)).isoformat()
    page = login(igteam).get(reverse("training:index"), {"on": on}).content.decode()
    assert "today or in the past" in page


def test_the_committee_sees_counts_for_a_service_but_no_names(login, committee, service):
    response = login(committee).get(service_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Still to complete (1)" in page
    for name in ("Norris", "Notyet", "Olwen", "Ownerby", "Doneit"):
        assert name not in page


def test_the_committee_cannot_export_names(login, committee, service):
    assert login(committee).get(service_url(), {"format": "csv"}).status_code == 403


def test_an_officer_sees_who_is_still_to_complete_in_their_own_service_with_managers(login, owner, service):
    page = login(owner).get(service_url()).content.decode()
    assert "Norris Notyet" in page and "Olwen Ownerby" in page  # the manager
    assert "Dora Doneit" not in page


def test_an_officer_sees_only_counts_for_another_service(login, owner, service):
    page = login(owner).get(service_url("People", "Care")).content.decode()
    assert "Elsie" not in page and "officers of this service" in page


def test_an_officer_cannot_open_the_record_of_someone_in_another_service(login, owner, service):
    from training.models import StaffMember

    elsewhere = StaffMember.objects.get(staff_number="E4")
    assert login(owner).get(reverse("training:staff", args=[elsewhere.pk])).status_code == 404


def test_the_ig_team_exports_the_still_to_complete_list(login, igteam, service):
    response = login(igteam).get(service_url(), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Staff number", "First name", "Last name")
    assert [r[0] for r in rows[1:]] == ["E3"]


def test_a_staff_record_shows_status_and_completions(login, igteam, service):
    from training.models import StaffMember

    done = StaffMember.objects.get(staff_number="E2")
    page = login(igteam).get(reverse("training:staff", args=[done.pk])).content.decode()
    assert "Dora Doneit" in page and "Compliant" in page and "Passed" in page


def test_an_unknown_directorate_is_not_found(login, igteam, service):
    assert login(igteam).get(reverse("training:unit", args=["NOWHERE"])).status_code == 404


def test_the_annual_report_totals_are_the_sum_of_the_directorates(login, committee, service):
    response = login(committee).get(reverse("training:report"), {"format": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    rows = [line.split(",") for line in lines[1:]]
    body, total = rows[:-1], rows[-1]
    assert total[0] == "Whole council"
    for column in (1, 2, 3, 4):
        assert int(total[column]) == sum(int(r[column]) for r in body)
    assert "Norris" not in "".join(lines)


def test_the_annual_report_exports_xlsx(login, committee, service):
    response = login(committee).get(reverse("training:report"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[-1][0] == "Whole council"


def upload(client, data, name, kind="completions"):
    return client.post(reverse("training:import"), {"kind": kind, "file": _file(data, name)})


def _file(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


# Two completions after the fixture's course launched (300 days ago), and a day apart.
SIX_DAYS_AGO, FIVE_DAYS_AGO = (f"{timezone.localdate() - timedelta(days=n):%d/%m/%Y}" for n in (6, 5))
LMS = f"Staff number,Course,Completed on\r\nE3,DP-ANNUAL,{SIX_DAYS_AGO}\r\nE2,DP-ANNUAL,{FIVE_DAYS_AGO}\r\n".encode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_upload_shows_a_preview_and_writes_nothing(login, igteam, service, media):
    from training.models import Completion, ImportRun

    before = Completion.objects.count()
    page = upload(login(igteam), LMS, "lms.csv").content.decode()
    assert "Check the import" in page and "Import 2 rows" in page
    assert Completion.objects.count() == before and ImportRun.objects.count() == 0


def test_confirming_the_preview_imports_the_file_once(login, igteam, service, media):
    from training.models import Completion, ImportRun

    client = login(igteam)
    preview = upload(client, LMS, "lms.csv")
    confirm = {name: preview.context["confirm"].initial[name] for name in ("kind", "checksum", "file_kind",
                                                                             "file_name")}
    before = Completion.objects.count()
    response = client.post(reverse("training:import_confirm"), confirm)
    assert response.status_code == 302 and response["Location"] == reverse("training:import_history")
    assert Completion.objects.count() == before + 2
    assert ImportRun.objects.get().imported_by == igteam
    assert not list((media / "imports").iterdir())  # the staged file is gone
    again = client.post(reverse("training:import_confirm"), confirm, follow=True)
    assert "no longer waiting" in again.content.decode()
    assert Completion.objects.count() == before + 2


def test_a_confirm_naming_a_path_instead_of_a_checksum_is_refused(login, igteam, service, media):
    client = login(igteam)
    response = client.post(reverse("training:import_confirm"), {
        "kind": "completions", "checksum": "../../etc/passwd", "file_kind": "csv", "file_name": "x.csv"}, follow=True)
    assert "could not be confirmed" in response.content.decode()


def test_a_file_with_errors_shows_them_and_offers_no_import_button(login, igteam, service, media):
    data = LMS + b"E99,DP-ANNUAL,01/02/2026\r\n"
    page = upload(login(igteam), data, "lms.csv").content.decode()
    assert "Unknown staff number E99" in page and "nothing has been imported" in page
    assert "import_confirm" not in page and reverse("training:import_confirm") not in page


def test_a_file_missing_columns_lists_them(login, igteam, service, media):
    page = upload(login(igteam), b"Staff number,Date\r\nE3,01/02/2026\r\n", "lms.csv").content.decode()
    assert "These columns are missing" in page and "Course" in page and "Completed on" in page


@pytest.mark.parametrize("data, name, message", [
    (b"MZ\x90\x00" + b"\x00" * 100, "lms.xlsx", "not an Excel workbook"),
    (b"hello", "lms.exe", "CSV or XLSX"),
])
def test_a_bad_file_gets_a_clear_error_not_a_server_error(login, igteam, service, media, data, name, message):
    response = upload(login(igteam), data, name)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_import_history_lists_confirmed_imports(login, igteam, service, media):
    from training.imports import import_completions

    import_completions(LMS, "lms-october.csv", user=igteam, dry_run=False, today=date.today())
    page = login(igteam).get(reverse("training:import_history")).content.decode()
    assert "lms-october.csv" in page and "Imogen Governa" in page


def test_previewed_files_never_confirmed_are_removed_a_day_later(login, igteam, service, media):
    import os
    import time

    client = login(igteam)
    upload(client, LMS, "lms.csv")
    staged = sorted(p.name for p in (media / "imports").iterdir())  # the file, and its preview
    assert len(staged) == 2
    day_ago = time.time() - 25 * 60 * 60
    for name in staged:
        os.utime(media / "imports" / name, (day_ago, day_ago))
    upload(client, LMS.replace(b"E2,", b"E4,"), "lms.csv")
    assert not set(staged) & {p.name for p in (media / "imports").iterdir()}


def test_the_course_admin_change_page_works(login, admin_user, service):
    response = login(admin_user).get(reverse("admin:training_course_change", args=[service.pk]))
    assert response.status_code == 200


def test_the_ig_team_finds_a_record_by_staff_number_or_name(login, igteam, service):
    client = login(igteam)
    assert "Norris Notyet" in client.get(reverse("training:staff_search"), {"q": "e3"}).content.decode()
    page = client.get(reverse("training:staff_search"), {"q": "elsie else"}).content.decode()
    assert "Elsie Elsewhere" in page


def test_the_start_of_a_staff_number_finds_the_record(login, igteam, service):
    make_staff(staff_number="E00194", first_name="Parveen", last_name="Partial")
    page = login(igteam).get(reverse("training:staff_search"), {"q": "E0019"}).content.decode()
    assert "Parveen Partial" in page


def test_an_officer_finds_only_people_in_their_own_service(login, owner, service):
    client = login(owner)
    assert "Norris Notyet" in client.get(reverse("training:staff_search"), {"q": "Notyet"}).content.decode()
    assert "Elsie Elsewhere" not in client.get(reverse("training:staff_search"), {"q": "Elsie"}).content.decode()


def test_the_headline_shows_how_staff_counted_add_up_to_staff_in_scope(login, igteam, service):
    make_staff(staff_number="E5", first_name="Nadia", last_name="Newstart", start_date=timezone.localdate())
    page = login(igteam).get(reverse("training:index")).content.decode()
    # 5 in scope, 1 new starter in grace: 4 counted, 2 of them with a valid completion.
    assert "2 of the 4 staff counted have a valid completion (5 in scope, less 1 new starter still in their" in page
    assert "1 new starter in their" in page


def test_the_demo_import_history_adds_up(login, igteam):
    from django.core.management import call_command

    from training.models import ImportRun

    call_command("seed_demo", only=["training"], force=True, stdout=open("/dev/null", "w"))
    for run in ImportRun.objects.all():
        assert run.added + run.updated + run.unchanged == run.rows, run
        assert len(run.checksum) == 64 and run.checksum != "0" * 64
    igteam.refresh_from_db()  # the demo sets the demo users' passwords
    response = login(igteam).get(reverse("training:import_history"))
    assert response.status_code == 200, response
    for run in ImportRun.objects.all():
        assert run.file_name in response.content.decode()


@pytest.fixture
def crowded_service(service):
    """Sixty more people in Finance who have never completed: more than one page of names."""
    for n in range(60):
        make_staff(staff_number=f"F{n:03d}", first_name="Crowd", last_name=f"Member{n:03d}")
    return service


def test_the_still_to_complete_list_is_paged_and_the_download_has_everyone(login, igteam, crowded_service):
    client = login(igteam)
    first = client.get(service_url())
    assert "Still to complete (61)" in first.content.decode()
    assert [p.staff_number for p in first.context["page"]] == [f"F{n:03d}" for n in range(50)]  # by last name
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(service_url(), {"page": 2})
    assert [p.staff_number for p in second.context["page"]] == [*(f"F{n:03d}" for n in range(50, 60)), "E3"]
    assert "Norris Notyet" in second.content.decode()
    download = client.get(service_url(), {"format": "csv"})
    rows = b"".join(download.streaming_content).decode().strip().splitlines()
    assert len(rows) == 1 + 61


def test_the_committee_sees_the_count_of_a_crowded_service_but_no_names_on_any_page(login, committee,
                                                                                  crowded_service):
    page = login(committee).get(service_url(), {"page": 2}).content.decode()
    assert "Still to complete (61)" in page and "Crowd" not in page and "Page 1 of" not in page

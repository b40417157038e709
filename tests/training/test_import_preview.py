"""The training import preview says what changes for whom: each row's fields old → new, the leavers by
name, and compliance by directorate now and after the import, as the training pages will show it."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from igov.imports.models import ImportRecord
from tests.training.factories import complete, make_course, make_staff
from training.models import Completion, ImportRun, StaffMember

pytestmark = pytest.mark.django_db

HR = (b"Staff number,First name,Last name,Email,Directorate,Service,Start date,Leaving date\r\n"
      b"E1,Olwen,Ownerby,olwen@example.gov.uk,Resources,Finance,01/01/2020,\r\n"
      b"E2,Dora,Doneit-Smith,dora@example.gov.uk,Resources,Finance,01/01/2020,\r\n"
      b"E3,Norris,Notyet,norris@example.gov.uk,Resources,Finance,01/01/2020,30/11/2026\r\n"
      b"E5,Nina,Newstart,nina@example.gov.uk,People,Care,01/01/2020,\r\n")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def course(db):
    """Three in Resources (two trained), one in People (untrained)."""
    course = make_course(launch_date=timezone.localdate() - timedelta(days=300))
    today = timezone.localdate()
    for number, first, last, email, done in [("E1", "Olwen", "Ownerby", "olwen@example.gov.uk", True),
                                             ("E2", "Dora", "Doneit", "dora@example.gov.uk", True),
                                             ("E3", "Norris", "Notyet", "norris@example.gov.uk", False)]:
        person = make_staff(staff_number=number, first_name=first, last_name=last, email=email,
                            start_date=today.replace(year=2020, month=1, day=1))
        if done:
            complete(person, course, today - timedelta(days=10))
    make_staff(staff_number="E4", first_name="Elsie", last_name="Elsewhere", directorate="People", service="Care",
               start_date=today.replace(year=2020, month=1, day=1))
    return course


def upload(client, data, name="hr.csv", kind="staff"):
    return client.post(reverse("training:import"), {"kind": kind, "file": SimpleUploadedFile(name, data)})


def dashboard(client) -> dict:
    """Directorate (and "Whole council") -> (staff in scope, percent) as the training dashboard shows them."""
    context = client.get(reverse("training:index")).context
    rows = {row["name"]: row["figures"] for row in context["groups_rows"]}
    rows["Whole council"] = context["whole"]
    return {name: (figures.total, figures.percent) for name, figures in rows.items()}


def previewed(result, when) -> dict:
    return {row["name"]: (row[when]["total"], row[when]["percent"]) for row in result.compliance if row[when]}


def test_the_staff_preview_shows_each_changed_field_and_names_the_leavers(login, igteam, course, media):
    client = login(igteam)
    response = upload(client, HR)
    preview_url = reverse("training:import_preview", args=["staff", response.context["confirm"].initial["checksum"]])
    page = client.get(preview_url, {"show": "update"}).content.decode()
    assert "E2 Dora Doneit-Smith" in page and "<del>Doneit</del> → Doneit-Smith" in page
    assert "E5 Nina" not in page.split('id="preview-rows"')[1]  # filtered to updates only
    leavers = page.split('id="leavers"')[1].split("</table>")[0]
    assert "E3 Norris Notyet" in leavers and "30 November 2026" in leavers
    assert "Olwen" not in leavers
    created = client.get(preview_url, {"show": "create"}).content.decode().split('id="preview-rows"')[1]
    assert "E5 Nina Newstart" in created and "People / Care" in created


def test_the_dry_run_writes_nothing(login, igteam, course, media):
    counts = (StaffMember.objects.count(), StaffMember.history.count(), ImportRun.objects.count(),
              ImportRecord.objects.count(), Completion.objects.count())
    response = upload(login(igteam), HR)
    assert response.context["result"].compliance  # the "after" figures were worked out, and rolled back
    assert StaffMember.objects.get(staff_number="E2").last_name == "Doneit"
    assert (StaffMember.objects.count(), StaffMember.history.count(), ImportRun.objects.count(),
            ImportRecord.objects.count(), Completion.objects.count()) == counts


@pytest.mark.parametrize("kind, data", [
    ("staff", HR),
    ("completions", f"Staff number,Course,Completed on\r\nE3,DP-ANNUAL,"
                    f"{timezone.localdate() - timedelta(days=3):%d/%m/%Y}\r\n".encode())])
def test_compliance_before_and_after_is_what_the_training_pages_show_before_and_after_confirming(
        login, igteam, course, media, kind, data):
    client = login(igteam)
    before = dashboard(client)
    response = upload(client, data, kind=kind)
    result = response.context["result"]
    assert previewed(result, "before") == before
    page = response.content.decode()
    assert 'id="compliance-change"' in page and "Whole council" in page
    confirm = {name: response.context["confirm"].initial[name] for name in ("kind", "checksum", "file_kind",
                                                                             "file_name")}
    assert client.post(reverse("training:import_confirm"), confirm).status_code == 302
    after = dashboard(client)
    assert after != before
    assert previewed(result, "after") == after


def test_a_confirmed_training_import_is_recorded_and_listed_on_the_imports_page(login, igteam, course, media):
    client = login(igteam)
    response = upload(client, HR, name="hr-december.csv")
    confirm = {name: response.context["confirm"].initial[name] for name in ("kind", "checksum", "file_kind",
                                                                             "file_name")}
    client.post(reverse("training:import_confirm"), confirm)
    record = ImportRecord.objects.get()
    assert (record.register, record.file_name, record.imported_by, record.rows, record.created, record.updated,
            record.unchanged) == ("staff", "hr-december.csv", igteam, 4, 1, 2, 1)
    page = client.get(reverse("imports:history")).content.decode()
    assert "hr-december.csv" in page and reverse("training:import") in page
    assert not list((media / "imports").iterdir())  # the staged file and its preview are gone


def test_only_the_ig_team_sees_a_training_preview(client, login, igteam, owner, course, media):
    response = upload(login(igteam), HR)
    url = reverse("training:import_preview", args=["staff", response.context["confirm"].initial["checksum"]])
    assert login(owner).get(url).status_code == 403
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))


def test_the_preview_costs_the_same_queries_for_ten_times_the_rows(login, igteam, course, media,
                                                                   django_assert_max_num_queries):
    """The dry run's "after" figures write the rows in bulk inside a rolled-back savepoint: beyond the
    multi-row INSERTs (SQLite takes fewer rows per statement than PostgreSQL), no query grows with the file."""
    client = login(igteam)
    header = "Staff number,First name,Last name,Email,Directorate,Service,Start date,Leaving date\r\n"

    def hr(count, start):
        lines = [f"N{start + n},New,Person{n},new{start + n}@example.gov.uk,Resources,Finance,01/01/2021,"
                 f"{'30/11/2026' if n % 3 == 0 else ''}" for n in range(count)]
        return (header + "\r\n".join(lines) + "\r\n").encode()

    def preview(count, start):
        with CaptureQueriesContext(connection) as queries:
            response = upload(client, hr(count, start))
        assert response.context["result"].to_add == count
        inserts = [q for q in queries.captured_queries
                   if q["sql"].startswith("INSERT") and "compliancesnapshot" not in q["sql"]]
        assert len(inserts) <= 2 * (count // 50 + 1)  # new people and their history, many rows a statement
        checksum = response.context["confirm"].initial["checksum"]
        return len(queries) - len(inserts), reverse("training:import_preview", args=["staff", checksum])

    small, small_url = preview(20, 0)
    large, large_url = preview(200, 1000)
    assert large <= small
    with CaptureQueriesContext(connection) as small_page:
        client.get(small_url, {"show": "create", "page": 1})
    with django_assert_max_num_queries(len(small_page)):
        assert client.get(large_url, {"show": "create", "page": 3}).status_code == 200


def test_the_training_preview_lists_missing_and_unknown_columns_as_every_import_does(login, igteam, course, media):
    client = login(igteam)
    page = upload(client, b"Staff number,First name,Last name,Directorate,Start date\nS1,Ann,Lee,People,01/01/2020\n")
    assert "These columns are missing" in page.content.decode() and "<li>Service</li>" in page.content.decode()
    data = f"Staff number,Course,Completed on,Favourite colour\nE1,{course.code},01/01/2026,Blue\n".encode()
    page = upload(client, data, "done.csv", kind="completions").content.decode()
    assert "These columns are not read and will be ignored: Favourite colour." in page

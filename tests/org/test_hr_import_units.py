"""The HR import matches each row's directorate and service to a unit by name or code, and proposes
the ones it cannot match: listed in the preview, made only when the import is confirmed."""
import pytest

from igov.org.models import Unit
from tests.units import unit_for
from training.imports import import_staff
from training.models import StaffMember

pytestmark = pytest.mark.django_db
HEADER = "Staff number,First name,Last name,Directorate,Service,Start date\r\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def staff_file(*rows):
    return (HEADER + "".join(f"{r}\r\n" for r in rows)).encode()


def test_rows_match_units_by_name_whatever_the_spelling_or_by_code(igteam):
    finance = unit_for("Resources", "Finance")
    data = staff_file("E1,Ann,Able,resources,FINANCE,01/04/2020", f"E2,Bob,Best,Resources,{finance.code},01/04/2020")
    result = import_staff(data, "hr.csv", user=igteam, dry_run=False)
    assert result.ok and result.new_units == []
    assert set(StaffMember.objects.values_list("unit", flat=True)) == {finance.pk}


def test_a_new_unit_is_proposed_in_the_preview_and_made_only_on_confirm(igteam):
    unit_for("Resources", "Finance")
    data = staff_file("E1,Ann,Able,Adults / Housing,Housing Options,01/04/2020",
                      "E2,Bob,Best,Resources,Payroll,01/04/2020", "E3,Cy,Cole,Resources,Finance,01/04/2020")
    preview = import_staff(data, "hr.csv", user=igteam, dry_run=True)
    assert preview.ok and preview.new_units == [("Adults / Housing", "Housing Options"), ("Resources", "Payroll")]
    assert Unit.objects.count() == 2 and not StaffMember.objects.exists()

    import_staff(data, "hr.csv", user=igteam, dry_run=False)
    housing = StaffMember.objects.get(staff_number="E1").unit
    assert (housing.parent.name, housing.name) == ("Adults / Housing", "Housing Options")
    assert StaffMember.objects.get(staff_number="E2").unit.label == "Resources › Payroll"
    made = housing.history.get()
    assert (made.history_user, made.history_change_reason) == (igteam, "Proposed by the HR import of hr.csv")
    assert Unit.objects.count() == 5


def test_the_preview_page_lists_the_units_it_would_add(login, igteam, media):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    data = staff_file("E1,Ann,Able,Adults / Housing,Housing Options,01/04/2020")
    page = login(igteam).post(reverse("training:import"), {
        "kind": "staff", "file": SimpleUploadedFile("hr.csv", data, content_type="text/csv")})
    body = page.content.decode()
    assert page.status_code == 200 and "Organisation units to add" in body and "Housing Options" in body
    assert not Unit.objects.exists()

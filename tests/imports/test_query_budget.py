"""The preview and history pages cost the same queries with ten times the rows."""
from django.core.files.uploadedfile import SimpleUploadedFile

from igov.imports.models import ImportRecord
from tests.budget import count_queries
from tests.imports.conftest import xlsx_file


def preview_url(client, rows: int) -> str:
    data = xlsx_file(["Name", "Type"], [[f"Partner {n}", "NHS body" if n % 7 else "Martian"] for n in range(rows)])
    response = client.post("/imports/partners/", {"file": SimpleUploadedFile(f"p{rows}.xlsx", data)})
    return response["Location"]


def test_the_preview_costs_the_same_queries_for_ten_times_the_rows(login, igteam, django_assert_max_num_queries):
    client = login(igteam)
    small = count_queries(client, preview_url(client, 20))
    large = preview_url(client, 200)
    for query in ("", "?show=error", "?page=3"):
        with django_assert_max_num_queries(small):
            assert client.get(large + query).status_code == 200


def test_the_history_costs_the_same_queries_for_ten_times_the_imports(login, igteam, owner,
                                                                         django_assert_max_num_queries):
    def record(n):
        ImportRecord.objects.create(register="risks", file_name=f"r{n}.xlsx", checksum="0" * 64,
                                    imported_by=(igteam, owner, None)[n % 3], rows=n, created=n)

    client = login(igteam)
    for n in range(5):
        record(n)
    small = count_queries(client, "/imports/")
    for n in range(45):
        record(n)
    with django_assert_max_num_queries(small):
        assert client.get("/imports/").status_code == 200

"""Every register's list and its downloads refuse filters they cannot apply (a value no longer among
the choices, a filter the list does not have) rather than quietly dropping them and listing everything."""
import csv
import io

import pytest
from django.urls import reverse

from tests import access

# list URL name, its CSV download, a filter of that list with a value that is not one of its choices
LISTS = [
    ("actions:list", "actions:export_csv", "status"),
    ("risks:list", "risks:export_csv", "status"),
    ("assets:asset_list", "assets:asset_export_csv", "classification"),
    ("assets:agreement_list", "assets:agreement_export_csv", "status"),
]


@pytest.fixture
def objects(cast):
    made = {}
    for build in access.OBJECT_BUILDERS:
        made.update(build(cast))
    return made


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize("list_name, export_name, choice_filter", LISTS)
@pytest.mark.parametrize("bad", ["{f}=zzz", "no_such_filter=1"])
def test_a_filter_that_cannot_be_applied_lists_nothing_and_says_why(list_name, export_name, choice_filter, bad,
                                                                   objects, login, igteam):
    client = login(igteam)
    assert client.get(reverse(list_name)).context["page"].paginator.count >= 1
    query = "?" + bad.format(f=choice_filter)
    response = client.get(reverse(list_name) + query)
    assert response.context["page"].paginator.count == 0
    text = response.content.decode()
    assert "These filters cannot be applied, so nothing is listed" in text
    assert ("zzz is not one of the available choices" in text) or ("no filter called “no_such_filter”" in text)
    assert len(csv_rows(client.get(reverse(export_name) + query))) == 1  # the header row only


def test_the_page_number_is_not_taken_for_a_filter(objects, login, igteam):
    response = login(igteam).get(reverse("actions:list") + "?page=1")
    assert response.context["page"].paginator.count >= 1
    assert "These filters cannot be applied" not in response.content.decode()

"""One declaration per page: the header's navigation and the dashboard's cards show exactly the pages
whose views let the user in (role_required), and training's rows are scoped by visible_to like the
other registers'."""
import pytest
from django.urls import reverse

from igov.accounts.context_processors import NAVIGATION
from igov.front.dashboard import CARDS
from tests.training.factories import make_staff
from training.models import StaffMember

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("member", ["owner", "igteam", "board", "committee", "admin"])
def test_the_navigation_lists_exactly_the_pages_the_member_may_open(login, cast, member):
    client = login(cast[member])
    shown = {item["url"] for item in client.get(reverse("front:dashboard")).context["navigation"]}
    for _label, name in NAVIGATION:
        url = reverse(name)
        opens = client.get(url).status_code == 200
        assert (url in shown) == opens, f"{member}: {url} shown={url in shown}, opens={opens}"


@pytest.mark.parametrize("member", ["owner", "igteam", "board"])  # a committee member's home is the report
def test_each_dashboard_card_leads_to_a_page_the_member_may_open(login, cast, member):
    client = login(cast[member])
    cards = client.get(reverse("front:dashboard")).context["cards"]
    pages = {reverse(page) for _build, page in CARDS}
    for card in cards:
        assert card.url in pages and client.get(card.url).status_code == 200, (member, card.title)
    hidden = pages - {card.url for card in cards}
    for url in hidden:
        assert client.get(url).status_code == 403, (member, url)


def test_training_records_are_scoped_like_every_register(cast):
    mine = make_staff(email=cast["owner"].email, directorate="Resources", service="Finance")
    colleague = make_staff(directorate="Resources", service="Finance")
    make_staff(directorate="People", service="Care")
    assert set(StaffMember.objects.visible_to(cast["igteam"])) == set(StaffMember.objects.all())
    assert set(StaffMember.objects.visible_to(cast["owner"])) == {mine, colleague}
    assert not StaffMember.objects.visible_to(cast["other_officer"]).exists()  # no HR record: no service
    assert not StaffMember.objects.visible_to(cast["committee"]).exists()
    assert not StaffMember.objects.visible_to(cast["board"]).exists()

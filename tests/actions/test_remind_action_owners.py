"""The weekly reminder: one e-mail per owner of overdue or soon-due actions."""
from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

from actions.models import Action

S = Action.Status


def test_each_owner_gets_one_email_listing_their_overdue_and_due_soon_actions(make_action, owner, other_officer):
    make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2017, 1, 1))
    make_action("A02", status=S.NOT_STARTED, original_target_date=date(2017, 2, 1))
    make_action("A03", status=S.COMPLETED, completion_date=date(2016, 12, 1), original_target_date=date(2017, 1, 1))
    make_action("A04", status=S.IN_PROGRESS, original_target_date=date(2017, 9, 1), owner=other_officer)
    out = StringIO()
    call_command("remind_action_owners", "--send", "--today", "2017-01-16", stdout=out)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.gov.uk"]
    assert message.subject == "1 overdue audit action"
    assert "A01" in message.body and "A02" in message.body and "A03" not in message.body
    assert "1 reminder sent" in out.getvalue()


def test_without_send_it_only_reports(make_action):
    make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2017, 1, 1))
    out = StringIO()
    call_command("remind_action_owners", "--today", "2017-01-16", stdout=out)
    assert mail.outbox == []
    assert "Olwen Ownerby <owner@example.gov.uk>: 1 action (1 overdue)" in out.getvalue()

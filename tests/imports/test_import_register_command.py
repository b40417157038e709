"""manage.py import_register KIND FILE [--dry-run] [--by USERNAME] [--plan REF]."""
import io

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action
from igov.imports.models import ImportRecord
from tests.imports.samples import ico_action_plan


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_register", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_command_imports_the_ico_plan_into_the_named_plan(tmp_path, plan, igteam, owner):
    path = tmp_path / "ico.xlsx"
    path.write_bytes(ico_action_plan([owner.username]))
    assert "would add 77" in run("actions", str(path), "--dry-run", "--plan", plan.title)
    assert Action.objects.count() == 0
    assert "add 77, update 0" in run("actions", str(path), "--plan", str(plan.pk), "--by", "igteam")
    assert plan.actions.count() == 77 and Action.history.filter(history_user=igteam).count() == 77
    assert ImportRecord.objects.get().imported_by == igteam


def test_the_command_refuses_a_file_in_error_and_writes_nothing(tmp_path, plan):
    path = tmp_path / "plan.csv"
    path.write_text("Reference,Recommendation,Priority\nA1,Text,High\nA2,Text,Sky high\n")
    with pytest.raises(CommandError, match="1 row in error"):
        run("actions", str(path), "--plan", str(plan.pk))
    assert Action.objects.count() == 0


def test_actions_need_a_plan(tmp_path, plan):
    path = tmp_path / "plan.csv"
    path.write_text("Reference\nA1\n")
    with pytest.raises(CommandError, match="--plan"):
        run("actions", str(path))

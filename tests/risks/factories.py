"""Risks for tests: make_risk(owner, residual=(3, 4), ...) with the migration's default categories."""
from datetime import date
from itertools import count

from risks.models import Risk, RiskCategory

_numbers = count(1)


def make_risk(owner, *, inherent=(5, 5), residual=(3, 3), target=(1, 1), category=None, **fields):
    number = next(_numbers)
    values = {
        "reference": f"IR-T{number:03}", "title": f"Test risk {number}",
        "cause": "If staff email the wrong recipient", "consequence": "then personal data is disclosed",
        "category": category or RiskCategory.objects.get(name="Information security"), "owner": owner,
        "inherent_likelihood": inherent[0], "inherent_impact": inherent[1],
        "residual_likelihood": residual[0], "residual_impact": residual[1],
        "target_likelihood": target[0], "target_impact": target[1],
        "raised_on": date(2025, 1, 6), "last_reviewed": date(2026, 10, 1),
    }
    values.update(fields)
    return Risk.objects.create(**values)

"""Small builders for the assets tests: each says only what a test needs to differ."""
from datetime import UTC, date, datetime

from assets.models import DataSharingAgreement, InformationAsset, Partner
from tests.units import unit_for

_count = {"asset": 0, "agreement": 0}


def make_asset(owner=None, **fields):
    _count["asset"] += 1
    # Added long ago unless a test says otherwise: a never-reviewed asset's first review is then overdue.
    defaults = {"reference": f"IA-T{_count['asset']:04d}", "name": "Council tax accounts",
                "last_reviewed": date(2026, 3, 1), "created": datetime(2024, 1, 2, 9, tzinfo=UTC)}
    fields.setdefault("unit", unit_for(fields.pop("directorate", "Resources"),
                                       fields.pop("service", "Revenues and Benefits")))
    return InformationAsset.objects.create(owner=owner, **{**defaults, **fields})


def make_partner(name="Northshire Constabulary", kind=Partner.Kind.POLICE):
    return Partner.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def make_agreement(partners=(), assets=(), **fields):
    _count["agreement"] += 1
    defaults = {"reference": f"DSA-T{_count['agreement']:03d}", "title": "Multi-agency safeguarding hub",
                "purpose": "Safeguarding children at risk", "status": DataSharingAgreement.Status.ACTIVE,
                "signed_on": date(2025, 1, 10), "starts_on": date(2025, 2, 1)}
    agreement = DataSharingAgreement.objects.create(**{**defaults, **fields})
    agreement.partners.set(partners)
    agreement.assets.set(assets)
    return agreement

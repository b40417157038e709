"""The glossary that lived in the code (igov/front/glossary.py's TERMS until now), loaded as data the
IG team edits. Each term gets a creation record dated 1 January 1900, before anything igov records,
as the risk scales' defaults do (risks 0006): the terms in force until the first recorded change."""
from datetime import UTC, datetime

from django.db import migrations

SINCE = datetime(1900, 1, 1, tzinfo=UTC)
# Frozen: the glossary as it stood in the code. Later changes are the IG team's, in the app.
TERMS = {
    "DPA": "Data Protection Act 2018",
    "DPIA": "Data protection impact assessment",
    "DPO": "Data Protection Officer",
    "DSA": "Data sharing agreement",
    "GDPR": "General Data Protection Regulation (UK GDPR)",
    "HR": "Human resources",
    "IAA": "Information Asset Administrator",
    "IAO": "Information Asset Owner",
    "ICO": "Information Commissioner's Office",
    "IFC": "In-Form Consult, the information governance consultancy that audited the council",
    "IG": "Information governance",
    "IMSG": "Information Management Strategy Group",
    "ISP": "Information sharing protocol",
    "LMS": "Learning management system",
    "NHS": "National Health Service",
    "RAG": "Red, amber, green: a status shown by colour and text",
    "SIRO": "Senior Information Risk Owner",
    "SAR": "Subject access request",
}


def load(apps, schema_editor):
    GlossaryTerm = apps.get_model("front", "GlossaryTerm")
    Historical = apps.get_model("front", "HistoricalGlossaryTerm")
    for term, meaning in TERMS.items():
        row, created = GlossaryTerm.objects.get_or_create(term=term, defaults={"meaning": meaning})
        if created:
            Historical.objects.create(id=row.pk, term=row.term, meaning=row.meaning, version=row.version,
                                      history_date=SINCE, history_type="+",
                                      history_change_reason="In force before changes were recorded")


class Migration(migrations.Migration):
    dependencies = [("front", "0001_glossary_terms")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

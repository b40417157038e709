"""Sensible UK council defaults for the scales, score bands, appetite levels and categories.
Every council sets its own: an administrator changes them in the admin."""
from django.db import migrations

LIKELIHOOD = [
    (1, "Rare", "May occur only in exceptional circumstances; less than 5% chance in the next year."),
    (2, "Unlikely", "Could occur at some time; 5–20% chance in the next year."),
    (3, "Possible", "Might occur; 20–50% chance in the next year."),
    (4, "Likely", "Will probably occur; 50–80% chance in the next year."),
    (5, "Almost certain", "Expected to occur; more than 80% chance in the next year, or happening now."),
]
IMPACT = [
    (1, "Negligible", "No personal data involved or trivial; no service disruption; no external interest."),
    (2, "Minor", "Small amount of non-sensitive personal data; minor disruption; local complaint."),
    (3, "Moderate", "Personal data of a number of people; ICO notifiable breach possible; local media interest."),
    (4, "Major", "Special category or children's data; harm to individuals; ICO enforcement; regional media."),
    (5, "Severe", "Serious harm to vulnerable people; ICO fine or enforcement notice; national media; "
                  "loss of critical service."),
]
BANDS = [("Low", 1, 4, "green"), ("Medium", 5, 10, "yellow"), ("High", 12, 16, "orange"), ("Very high", 20, 25, "red")]
APPETITE = [
    ("averse", 4, "Avoidance of risk and uncertainty is a key organisational objective."),
    ("minimal", 6, "Preference for ultra-safe options that are low risk and only have limited potential for reward."),
    ("cautious", 10, "Preference for safe options that have a low degree of risk and may only have limited "
                     "potential for reward."),
    ("open", 12, "Willing to consider all options and choose the one most likely to result in successful "
                 "delivery while providing an acceptable level of reward."),
    ("eager", 16, "Eager to be innovative and to choose options offering potentially higher rewards despite "
                  "greater inherent risk."),
]
CATEGORIES = [
    ("Information security", "averse", "Confidentiality, integrity and availability of information and systems."),
    ("Data protection compliance", "minimal", "Lawful, fair and transparent processing under the UK GDPR and the "
                                              "Data Protection Act 2018."),
    ("Data sharing", "cautious", "Sharing personal data with partners under agreements and protocols."),
    ("Records management", "cautious", "Creating, keeping, finding and disposing of records, paper and electronic."),
    ("Information access requests", "minimal", "Subject access, Freedom of Information and EIR requests answered "
                                               "lawfully and on time."),
    ("Data quality", "cautious", "Accurate, complete and timely information for decisions and services."),
    ("Business continuity", "minimal", "Information available when services need it, including after an incident."),
    ("Digital innovation", "open", "New systems, cloud services, data analytics and automation."),
]


def seed(apps, schema_editor):
    for model, rows in (("LikelihoodLevel", LIKELIHOOD), ("ImpactLevel", IMPACT)):
        Model = apps.get_model("risks", model)
        for value, name, description in rows:
            Model.objects.get_or_create(value=value, defaults={"name": name, "description": description})
    ScoreBand = apps.get_model("risks", "ScoreBand")
    for label, low, high, colour in BANDS:
        ScoreBand.objects.get_or_create(label=label, defaults={"min_score": low, "max_score": high, "colour": colour})
    RiskAppetite = apps.get_model("risks", "RiskAppetite")
    for level, score, description in APPETITE:
        RiskAppetite.objects.get_or_create(level=level, defaults={"max_residual_score": score,
                                                                  "description": description})
    RiskCategory = apps.get_model("risks", "RiskCategory")
    for name, level, description in CATEGORIES:
        RiskCategory.objects.get_or_create(name=name, defaults={"appetite": RiskAppetite.objects.get(level=level),
                                                                "description": description})


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

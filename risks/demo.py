"""Demo data: a council's information risk register, reviewed over the past two years.

Twenty-five risks of the kind a council's Information Risk Policy names, owned by senior officers
(the demo user `officer`, Priya Shah, among them). Each risk has its reviews; the history shows the
residual score at every review, so the chart on each risk has a story. --scale N adds N−1 copies
for other localities (references IR-026 on). Idempotent: a risk whose reference exists is skipped.
"""
import copy
from datetime import datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from igov.accounts.demo import demo_officer
from igov.org.demo import demo_units
from risks.models import Risk, RiskCategory, RiskReview, months_after, months_before

OWNERS = {
    # username: (first, last, directorate, service)
    "officer": ("Priya", "Shah", "Resources", "Customer Services"),
    "gareth.lewis": ("Gareth", "Lewis", "Resources", "ICT and Digital"),
    "helen.wright": ("Helen", "Wright", "Children and Families", "Children's Social Care"),
    "amira.hussain": ("Amira", "Hussain", "Resources", "Revenues and Benefits"),
    "joanne.clarke": ("Joanne", "Clarke", "Chief Executive's Office", "Legal and Governance"),
    "kwame.osei": ("Kwame", "Osei", "Adults and Health", "Adult Social Care"),
    "rachel.evans": ("Rachel", "Evans", "Resources", "Human Resources"),
    "martin.byrne": ("Martin", "Byrne", "Place and Environment", "Property and Facilities"),
}

# Residual scores move along "path" over the reviews (the last is today's); "overdue" stops the
# reviews early so the risk's review is overdue today.
RISKS = [
    dict(title="Personal data emailed to the wrong recipient", owner="officer",
         category="Data protection compliance",
         cause="If staff select the wrong address from Outlook’s autocomplete or attach the wrong file",
         consequence="then personal data is disclosed to someone not entitled to it, resulting in distress to "
                     "residents, complaints and a reportable breach to the ICO",
         inherent=(5, 3), path=[(4, 3), (4, 3), (3, 3)], target=(2, 3),
         controls="Annual data protection e-learning; external email banner; breach reporting procedure.",
         planned="Switch off autocomplete for external addresses; delay-send rule of one minute; secure email "
                 "for bulk personal data.",
         progress="Delay-send rule applied to all mailboxes in Customer Services"),
    dict(title="Paper case files kept in unlocked cabinets at area offices", owner="martin.byrne",
         category="Records management",
         cause="If paper case files are kept in open shelving or unlocked cabinets at the area offices",
         consequence="then files can be read or removed by visitors or contractors, resulting in loss of "
                     "personal data and an ICO investigation",
         inherent=(4, 4), path=[(4, 4), (3, 4), (2, 4)], target=(1, 4),
         controls="Clear desk policy; locked offices out of hours.",
         planned="Lockable cabinets at every area office; move closed files to the records centre.",
         progress="Lockable cabinets installed at North and East area offices"),
    dict(title="Partner loses safeguarding data shared with it", owner="helen.wright", category="Data sharing",
         cause="If a partner in the multi-agency safeguarding hub loses or misuses children’s data we share",
         consequence="then children at risk are exposed to harm and the council is jointly accountable, resulting in "
                     "serious harm, enforcement action and loss of trust",
         inherent=(3, 5), path=[(3, 5), (3, 4), (2, 4)], target=(2, 4),
         controls="Information sharing protocol signed by the MASH partners; secure email between agencies.",
         planned="Individual data sharing agreements with each partner; annual assurance return from partners.",
         progress="Data sharing agreements signed with police and health partners"),
    dict(title="Ransomware attack encrypts council systems", owner="gareth.lewis", category="Information security",
         cause="If a ransomware attack succeeds through phishing or an unpatched system",
         consequence="then systems and data are unavailable for weeks, resulting in services to vulnerable "
                     "residents stopping and possible loss of data",
         inherent=(4, 5), path=[(4, 5), (3, 5)], target=(2, 5),
         controls="Endpoint protection; monthly patching; offline backups; Cyber Essentials Plus.",
         planned="Immutable backups; multi-factor authentication on every remote access route; exercise the "
                 "incident plan.", progress="Multi-factor authentication enforced for all staff", frequency=1),
    dict(title="Subject access requests answered late", owner="joanne.clarke",
         category="Information access requests",
         cause="If services do not send records to the IG team in time, or complex social care files need redaction",
         consequence="then requests are answered after the one-month deadline, resulting in complaints and ICO "
                     "enforcement",
         inherent=(4, 3), path=[(4, 3), (4, 3), (3, 3)], target=(2, 3),
         controls="Case management system for requests; weekly performance report.",
         planned="Redaction software; a named contact in each service; monthly report to the IMSG.",
         progress="Redaction software procured and in use", overdue=True),
    dict(title="Freedom of Information requests answered late", owner="joanne.clarke",
         category="Information access requests",
         cause="If services do not answer FOI requests within 20 working days",
         consequence="then the council breaches the Act, resulting in ICO decision notices and monitoring",
         inherent=(4, 2), path=[(3, 2), (3, 2)], target=(2, 2),
         controls="Request tracking; reminders at 10 and 15 working days.",
         planned="Publish frequently requested data sets.", progress="Disclosure log published", frequency=6),
    dict(title="Staff not completing mandatory data protection training", owner="rachel.evans",
         category="Data protection compliance",
         cause="If staff, agency workers and councillors do not complete the annual data protection e-learning",
         consequence="then staff handle personal data without knowing the rules, resulting in breaches and the ICO "
                     "finding the council non-compliant",
         inherent=(4, 3), path=[(4, 3), (3, 3), (2, 3)], target=(2, 3),
         controls="Mandatory e-learning on the learning management system; reports to managers.",
         planned="Monthly reminders; completion in the appraisal; paper version for staff without a computer.",
         progress="Completion rose to 92% after targeted reminders"),
    dict(title="Leavers’ accounts not disabled promptly", owner="rachel.evans", category="Information security",
         cause="If managers do not tell HR and ICT when staff leave",
         consequence="then former staff can reach council systems and data, resulting in unauthorised access",
         inherent=(3, 4), path=[(3, 4), (2, 4)], target=(1, 4),
         controls="Leavers’ checklist for managers.",
         planned="Automatic account disabling from the HR system’s leaving date.",
         progress="Accounts now disabled automatically from the HR feed"),
    dict(title="Unencrypted USB sticks used to move personal data", owner="gareth.lewis",
         category="Information security",
         cause="If staff copy personal data to unencrypted removable media",
         consequence="then a lost stick discloses the data, resulting in a reportable breach",
         inherent=(3, 4), path=[(3, 4), (1, 4)], target=(1, 4), status="closed",
         controls="USB ports locked to council-issued encrypted devices.", planned="",
         progress="Device control rolled out to every laptop; risk closed"),
    dict(title="Record of processing activities out of date", owner="officer",
         category="Data protection compliance",
         cause="If services change how they use personal data without updating the record of processing",
         consequence="then the council cannot show what it processes and why, resulting in failing an ICO audit",
         inherent=(4, 3), path=[(4, 3), (3, 3)], target=(2, 2),
         controls="Record of processing held by the IG team.",
         planned="Annual confirmation by every Information Asset Owner, linked to the asset register.",
         progress="Information Asset Owners confirmed their entries", frequency=6),
    dict(title="New systems introduced without a DPIA", owner="gareth.lewis", category="Digital innovation",
         cause="If projects buy or build systems that process personal data without a data protection impact "
               "assessment",
         consequence="then risks to residents are not identified, resulting in unlawful processing",
         inherent=(4, 4), path=[(4, 4), (3, 4), (3, 3)], target=(2, 3),
         controls="DPIA screening questions in the ICT procurement process.",
         planned="DPIA sign-off as a gateway in the project management framework.",
         progress="DPIA screening now required before purchase orders are raised"),
    dict(title="Data sharing agreements with partners expired", owner="kwame.osei", category="Data sharing",
         cause="If data sharing agreements with the NHS and care providers pass their review dates unrenewed",
         consequence="then data is shared without current terms, resulting in unclear accountability when something "
                     "goes wrong",
         inherent=(4, 3), path=[(4, 3), (3, 3)], target=(2, 3),
         controls="Register of data sharing agreements held by the IG team.",
         planned="Review reminders three months before expiry; owners named for each agreement.",
         progress="Register of agreements moved into the asset register", overdue=True),
    dict(title="Records kept longer than the retention schedule allows", owner="officer",
         category="Records management",
         cause="If services do not apply the retention schedule to electronic and paper records",
         consequence="then personal data is kept longer than necessary, resulting in non-compliance and greater "
                     "harm if a breach occurs",
         inherent=(5, 2), path=[(5, 2), (4, 2)], target=(2, 2),
         controls="Corporate retention schedule published on the intranet.",
         planned="Retention labels in Microsoft 365; annual destruction week.",
         progress="Retention labels applied to shared drives in Resources", frequency=6),
    dict(title="Social care case notes recorded late or inaccurately", owner="kwame.osei", category="Data quality",
         cause="If social workers record visits late or in the wrong case",
         consequence="then decisions about vulnerable adults are made on wrong information, resulting in harm",
         inherent=(3, 5), path=[(3, 5), (3, 4), (2, 4)], target=(2, 4),
         controls="Supervision audits of case files; recording standards.",
         planned="Mobile recording on tablets; monthly data quality report.",
         progress="Tablets issued to locality teams"),
    dict(title="Council tax records inaccurate", owner="amira.hussain", category="Data quality",
         cause="If changes of address and discounts are not processed accurately",
         consequence="then residents receive wrong bills, resulting in complaints and lost income",
         inherent=(3, 3), path=[(3, 3), (2, 3)], target=(2, 2),
         controls="Quality checks on a sample of changes; reconciliation with the electoral register.",
         planned="Online change of address form with validation.", progress="Online form launched", frequency=6),
    dict(title="Phishing email compromises a staff mailbox", owner="gareth.lewis", category="Information security",
         cause="If a member of staff enters their password on a phishing page",
         consequence="then an attacker reads and sends email as the council, resulting in data loss and fraud",
         inherent=(5, 4), path=[(4, 4), (3, 4)], target=(2, 3),
         controls="Email filtering; phishing awareness campaigns; multi-factor authentication.",
         planned="Quarterly phishing simulations; report-phishing button.",
         progress="Phishing simulation click rate fell from 14% to 5%"),
    dict(title="Laptop or mobile phone lost with personal data", owner="gareth.lewis",
         category="Information security",
         cause="If a council laptop or phone is lost or stolen",
         consequence="then personal data may be accessed, resulting in a breach",
         inherent=(4, 3), path=[(4, 2)], target=(4, 1), treatment="tolerate",
         controls="Full-disk encryption; remote wipe; device PIN.", planned="",
         progress="Remote wipe tested", frequency=6),
    dict(title="Unsupported legacy children’s social care system", owner="helen.wright",
         category="Business continuity",
         cause="If the legacy system’s support contract ends before the replacement is live",
         consequence="then case records may be unavailable or unpatched, resulting in harm to children and "
                     "insecure data",
         inherent=(3, 5), path=[(3, 5), (3, 5), (2, 5)], target=(1, 4),
         controls="Extended support agreed to the end of the financial year.",
         planned="Migrate to the new case management system; archive the legacy data.",
         progress="Data migration rehearsal completed"),
    dict(title="Contractors process personal data without proper contracts", owner="joanne.clarke",
         category="Data sharing",
         cause="If contracts with processors lack the UK GDPR Article 28 terms",
         consequence="then the council cannot control what contractors do with residents’ data, resulting in "
                     "unlawful processing",
         inherent=(3, 4), path=[(3, 4), (2, 4)], target=(2, 3),
         controls="Standard data processing clauses in new contracts.",
         planned="Review of contracts let before 2018.", progress="High-value contracts reviewed", overdue=True),
    dict(title="CCTV footage kept too long or disclosed improperly", owner="martin.byrne",
         category="Data protection compliance",
         cause="If CCTV footage is kept beyond 31 days or handed to third parties without a request",
         consequence="then people’s images are processed unlawfully, resulting in complaints",
         inherent=(3, 3), path=[(3, 3), (2, 3)], target=(2, 2),
         controls="CCTV policy; request log.", planned="Automatic overwrite set to 31 days on all recorders.",
         progress="Recorders set to overwrite automatically", frequency=12),
    dict(title="Staff print personal data at home", owner="rachel.evans", category="Information security",
         cause="If staff working at home print personal data and dispose of it in household waste",
         consequence="then personal data is disclosed, resulting in breaches",
         inherent=(3, 3), path=[(3, 3), (2, 3)], target=(1, 3),
         controls="Homeworking policy; home printing disabled by default.",
         planned="Confidential waste collection from hubs.", progress="Home printing disabled for most staff"),
    dict(title="Redaction fails in published documents", owner="joanne.clarke",
         category="Information access requests",
         cause="If staff black out text in a way that can be removed, or miss personal data in a disclosure",
         consequence="then personal data is published, resulting in a serious breach",
         inherent=(3, 4), path=[(3, 4), (2, 4)], target=(1, 4),
         controls="Redaction guidance; second check for disclosures.",
         planned="Redaction software for all disclosures.", progress="Redaction software in use"),
    dict(title="Electoral register data misused", owner="officer", category="Data protection compliance",
         cause="If the full electoral register is supplied to someone not entitled to it",
         consequence="then electors’ data is misused, resulting in a breach of electoral law",
         inherent=(2, 4), path=[(2, 4)], target=(1, 4), treatment="tolerate",
         controls="Supply only to entitled recipients; log of supplies.", planned="",
         progress="", frequency=12),
    dict(title="Backups cannot be restored", owner="gareth.lewis", category="Business continuity",
         cause="If backups are not tested",
         consequence="then data cannot be recovered after an incident, resulting in permanent loss of records",
         inherent=(3, 5), path=[(3, 5), (2, 5)], target=(1, 5),
         controls="Nightly backups to a second data centre.", planned="Quarterly restore tests.",
         progress="First restore test succeeded"),
    dict(title="Generative AI tools used with personal data", owner="officer", category="Digital innovation",
         cause="If staff paste residents’ personal data into public generative AI tools",
         consequence="then the data leaves the council’s control, resulting in unlawful processing",
         inherent=(4, 4), path=[(4, 4), (4, 3)], target=(2, 3),
         controls="AI use guidance on the intranet.",
         planned="Approved AI tool within the council’s tenancy; DPIA; web filtering of public tools.",
         progress="Web filtering of public AI tools applied"),
]

LOCALITIES = ["North", "South", "East", "West", "Central", "Coastal", "Rural", "Town centre", "Valley", "Harbour"]
NOTES_HELD = [
    "Reviewed with the IG team: controls working, score unchanged.",
    "Reviewed at the directorate management team; no change to the score.",
    "No incidents this period; controls confirmed in place.",
    "Reviewed after the IMSG meeting; planned controls on track.",
]
HISTORY_TIME = time(10, 30)


def _officers():
    return {username: demo_officer(username, first, last)
            for username, (first, last, _directorate, _service) in OWNERS.items()}


def _related_actions():
    """A few audit actions per category, if the actions register has demo data."""
    try:
        from actions.models import Action
    except ImportError:  # the actions register is optional for this demo
        return {}
    areas = {"Information security": "security", "Data sharing": "data_sharing", "Records management": "records",
             "Data protection compliance": "governance", "Information access requests": "requests",
             "Digital innovation": "risk", "Business continuity": "security", "Data quality": "records"}
    found = {}
    for category, area in areas.items():
        found[category] = list(Action.objects.filter(scope_area=area).order_by("pk").values_list("pk", flat=True)[:2])
    return found


# The demo asset register's entries (assets/demo.py: IA-0001 is children's social care case records,
# IA-0030 Active Directory accounts, IA-0032 the email archive…) each risk in RISKS threatens, in order.
RISK_ASSETS = [
    [32, 54, 1], [3, 35, 20], [2, 5, 11], [30, 32, 1], [47, 1], [47], [25], [30, 25], [7, 10], [50, 47],
    [16, 33], [2, 16, 10], [20, 43, 25], [10, 1], [17], [32, 30], [1, 10], [1, 4, 5], [50, 26], [31],
    [25, 27], [51, 41, 47], [52, 53], [30, 32], [54, 55],
]


def _link_assets() -> int:
    """Links each demo risk not yet linked to any asset to the assets it threatens, once the asset
    register's demo data exists (so a later run links risks seeded before the assets). Copies for
    other localities link to the same assets as the risk they copy."""
    from assets.models import InformationAsset

    assets = dict(InformationAsset.objects.filter(reference__regex=r"^IA-[0-9]{4}$").values_list("reference", "pk"))
    if not assets:
        return 0
    through = Risk.assets.through
    linked = set(through.objects.values_list("risk_id", flat=True))
    links = []
    for pk, reference in Risk.objects.filter(reference__regex=r"^IR-[0-9]{3,}$").exclude(
            pk__in=linked).values_list("pk", "reference"):
        numbers = RISK_ASSETS[(int(reference[3:]) - 1) % len(RISK_ASSETS)]
        links += [through(risk_id=pk, informationasset_id=assets[f"IA-{n:04d}"])
                  for n in numbers if f"IA-{n:04d}" in assets]
    through.objects.bulk_create(links, batch_size=500)
    return len(links)


def _moment(day):
    return timezone.make_aware(datetime.combine(day, HISTORY_TIME))


def _snapshot(risk, when, user, reason):
    """The risk as it stood after a review, for its history (written in bulk at the end)."""
    snapshot = copy.copy(risk)
    snapshot._history_date, snapshot._history_user, snapshot._change_reason = _moment(when), user, reason
    return snapshot


def seed(scale: int, today, stdout) -> None:
    users = _officers()
    categories = {c.name: c for c in RiskCategory.objects.all()}
    units = demo_units()
    existing = set(Risk.objects.values_list("reference", flat=True))
    actions = _related_actions()
    history, reviews, made = [], [], []
    for batch in range(scale):
        for index, spec in enumerate(RISKS):
            number = batch * len(RISKS) + index + 1
            reference = f"IR-{number:03}"
            if reference in existing:
                continue
            made.append(_build(spec, batch, index, reference, today, users, categories, units, history, reviews))
    bulk_create_with_history(reviews, RiskReview, batch_size=500)
    Risk.history.bulk_history_create(history, batch_size=500, update=True)
    for risk, spec in made:
        if actions.get(spec["category"]):
            risk.actions.add(*actions[spec["category"]])
    links = _link_assets()
    stdout.write(f"risks: {len(made)} risks and {len(reviews)} reviews added, {links} links to assets "
                 f"({Risk.objects.count()} risks in the register)")


def _build(spec, batch, index, reference, today, users, categories, units, history, reviews):
    owner = users[spec["owner"]]
    _first, _last, _directorate, service = OWNERS[spec["owner"]]
    frequency = spec.get("frequency", 3)
    raised = today - timedelta(days=700 + (index * 13) % 60)
    review_days = []
    day = months_after(raised, frequency)
    stop = months_before(today, frequency + 2) if spec.get("overdue") else today
    while day <= stop:
        review_days.append(day - timedelta(days=(index + len(review_days)) % 9))
        day = months_after(day, frequency)
    path = spec["path"]
    title = spec["title"] if batch == 0 else f"{spec['title']} – {LOCALITIES[batch % len(LOCALITIES)]} locality"
    risk = Risk(
        reference=reference, title=title, cause=spec["cause"], consequence=spec["consequence"],
        category=categories[spec["category"]], owner=owner, unit=units[service],
        inherent_likelihood=spec["inherent"][0], inherent_impact=spec["inherent"][1],
        residual_likelihood=path[0][0], residual_impact=path[0][1],
        target_likelihood=spec["target"][0], target_impact=spec["target"][1],
        treatment=spec.get("treatment", Risk.Treatment.TREAT), existing_controls=spec["controls"],
        planned_controls=spec["planned"], status=Risk.Status.OPEN, raised_on=raised, review_frequency=frequency)
    risk._history_date = _moment(raised)
    risk._history_user = owner
    risk.save()
    for number, reviewed_on in enumerate(review_days):
        step = path[min((number + 1) * len(path) // max(len(review_days), 1), len(path) - 1)]
        moved = step != (risk.residual_likelihood, risk.residual_impact)
        if moved:
            note = (f"{spec['progress']}. Residual score lowered from {risk.residual} to {step[0] * step[1]}."
                    if step[0] * step[1] < risk.residual else f"Residual score changed to {step[0] * step[1]}.")
        else:
            note = NOTES_HELD[(index + number) % len(NOTES_HELD)]
        review = RiskReview(risk=risk, reviewed_on=reviewed_on, reviewer=owner, note=note,
                            residual_likelihood=step[0], residual_impact=step[1])
        review._history_date, review._history_user = _moment(reviewed_on), owner
        reviews.append(review)
        risk.residual_likelihood, risk.residual_impact = step
        risk.last_reviewed = reviewed_on
        risk.version += 1
        history.append(_snapshot(risk, reviewed_on, owner, f"Review on {reviewed_on:%d %B %Y}"))
    if spec.get("status") == Risk.Status.CLOSED:
        risk.status = Risk.Status.CLOSED
        risk.version += 1
        closed_on = (risk.last_reviewed or raised) + timedelta(days=1)
        history.append(_snapshot(risk, closed_on, owner, "Closed"))
    # The row reaches its present state without a history row of its own: the dated snapshots above
    # are its history. save() moves the version on once more, to the last snapshot's.
    risk.version -= 1
    risk.save_without_historical_record(update_fields=["residual_likelihood", "residual_impact", "last_reviewed",
                                                       "status", "version"])
    return risk, spec

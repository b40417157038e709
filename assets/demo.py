"""Demo information asset register: ~60 assets across the council's services with 15 IAOs, ten
partners and twelve data sharing agreements (five about safeguarding, some expired, one lapsed);
--scale N gives N times the assets, partners and agreements (the same 15 IAOs, so each owns more).

Idempotent: rows are found by their reference (partners by name); only missing ones are created.
Review dates are relative to `today`, so the demo always has reviews overdue and agreements expiring.
"""
from datetime import datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actions.models import Action
from assets.models import DataSharingAgreement, InformationAsset, Partner
from igov.accounts.demo import demo_officer
from igov.lib.history import write_stories
from igov.org.demo import demo_units

A = InformationAsset
# username: (first name, last name); "officer" is the demo user. Names shared with actions.demo match it.
IAOS = {
    "officer": ("Priya", "Shah"),
    "hclarke": ("Helen", "Clarke"),
    "abegum": ("Aisha", "Begum"),
    "jwhitmore": ("James", "Whitmore"),
    "glloyd": ("Gareth", "Lloyd"),
    "mfielding": ("Mark", "Fielding"),
    "rdunn": ("Rachel", "Dunn"),
    "skowalski": ("Stefan", "Kowalski"),
    "enwosu": ("Emeka", "Nwosu"),
    "lmorgan": ("Lucy", "Morgan"),
    "dharrison": ("Deborah", "Harrison"),
    "pchauhan": ("Pritesh", "Chauhan"),
    "cobrien": ("Ciara", "O'Brien"),
    "tmacdonald": ("Tom", "Macdonald"),
    "fahmed": ("Farah", "Ahmed"),
}

PERSONAL = dict(personal_data=True, lawful_basis=A.LawfulBasis.PUBLIC_TASK)
SPECIAL_CARE = dict(PERSONAL, special_category_data=True,
                    special_category_condition=A.SpecialCategoryCondition.HEALTH_SOCIAL_CARE)
SENSITIVE = dict(classification=A.Classification.OFFICIAL_SENSITIVE)

# (directorate, service, IAO, administrator, [(name, system or location, format, subjects, retention, rule, extra)])
SERVICES = [
    ("Children and Families", "Children's Social Care", "mfielding", "cobrien", [
        ("Children's social care case records", "Liquidlogic LCS", A.Format.ELECTRONIC,
         "Children in need and their families",
         "75 years from the child's date of birth (looked-after children)", "LGA 2.3 Looked after children",
         dict(SPECIAL_CARE, **SENSITIVE, criticality=A.Criticality.CRITICAL)),
        ("Multi-agency safeguarding hub referrals", "Liquidlogic LCS (MASH module)", A.Format.ELECTRONIC,
         "Children referred and their families", "25 years from the child's date of birth",
         "LGA 2.1 Child protection", dict(SPECIAL_CARE, **SENSITIVE, criticality=A.Criticality.CRITICAL)),
        ("Historic children's home files", "Records store, Civic Centre basement", A.Format.PAPER,
         "Children in care before 2005", "75 years from the child's date of birth", "LGA 2.3 Looked after children",
         dict(SPECIAL_CARE, **SENSITIVE, criticality=A.Criticality.HIGH)),
        ("Foster carer approvals", "Liquidlogic LCS", A.Format.BOTH, "Foster carers and their households",
         "10 years after the carer ceases", "LGA 2.5 Fostering", dict(SPECIAL_CARE, **SENSITIVE)),
        ("Child protection conference minutes", "Liquidlogic LCS", A.Format.ELECTRONIC, "Children and families",
         "25 years from the child's date of birth", "LGA 2.1 Child protection", dict(SPECIAL_CARE, **SENSITIVE)),
    ]),
    ("Children and Families", "Education and Inclusion", "enwosu", None, [
        ("Pupil admissions", "Capita One", A.Format.ELECTRONIC, "Pupils and parents", "1 year after the appeal period",
         "LGA 4.1 Admissions", dict(PERSONAL)),
        ("Education, health and care plans", "Capita One EHC Hub", A.Format.ELECTRONIC,
         "Children with special educational needs", "25 years from the child's date of birth", "LGA 4.6 SEND",
         dict(SPECIAL_CARE, **SENSITIVE, criticality=A.Criticality.HIGH)),
        ("School attendance and exclusions", "Capita One", A.Format.ELECTRONIC, "Pupils",
         "6 years after the pupil leaves", "LGA 4.3 Attendance", dict(PERSONAL)),
        ("Free school meals eligibility", "Eligibility checking service", A.Format.ELECTRONIC, "Families claiming",
         "2 years after eligibility ends", "LGA 4.8 Free school meals", dict(PERSONAL)),
    ]),
    ("Adults and Health", "Adult Social Care", "dharrison", "lmorgan", [
        ("Adult social care records", "Mosaic", A.Format.ELECTRONIC, "Adults receiving care and their carers",
         "8 years after the last contact", "LGA 3.1 Adult social care",
         dict(SPECIAL_CARE, **SENSITIVE, criticality=A.Criticality.CRITICAL)),
        ("Adult safeguarding enquiries", "Mosaic", A.Format.ELECTRONIC, "Adults at risk",
         "15 years after the enquiry closes", "LGA 3.4 Adult safeguarding",
         dict(SPECIAL_CARE, **SENSITIVE, criticality=A.Criticality.HIGH)),
        ("Deprivation of Liberty Safeguards assessments", "Mosaic", A.Format.BOTH, "Adults lacking capacity",
         "8 years after the authorisation ends", "LGA 3.5 DoLS", dict(SPECIAL_CARE, **SENSITIVE)),
        ("Direct payments accounts", "ContrOCC", A.Format.ELECTRONIC, "Direct payment recipients",
         "6 years after the end of the financial year", "LGA 3.7 Direct payments", dict(PERSONAL)),
    ]),
    ("Adults and Health", "Public Health", "fahmed", None, [
        ("Stop smoking service records", "QuitManager", A.Format.ELECTRONIC, "Service users",
         "8 years after the last contact", "Public health 1.2",
         dict(SPECIAL_CARE, special_category_condition=A.SpecialCategoryCondition.PUBLIC_HEALTH)),
        ("Sexual health commissioning data", "Provider returns (SharePoint)", A.Format.ELECTRONIC,
         "Clinic attendees (pseudonymised)", "8 years", "Public health 1.4",
         dict(SPECIAL_CARE, **SENSITIVE, special_category_condition=A.SpecialCategoryCondition.PUBLIC_HEALTH)),
        ("Joint strategic needs assessment datasets", "Public health data warehouse", A.Format.ELECTRONIC,
         "Residents (aggregated)", "Until superseded", "Public health 1.1", dict()),
    ]),
    ("Resources", "Revenues and Benefits", "glloyd", "pchauhan", [
        ("Council tax accounts", "Northgate Revenues", A.Format.ELECTRONIC, "Council tax payers",
         "6 years after the account closes", "LGA 6.2 Council tax",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.LEGAL_OBLIGATION, criticality=A.Criticality.HIGH)),
        ("Housing benefit claims", "Northgate Benefits", A.Format.ELECTRONIC, "Claimants and their households",
         "6 years after the claim ends", "LGA 6.5 Housing benefit",
         dict(SPECIAL_CARE, special_category_condition=A.SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST)),
        ("Business rates accounts", "Northgate Revenues", A.Format.ELECTRONIC, "Ratepayers",
         "6 years after the account closes", "LGA 6.3 Business rates",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.LEGAL_OBLIGATION)),
        ("Archived benefit files", "Off-site store (Restore plc)", A.Format.PAPER, "Former claimants",
         "6 years after the claim ends", "LGA 6.5 Housing benefit", dict(PERSONAL)),
    ]),
    ("Resources", "Finance", "rdunn", None, [
        ("Creditor payments", "Oracle Fusion", A.Format.ELECTRONIC, "Suppliers and sole traders",
         "6 years after the end of the financial year", "LGA 7.1 Accounts payable",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.CONTRACT)),
        ("Debtor accounts", "Oracle Fusion", A.Format.ELECTRONIC, "Residents and businesses invoiced",
         "6 years after the debt is settled", "LGA 7.2 Accounts receivable", dict(PERSONAL)),
        ("Statement of accounts working papers", "Finance shared drive", A.Format.ELECTRONIC, "",
         "6 years", "LGA 7.5 Final accounts", dict(criticality=A.Criticality.HIGH)),
        ("Insurance claims", "Claims register", A.Format.BOTH, "Claimants",
         "6 years after settlement (40 years for abuse claims)", "LGA 7.8 Insurance",
         dict(SPECIAL_CARE, special_category_condition=A.SpecialCategoryCondition.LEGAL_CLAIMS)),
    ]),
    ("Resources", "Human Resources", "abegum", "tmacdonald", [
        ("Personnel files", "iTrent", A.Format.ELECTRONIC, "Employees and former employees",
         "6 years after employment ends", "LGA 8.1 Personnel",
         dict(SPECIAL_CARE, lawful_basis=A.LawfulBasis.CONTRACT,
              special_category_condition=A.SpecialCategoryCondition.EMPLOYMENT, **SENSITIVE)),
        ("Payroll", "iTrent", A.Format.ELECTRONIC, "Employees", "6 years after the end of the financial year",
         "LGA 8.4 Payroll", dict(PERSONAL, lawful_basis=A.LawfulBasis.CONTRACT, criticality=A.Criticality.CRITICAL)),
        ("Occupational health referrals", "Occupational health provider portal", A.Format.ELECTRONIC, "Employees",
         "6 years after employment ends", "LGA 8.6 Occupational health",
         dict(SPECIAL_CARE, special_category_condition=A.SpecialCategoryCondition.EMPLOYMENT, **SENSITIVE)),
        ("DBS check records", "DBS online", A.Format.ELECTRONIC, "Employees and volunteers",
         "6 months after the decision", "LGA 8.3 Recruitment",
         dict(SPECIAL_CARE, special_category_condition=A.SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST)),
        ("Recruitment campaigns", "Jobs portal", A.Format.ELECTRONIC, "Applicants",
         "6 months after the post is filled", "LGA 8.3 Recruitment", dict(PERSONAL)),
    ]),
    ("Resources", "ICT and Digital", "jwhitmore", "skowalski", [
        ("Active Directory accounts", "Microsoft Entra ID", A.Format.ELECTRONIC, "Staff and councillors",
         "90 days after the account is disabled", "ICT 1.3 User accounts",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.CONTRACT, criticality=A.Criticality.CRITICAL)),
        ("CCTV at council buildings", "Milestone XProtect", A.Format.ELECTRONIC, "Staff and visitors",
         "31 days unless needed for an investigation", "ICT 2.1 CCTV",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.LEGITIMATE_INTERESTS)),
        ("Email archive", "Microsoft 365", A.Format.ELECTRONIC, "Staff and correspondents",
         "7 years", "ICT 1.5 Email", dict(PERSONAL, criticality=A.Criticality.HIGH)),
        ("Service desk tickets", "TOPdesk", A.Format.ELECTRONIC, "Staff", "3 years after closure",
         "ICT 1.8 Service desk", dict(PERSONAL)),
    ]),
    ("Place and Environment", "Housing", "hclarke", None, [
        ("Housing register", "Abritas", A.Format.ELECTRONIC, "Applicants for social housing",
         "6 years after the application closes", "LGA 9.1 Allocations",
         dict(SPECIAL_CARE, special_category_condition=A.SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST)),
        ("Homelessness case files", "Abritas", A.Format.BOTH, "Homeless households",
         "6 years after the duty ends", "LGA 9.3 Homelessness",
         dict(SPECIAL_CARE, **SENSITIVE, criticality=A.Criticality.HIGH)),
        ("Disabled facilities grants", "Housing grants database", A.Format.ELECTRONIC, "Disabled residents",
         "15 years after the grant", "LGA 9.7 Grants", dict(SPECIAL_CARE)),
        ("Houses in multiple occupation licences", "Uniform", A.Format.ELECTRONIC, "Landlords and agents",
         "6 years after the licence ends", "LGA 9.9 Licensing", dict(PERSONAL)),
    ]),
    ("Place and Environment", "Environmental Health", "lmorgan", None, [
        ("Food hygiene inspections", "Uniform", A.Format.ELECTRONIC, "Food business operators",
         "6 years after the business closes", "LGA 10.1 Food safety", dict(PERSONAL)),
        ("Noise nuisance complaints", "Uniform", A.Format.ELECTRONIC, "Complainants and alleged perpetrators",
         "6 years after closure", "LGA 10.4 Nuisance", dict(PERSONAL)),
        ("Pest control bookings", "Pest control diary", A.Format.ELECTRONIC, "Residents", "2 years",
         "LGA 10.6 Pest control", dict(PERSONAL, lawful_basis=A.LawfulBasis.CONTRACT)),
    ]),
    ("Place and Environment", "Planning and Building Control", "skowalski", None, [
        ("Planning applications", "Idox Uniform", A.Format.ELECTRONIC, "Applicants and objectors",
         "Permanent (decisions); 6 years (working papers)", "LGA 11.1 Development control", dict(PERSONAL)),
        ("Building control plans", "Idox Uniform", A.Format.BOTH, "Owners and agents",
         "15 years after completion", "LGA 11.4 Building control", dict(PERSONAL)),
        ("Historic planning microfiche", "Planning archive, Town Hall", A.Format.PAPER, "Applicants",
         "Permanent", "LGA 11.1 Development control", dict(PERSONAL, criticality=A.Criticality.LOW)),
    ]),
    ("Place and Environment", "Waste and Street Scene", "tmacdonald", None, [
        ("Garden waste subscriptions", "Bartec Collective", A.Format.ELECTRONIC, "Subscribers",
         "2 years after the subscription ends", "LGA 12.2 Waste services",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.CONTRACT)),
        ("Assisted collections register", "Bartec Collective", A.Format.ELECTRONIC, "Residents needing help",
         "1 year after the service ends", "LGA 12.2 Waste services", dict(SPECIAL_CARE)),
        ("Fly-tipping enforcement", "Uniform", A.Format.ELECTRONIC, "Alleged offenders",
         "6 years after closure", "LGA 12.5 Enforcement", dict(PERSONAL)),
    ]),
    ("Chief Executive's Office", "Legal and Governance", "officer", "cobrien", [
        ("Information requests (FOI and SAR)", "iCasework", A.Format.ELECTRONIC, "Requesters",
         "3 years after closure", "LGA 1.4 Information requests",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.LEGAL_OBLIGATION)),
        ("Data breach log", "Breach register (SharePoint)", A.Format.ELECTRONIC, "Data subjects affected",
         "6 years after closure", "LGA 1.6 Information security", dict(PERSONAL, **SENSITIVE)),
        ("Legal case files", "Iken", A.Format.BOTH, "Parties to proceedings", "15 years after closure",
         "LGA 1.2 Legal services",
         dict(SPECIAL_CARE, **SENSITIVE, special_category_condition=A.SpecialCategoryCondition.LEGAL_CLAIMS)),
        ("Contracts register", "Procurement portal", A.Format.ELECTRONIC, "Supplier contacts",
         "6 years after the contract ends", "LGA 1.3 Contracts", dict(PERSONAL, lawful_basis=A.LawfulBasis.CONTRACT)),
        ("Committee papers", "modern.gov", A.Format.ELECTRONIC, "Councillors and officers", "Permanent",
         "LGA 1.1 Democratic services", dict(criticality=A.Criticality.LOW)),
    ]),
    ("Chief Executive's Office", "Electoral Services", "pchauhan", None, [
        ("Electoral register", "Xpress", A.Format.ELECTRONIC, "Residents eligible to vote",
         "15 years", "Electoral 1.1 Register",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.LEGAL_OBLIGATION, criticality=A.Criticality.CRITICAL)),
        ("Postal vote statements", "Count centre store", A.Format.PAPER, "Postal voters",
         "1 year after the election", "Electoral 1.4 Absent voting",
         dict(PERSONAL, lawful_basis=A.LawfulBasis.LEGAL_OBLIGATION)),
    ]),
    ("Resources", "Customer Services", "cobrien", None, [
        ("Customer contact records", "Salesforce CRM", A.Format.ELECTRONIC, "Residents contacting the council",
         "2 years after the last contact", "LGA 5.1 Customer contact", dict(PERSONAL)),
        ("Complaints", "iCasework", A.Format.ELECTRONIC, "Complainants", "6 years after closure",
         "LGA 5.3 Complaints", dict(PERSONAL)),
        ("Call recordings", "Contact centre telephony", A.Format.ELECTRONIC, "Callers", "90 days",
         "LGA 5.2 Call recording", dict(PERSONAL, lawful_basis=A.LawfulBasis.LEGITIMATE_INTERESTS)),
    ]),
]
TEMPLATE_COUNT = sum(len(entries) for *_, entries in SERVICES)
LOCALITIES = ["North", "South", "East", "West", "Central", "Coastal", "Rural", "City", "Valley", "Forest"]

# (name, kind, contact)
PARTNERS = [
    ("Northshire Constabulary", Partner.Kind.POLICE, "DI Karen Walsh"),
    ("NHS Northshire Integrated Care Board", Partner.Kind.NHS, "Dr Anil Mehta, Caldicott Guardian"),
    ("Northshire Healthcare NHS Foundation Trust", Partner.Kind.NHS, "Joanne Price, IG Manager"),
    ("Eastbrook Borough Council", Partner.Kind.COUNCIL, "Neil Foster, Data Protection Officer"),
    ("St Aidan's Church of England Primary School", Partner.Kind.SCHOOL, "Mrs Helen Adeyemi, Headteacher"),
    ("Northshire Women's Aid", Partner.Kind.CHARITY, "Sarah Quinn, Services Manager"),
    ("Department for Work and Pensions", Partner.Kind.GOVERNMENT, "Local Authority Partnership Team"),
    ("Meridian Payroll Services Ltd", Partner.Kind.SUPPLIER, "Account Manager"),
    ("Northshire Youth Trust", Partner.Kind.CHARITY, "Marcus Bell, Chief Executive"),
    ("Northshire Fire and Rescue Service", Partner.Kind.OTHER, "Station Manager Lee Grant"),
]
EXTRA_PARTNER_KINDS = [("Primary School", Partner.Kind.SCHOOL), ("Medical Practice", Partner.Kind.NHS),
                       ("Community Trust", Partner.Kind.CHARITY), ("Academy", Partner.Kind.SCHOOL)]

S = DataSharingAgreement.Status
# (title, partner indexes, safeguarding, status, start (days before today), term, asset indexes, purpose,
#  legal basis, data shared, replaces the superseded ICO action)
AGREEMENTS = [
    ("Multi-agency safeguarding hub (MASH)", [0, 1, 2], True, S.ACTIVE, 400, 36, [1, 0],
     "Safeguarding children: shared assessment of referrals in the MASH.",
     "Children Act 1989 s17 and s47; Children Act 2004 s11; UK GDPR 6(1)(e), 9(2)(g); DPA 2018 Sch 1 para 18",
     "Referral details, case history, police and health information about the child and household.", True),
    ("Child protection conferences", [0, 2, 4], True, S.ACTIVE, 36 * 30 - 45, 36, [4, 0],
     "Safeguarding children: information for initial and review child protection conferences.",
     "Children Act 1989 s47; UK GDPR 6(1)(e), 9(2)(g)", "Conference reports and minutes.", True),
    ("Domestic abuse MARAC", [0, 5], True, S.UNDER_REVIEW, 800, 36, [1],
     "Safeguarding adults and children at high risk of domestic abuse.",
     "Crime and Disorder Act 1998 s115; UK GDPR 6(1)(e), 9(2)(g)", "Risk assessments and case summaries.", True),
    ("School attendance and welfare", [4], True, S.EXPIRED, 1500, 36, [7],
     "Safeguarding children missing education.", "Education Act 1996 s436A; UK GDPR 6(1)(e)",
     "Attendance and exclusion data.", False),
    ("Adult safeguarding", [2, 1], True, S.IG_REVIEW, None, 36, [10],
     "Safeguarding adults at risk: enquiries under the Care Act 2014 s42.",
     "Care Act 2014 s42 and s45; UK GDPR 6(1)(e), 9(2)(h)", "Enquiry records and health information.", False),
    ("Youth offending service", [0, 8], True, S.ACTIVE, 1300, 36, [0],
     "Preventing offending by children and young people.", "Crime and Disorder Act 1998 s37 and s39",
     "Case records of young people known to the service.", False),
    ("Single person discount review", [3], False, S.ACTIVE, 300, 24, [16],
     "Detecting council tax fraud and error across the two councils.", "Local Government Finance Act 1992; "
     "UK GDPR 6(1)(e)", "Names, addresses and discount status.", False),
    ("Payroll and pensions processing", [7], False, S.ACTIVE, 200, 60, [25],
     "Running the council's payroll (the supplier processes on the council's behalf).",
     "UK GDPR 6(1)(b) and 28", "Employee pay, tax and pension data.", False),
    ("Housing benefit verification", [6], False, S.ACTIVE, 36 * 30 - 60, 36, [17],
     "Verifying claims against DWP records.", "Social Security Administration Act 1992 s122C",
     "Claimant identity and benefit data.", False),
    ("Public health intelligence", [1], False, S.DRAFT, None, 36, [15, 13],
     "Joint analysis of population health.", "Health and Social Care Act 2012 s2B; UK GDPR 9(2)(i)",
     "Pseudonymised hospital and GP data.", False),
    ("Supporting Families programme", [6, 0], False, S.TERMINATED, 1200, 36, [0, 17],
     "Identifying families for the national programme (ended when the programme was re-let).",
     "Children Act 2004 s10", "Family identifiers and outcome indicators.", False),
    ("Northshire information sharing protocol (2019)", [0, 1, 3, 9], False, S.SUPERSEDED, 2500, 48, [],
     "The countywide umbrella protocol, superseded by individual agreements with each partner.",
     "Various", "As set out in each schedule.", False),
]


def seed(scale: int, today, stdout) -> None:
    people = _people()
    made_assets = _assets(scale, today, people)
    made_partners = _partners(scale)
    made_agreements = _agreements(scale, today, people)
    stdout.write(f"assets: {InformationAsset.objects.count()} assets ({made_assets} new), "
                 f"{Partner.objects.count()} partners ({made_partners} new), "
                 f"{DataSharingAgreement.objects.count()} agreements ({made_agreements} new)")


def _people() -> dict:
    people = {u.username: u for u in User.objects.filter(username__in=["officer", "igteam"])}
    for username, (first, last) in IAOS.items():
        if username not in people:
            people[username] = demo_officer(username, first, last)
    return people


def _templates():
    for directorate, service, iao, administrator, assets in SERVICES:
        for entry in assets:
            yield directorate, service, iao, administrator, entry


def _assets(scale: int, today, people) -> int:
    templates, units = list(_templates()), demo_units()
    existing = set(InformationAsset.objects.values_list("reference", flat=True))
    new, stories = [], {}
    for i in range(len(templates) * scale):
        reference = f"IA-{i + 1:04d}"
        if reference in existing:
            continue
        directorate, service, iao, administrator, entry = templates[i % len(templates)]
        name, system, fmt, subjects, retention, rule, extra = entry
        copy = i // len(templates)
        if copy:
            name = f"{name} – {LOCALITIES[(copy - 1) % len(LOCALITIES)]} locality"
            name += f" {copy // len(LOCALITIES) + 1}" if copy > len(LOCALITIES) else ""
        # Dates spread so about a quarter are overdue and a few have never been reviewed.
        last = None if i % 19 == 7 else today - timedelta(days=(i * 97) % 480)
        asset = InformationAsset(
            reference=reference, name=name, unit=units[service],
            owner=None if i % 23 == 11 else people[iao],
            administrator=people.get(administrator) if administrator else None,
            description=f"{name} held by {service}.", format=fmt, system_or_location=system,
            data_subjects=subjects, retention_period=retention, retention_rule=rule, last_reviewed=last, **extra)
        stories[reference] = _asset_story(asset, i, today, people["igteam"], people[iao])
        asset.version = len(stories[reference])
        new.append(asset)
    InformationAsset.objects.bulk_create(new, batch_size=500)
    made = InformationAsset.objects.filter(reference__in=stories)
    write_stories(InformationAsset, {asset: stories[asset.reference] for asset in made})
    return len(new)


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def _replay(start, igteam, events, reason) -> list[tuple]:
    """Steps for write_stories: the record registered at `start` by the IG team with every event's
    earlier values, then each event (day, who, the fields it set, reason) in date order."""
    events = sorted(events, key=lambda event: event[0])
    pending = {}
    for _, _, before, _ in events:
        pending |= before
    steps = [(_moment(start), igteam, dict(pending), reason)]
    for day, who, before, why in events:
        for field in before:
            pending.pop(field)
        steps.append((_moment(max(day, start)), who, dict(pending), why))
    return steps


def _asset_story(asset, i, today, igteam, iao) -> list[tuple]:
    """Registered one to two years ago; its last review done by its IAO; for the assets that now
    have no IAO, the IAO left some weeks ago and nobody has been named."""
    registered = today - timedelta(days=400 + (i * 37) % 300)
    events = []
    if asset.last_reviewed:
        registered = min(registered, asset.last_reviewed - timedelta(days=30))
        events.append((asset.last_reviewed, asset.owner or iao, {"last_reviewed": None}, "Annual review"))
    if asset.owner is None:
        events.append((today - timedelta(days=20 + (i * 11) % 150), igteam, {"owner_id": iao.pk},
                       "The IAO left the council; no successor named yet"))
    return _replay(registered, igteam, events, "Loaded from the information asset register spreadsheet")


def _agreement_story(agreement, i, today, igteam) -> list[tuple]:
    """Drafted, signed and in force from its start, reviewed, then (for some) expired, terminated,
    superseded or put under review; a draft has only been drafted."""
    if agreement.starts_on is None:
        return [(_moment(today - timedelta(days=30 + (i * 13) % 90)), igteam, {}, "Drafted")]
    lead, start, reviewed = agreement.lead_officer or igteam, agreement.starts_on, agreement.last_reviewed
    ended = {S.EXPIRED: agreement.expires_on, S.TERMINATED: today - timedelta(days=120 + i % 60),
             S.SUPERSEDED: today - timedelta(days=200), S.UNDER_REVIEW: today - timedelta(days=40)}
    end = ended.get(agreement.status)
    in_force = {"status": S.ACTIVE} if end else {}  # until it ended, if it has
    steps = [((agreement.signed_on or start) - timedelta(days=45), igteam,
              {"status": S.DRAFT, "signed_on": None, "last_reviewed": None}, "Drafted"),
             (start, lead, {**in_force, "last_reviewed": None}, "Signed by every partner; in force")]
    if reviewed:
        steps.append((max(reviewed, start), lead, in_force, "Annual review"))
    if end:
        steps.append((max(min(end, today), steps[-1][0]), lead, {}, f"Now {agreement.get_status_display().lower()}"))
    return [(_moment(day), who, changes, why) for day, who, changes, why in steps]


def _partner_rows(scale: int):
    for name, kind, contact in PARTNERS:
        yield name, kind, contact
    for i in range(len(PARTNERS) * (scale - 1)):
        suffix, kind = EXTRA_PARTNER_KINDS[i % len(EXTRA_PARTNER_KINDS)]
        place = LOCALITIES[(i // len(EXTRA_PARTNER_KINDS)) % len(LOCALITIES)]
        number = i // (len(EXTRA_PARTNER_KINDS) * len(LOCALITIES))
        yield f"{place} {suffix}" + (f" {number + 1}" if number else ""), kind, "Data protection lead"


def _partners(scale: int) -> int:
    existing = set(Partner.objects.values_list("name", flat=True))
    new = [Partner(name=name, kind=kind, contact_name=contact,
                   contact_email=f"dpo@{''.join(c for c in name.lower() if c.isalnum())[:24]}.example.org")
           for name, kind, contact in _partner_rows(scale) if name not in existing]
    bulk_create_with_history(new, Partner, batch_size=500)
    return len(new)


def _agreements(scale: int, today, people) -> int:
    existing = set(DataSharingAgreement.objects.values_list("reference", flat=True))
    partners = list(Partner.objects.order_by("pk"))
    assets = {a.reference: a for a in InformationAsset.objects.only("pk", "reference")}
    superseded = Action.objects.filter(status=Action.Status.SUPERSEDED).order_by("pk").first()
    new, links, stories = [], [], {}
    for i in range(len(AGREEMENTS) * scale):
        reference = f"DSA-{i + 1:03d}"
        if reference in existing:
            continue
        (title, partner_idx, safeguarding, status, start_days, term, asset_idx, purpose, basis, data,
         replaces) = AGREEMENTS[i % len(AGREEMENTS)]
        copy = i // len(AGREEMENTS)
        if copy:
            title = f"{title} – {LOCALITIES[(copy - 1) % len(LOCALITIES)]} locality"
        starts = today - timedelta(days=start_days) if start_days is not None else None
        agreement = DataSharingAgreement(
            reference=reference, title=title, safeguarding=safeguarding, status=status, purpose=purpose,
            legal_basis=basis, data_shared=data, starts_on=starts, term_months=term,
            signed_on=starts - timedelta(days=14) if starts else None,
            dpia_completed=starts is not None, dpia_date=starts - timedelta(days=60) if starts else None,
            last_reviewed=today - timedelta(days=(i * 71) % 500) if status in (S.ACTIVE, S.UNDER_REVIEW) else None,
            lead_officer=people["mfielding"] if safeguarding else people["officer"],
            superseded_action=superseded if replaces else None)
        stories[reference] = _agreement_story(agreement, i, today, people["igteam"])
        agreement.version = len(stories[reference])
        new.append(agreement)
        shift = copy * len(PARTNERS)
        links.append((reference, [partners[(p + shift) % len(partners)] for p in partner_idx],
                      [assets[f"IA-{(a + copy * TEMPLATE_COUNT) % len(assets) + 1:04d}"] for a in asset_idx]
                      if assets else []))
    DataSharingAgreement.objects.bulk_create(new, batch_size=500)
    write_stories(DataSharingAgreement, {a: stories[a.reference] for a in
                                         DataSharingAgreement.objects.filter(reference__in=stories)})
    ids = dict(DataSharingAgreement.objects.filter(reference__in=[r for r, _, _ in links])
               .values_list("reference", "pk"))
    Partners, Assets = DataSharingAgreement.partners.through, DataSharingAgreement.assets.through
    Partners.objects.bulk_create([Partners(datasharingagreement_id=ids[r], partner_id=p.pk)
                                  for r, ps, _ in links for p in set(ps)])
    Assets.objects.bulk_create([Assets(datasharingagreement_id=ids[r], informationasset_id=a.pk)
                                for r, _, assets_ in links for a in set(assets_)])
    return len(new)

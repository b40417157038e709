"""Demo training data: ~3,000 staff per scale step in five directorates, the annual data protection
module launched the November before last ("today" minus 12–24 months) and a decent compliance.

Deterministic: person n is always generated the same way (a random generator seeded with n), so
running the seed again, or at scale 1 then 10, adds only what is missing.
"""
import hashlib
import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef
from django.utils import timezone

from igov.imports.models import ImportRecord
from igov.org.demo import UNITS
from igov.org.models import Unit
from training.models import Completion, ComplianceSnapshot, Course, ImportRun, StaffMember

STAFF_PER_SCALE = 3000
COUNCILLORS = 51

# directorate: (share of staff, how diligent its staff are); services as igov.org.demo names them
DILIGENCE = {"Adults and Health": (0.27, 0.80), "Children and Families": (0.24, 0.86),
             "Place and Environment": (0.22, 0.75), "Resources": (0.18, 0.90), "Chief Executive's Office": (0.09, 0.88)}
DIRECTORATES = {name: (share, diligence, [s for s, _code in UNITS[name][1] if s != "Elected members"])
                for name, (share, diligence) in DILIGENCE.items()}
FIRST_NAMES = ["Aisha", "Alan", "Alice", "Amir", "Amy", "Andrew", "Anna", "Ben", "Bethan", "Bilal", "Carl",
               "Charlotte", "Chloe", "Claire", "Daniel", "David", "Deborah", "Eilidh", "Emma", "Fatima", "Gareth",
               "Grace", "Hannah", "Harry", "Helen", "Ian", "Imran", "Jack", "James", "Jane", "Jasmine", "John",
               "Karen", "Kate", "Kwame", "Laura", "Liam", "Lucy", "Mark", "Martin", "Megan", "Michael", "Mohammed",
               "Nadia", "Natalie", "Neil", "Nicola", "Oliver", "Paul", "Rachel", "Rebecca", "Rhys", "Richard",
               "Ruth", "Sarah", "Simon", "Sophie", "Stephen", "Susan", "Thomas", "Wendy", "Yusuf", "Zara"]
LAST_NAMES = ["Ahmed", "Ali", "Allen", "Bailey", "Baker", "Begum", "Bell", "Brown", "Campbell", "Carter",
              "Chapman", "Clarke", "Cooper", "Davies", "Edwards", "Evans", "Fletcher", "Green", "Hall", "Harris",
              "Hill", "Hughes", "Hussain", "Jackson", "James", "Johnson", "Jones", "Kaur", "Khan", "King", "Lee",
              "Lewis", "Martin", "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Nowak", "Okafor", "Owen",
              "Parker", "Patel", "Phillips", "Price", "Roberts", "Robinson", "Scott", "Shaw", "Singh", "Smith",
              "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson",
              "Wood", "Wright", "Young"]
EXEMPTIONS = ["Long-term absence", "Maternity leave", "Secondment outside the council", "Career break"]
# The demo users who are staff too (matched by e-mail), so the officer sees her own service's list.
DEMO_STAFF = {"officer": ("Priya", "Shah", "Resources", "Revenues and Benefits")}


def launch_date(today: date) -> date:
    return date(today.year - 1, 11, 1)


def _person(n: int, today: date) -> dict:
    """Staff member n: where they work, on what terms, since when — the same every time."""
    rng = random.Random(n)
    directorate = rng.choices(list(DIRECTORATES), weights=[share for share, _d, _s in DIRECTORATES.values()])[0]
    services = DIRECTORATES[directorate][2]
    service = services[rng.randrange(len(services))]
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    kind = rng.random()
    employment = (StaffMember.EmploymentType.AGENCY if kind < 0.07 else
                  StaffMember.EmploymentType.CONTRACTOR if kind < 0.09 else StaffMember.EmploymentType.EMPLOYEE)
    # Most have been here for years; about 6% started in the last year, some within the grace period.
    start = today - timedelta(days=rng.randint(400, 9000) if rng.random() > 0.06 else rng.randint(1, 364))
    leaving = None
    if rng.random() < 0.08:
        leaving = max(start, today - timedelta(days=rng.randint(1, 330)))
    exempt = rng.random() < 0.015
    return {"staff_number": f"E{n:06d}", "first_name": first, "last_name": last,
            "email": f"{first}.{last}.{n}@example.gov.uk".lower(), "directorate": directorate, "service": service,
            "employment_type": employment, "start_date": start, "leaving_date": leaving, "in_scope": not exempt,
            "exemption_reason": rng.choice(EXEMPTIONS) if exempt else "", "is_iao": rng.random() < 0.01}


def _staff_member(person: dict, units: dict) -> StaffMember:
    """The record HR would send: the person's unit is their service within their directorate."""
    fields = {k: v for k, v in person.items() if k not in ("directorate", "service")}
    return StaffMember(**fields, unit=units[(person["directorate"], person["service"])])


def _completions(n: int, person: dict, launched: date, today: date) -> list[tuple[date, int]]:
    """Person n's completions of the annual module: (date, score)."""
    rng = random.Random(f"dp-{n}")
    diligence = DIRECTORATES[person["directorate"]][1]
    if person["employment_type"] == StaffMember.EmploymentType.AGENCY:
        diligence -= 0.25  # agency workers are the usual gap
    last_day = min(today, person["leaving_date"] or today)
    first_chance = max(launched, person["start_date"])
    if rng.random() > diligence + 0.06 or first_chance > last_day:
        return []
    done = first_chance + timedelta(days=int(rng.expovariate(1 / 45)))
    done_list = []
    while done <= last_day:
        done_list.append((done, rng.randint(70, 100)))
        if rng.random() > diligence + 0.05:
            break  # let it lapse
        done += timedelta(days=rng.randint(320, 375))
    return done_list


def seed(scale: int, today, stdout) -> None:
    launched = launch_date(today)
    course, _ = Course.objects.get_or_create(code="DP-ANNUAL", defaults={
        "name": "Data protection and information security (annual)", "renewal_months": 12,
        "launch_date": launched, "grace_days": 30, "target_percent": 95, "mandatory": True})
    iao_course, _ = Course.objects.get_or_create(code="IAO-2YR", defaults={
        "name": "Information Asset Owner training", "renewal_months": 24, "audience": Course.Audience.IAOS,
        "launch_date": launched - timedelta(days=365), "grace_days": 60, "target_percent": 100})
    existing = set(StaffMember.objects.values_list("staff_number", flat=True))
    people = {n: _person(n, today) for n in range(1, STAFF_PER_SCALE * scale + 1)}
    for n in range(1, COUNCILLORS + 1):
        rng = random.Random(f"cllr-{n}")
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        people[-n] = {"staff_number": f"C{n:04d}", "first_name": first, "last_name": last,
                      "email": f"cllr.{first}.{last}@example.gov.uk".lower(),
                      "directorate": "Chief Executive's Office", "service": "Elected members",
                      "employment_type": StaffMember.EmploymentType.COUNCILLOR,
                      "start_date": date(today.year - 2, 5, 6), "leaving_date": None, "in_scope": True,
                      "exemption_reason": "", "is_iao": False}
    for username, (first, last, directorate, service) in DEMO_STAFF.items():
        people[0] = {"staff_number": "E000000", "first_name": first, "last_name": last,
                     "email": f"{username}@example.gov.uk", "directorate": directorate, "service": service,
                     "employment_type": StaffMember.EmploymentType.EMPLOYEE, "start_date": date(2018, 4, 3),
                     "leaving_date": None, "in_scope": True, "exemption_reason": "", "is_iao": True}
    units = {(u.parent.name, u.name): u for u in Unit.objects.filter(parent__isnull=False).select_related("parent")}
    StaffMember.objects.bulk_create([_staff_member(p, units) for p in people.values()
                                     if p["staff_number"] not in existing], batch_size=2000)
    ids = dict(StaffMember.objects.values_list("staff_number", "pk"))
    _link_managers(people, ids)
    # Each person's first history row (for those without one), as they stand once linked to their
    # manager: compliance as at a past date reads exemptions and employment types from the history.
    # Dated the morning each person started (never in the future), as HR would have recorded them.
    unrecorded = list(StaffMember.objects.filter(~Exists(StaffMember.history.filter(id=OuterRef("pk")))))
    now = timezone.now()
    for person in unrecorded:
        person._history_date = min(now, timezone.make_aware(datetime.combine(person.start_date, time(9))))
    StaffMember.history.bulk_history_create(unrecorded, batch_size=2000, default_change_reason="Demo HR load")
    new_completions = []
    for n, person in people.items():
        if person["staff_number"] in existing or person["employment_type"] == StaffMember.EmploymentType.COUNCILLOR:
            continue
        staff_id = ids[person["staff_number"]]
        for done, score in _completions(n, person, launched, today):
            new_completions.append(Completion(staff_id=staff_id, course=course, completed_on=done, score=score))
        if person["is_iao"] and n % 3:
            new_completions.append(Completion(staff_id=staff_id, course=iao_course,
                                              completed_on=iao_course.launch_date + timedelta(days=n % 200)))
    Completion.objects.bulk_create(new_completions, batch_size=2000, ignore_conflicts=True)
    ComplianceSnapshot.objects.forget()  # bulk writes send no signals: no kept count may outlive them
    _import_history(today, len(people))
    stdout.write(f"training: {len(people):,} staff, {Completion.objects.count():,} completions")


def _link_managers(people: dict, ids: dict) -> None:
    """Each service's first person manages the service; service managers report to their directorate's first.
    Set before anyone's first history row is written, so that row records the link. Small batches: a
    bulk update's CASE has one branch per row in its batch, so large batches cost minutes at scale 10."""
    service_heads, directorate_heads, updates = {}, {}, []
    for n in sorted(k for k in people if k > 0):
        person = people[n]
        directorate_heads.setdefault(person["directorate"], person["staff_number"])
        head = service_heads.setdefault((person["directorate"], person["service"]), person["staff_number"])
        manager = directorate_heads[person["directorate"]] if head == person["staff_number"] else head
        if manager != person["staff_number"]:
            updates.append(StaffMember(pk=ids[person["staff_number"]], line_manager_id=ids[manager]))
    unlinked = set(StaffMember.objects.filter(line_manager__isnull=True).values_list("pk", flat=True))
    StaffMember.objects.bulk_update([u for u in updates if u.pk in unlinked], ["line_manager"], batch_size=200)


def _import_history(today: date, staff: int) -> None:
    """A few past import runs so the history page shows what a real one looks like."""
    igteam = User.objects.filter(username="igteam").first()
    # The first HR load added everyone; every run's parts add up to its rows.
    runs = [(ImportRun.Kind.STAFF, f"HR establishment {today:%B %Y}.xlsx", staff, staff, 0),
            (ImportRun.Kind.COMPLETIONS, f"LMS completions {today:%B %Y}.csv", 1310, 1295, 15)]
    for kind, name, rows, added, unchanged in runs:
        checksum = hashlib.sha256(f"igov demo {kind} {name} {rows}".encode()).hexdigest()
        if not ImportRun.objects.filter(checksum=checksum).exists():
            ImportRun.objects.create(kind=kind, file_name=name, checksum=checksum, imported_by=igteam, rows=rows,
                                     added=added, unchanged=unchanged)
        if not ImportRecord.objects.filter(checksum=checksum).exists():
            ImportRecord.objects.create(register=kind, file_name=name, checksum=checksum, imported_by=igteam,
                                        rows=rows, created=added, unchanged=unchanged)

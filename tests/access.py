"""Who may reach each URL: the declarations the access matrix test checks.

Every named URL pattern of the project must be declared here, or the matrix test fails: a new
page is not finished until it says who may see it. Each rule maps each member of the cast
(tests/conftest.py) to what they get on GET: OK (200), DENIED (403), MISSING (404: an object
outside their scope), LOGIN (redirect to the login page), or another status code. A member
refused on GET is refused on POST too, and their POST changes nothing.
"""
OK, DENIED, MISSING, LOGIN, REDIRECT = 200, 403, 404, "login", 302
CAST = ["anonymous", "owner", "other_officer", "igteam", "board", "committee", "admin"]
STAFF = ("owner", "other_officer", "igteam", "board", "admin")
READERS = (*STAFF, "committee")
OFFICERS_IG = ("owner", "other_officer", "igteam", "admin")


def allow(*who, **special):
    """OK for the named cast members, LOGIN for anonymous, DENIED for the rest; special overrides."""
    rule = {member: (OK if member in who else DENIED) for member in CAST}
    rule["anonymous"] = LOGIN
    rule.update(special)
    return rule


def everyone(status=OK):
    return {member: status for member in CAST}


# name -> {"get": {member: expected}, "kwargs": objects -> URL kwargs (for patterns with parameters),
#          "post": False to skip the refused-POST check (a view that only answers GET by design)}
RULES = {
    "healthz": {"get": everyone(OK), "post": False},
    "login": {"get": {**everyone(REDIRECT), "anonymous": OK}, "post": False},
    "logout": {"get": everyone(405), "post": False},
    "password_change": {"get": allow(*READERS)},
    "password_change_done": {"get": allow(*READERS)},
    # --- accounts/security ---
    # The code step of sign-in: only with a password just checked; signed-in people go to the dashboard.
    "login_code": {"get": {**everyone(REDIRECT), "anonymous": LOGIN}},
    "two_factor": {"get": allow(*READERS)},
    "two_factor_start": {"get": {**everyone(405), "anonymous": LOGIN}},
    # Shows a secret only after two_factor_start made one; otherwise back to two_factor.
    "two_factor_setup": {"get": {**everyone(REDIRECT), "anonymous": LOGIN}},
    "two_factor_disable": {"get": {**everyone(405), "anonymous": LOGIN}},
    # --- end accounts/security ---
    "front:dashboard": {"get": allow(*READERS)},
    # --- glossary ---
    # Every reader reads it; the IG team keeps it.
    "front:signed_in": {"get": allow(*READERS), "post": False},
    "front:glossary": {"get": allow(*READERS)},
    "front:glossary_add": {"get": allow("igteam", "admin")},
    "front:glossary_change": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["glossary_term"].pk}},
    "front:glossary_delete": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["glossary_term"].pk}},
    # --- end glossary ---
    # --- actions ---
    # Plan summaries for every reader; the actions and their exports for every reader too, without
    # names for the committee; evidence files for staff; edits for the owner and the IG team; sign-off
    # and reopening for the board.
    "actions:index": {"get": allow(*READERS)},
    "actions:plan_detail": {"get": allow(*READERS), "kwargs": lambda o: {"pk": o["action_plan"].pk}},
    "actions:plans_export_csv": {"get": allow(*READERS)},
    "actions:plans_export_xlsx": {"get": allow(*READERS)},
    "actions:plan_create": {"get": allow("igteam", "admin")},
    "actions:plan_edit": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["action_plan"].pk}},
    "actions:create": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["action_plan"].pk}},
    "actions:plan_sign_off": {"get": allow("board", "admin"), "kwargs": lambda o: {"pk": o["action_plan"].pk}},
    "actions:list": {"get": allow(*READERS)},
    "actions:export_csv": {"get": allow(*READERS)},
    "actions:export_xlsx": {"get": allow(*READERS)},
    "actions:bulk_status": {"get": allow(igteam=405, admin=405)},
    "actions:bulk_status_confirm": {"get": allow(igteam=405, admin=405)},
    "actions:bulk_sign_off": {"get": allow(board=405, admin=405)},
    "actions:bulk_sign_off_confirm": {"get": allow(board=405, admin=405)},
    "actions:mine": {"get": allow(*STAFF)},
    "actions:detail": {"get": allow(*READERS), "kwargs": lambda o: {"pk": o["action"].pk}},
    "actions:edit": {"get": allow("owner", "igteam", "admin"), "kwargs": lambda o: {"pk": o["action"].pk}},
    # A note and evidence files go on the one update form: these lead there while the action can change.
    "actions:update_add": {"get": allow(owner=REDIRECT, igteam=REDIRECT, admin=REDIRECT),
                           "kwargs": lambda o: {"pk": o["action"].pk}},
    "actions:evidence_add": {"get": allow(owner=REDIRECT, igteam=REDIRECT, admin=REDIRECT),
                             "kwargs": lambda o: {"pk": o["action"].pk}},
    "actions:evidence_download": {"get": allow(*STAFF), "kwargs": lambda o: {"pk": o["evidence_file"].pk}},
    "actions:sign_off": {"get": allow("board", "admin"), "kwargs": lambda o: {"pk": o["action"].pk}},
    "actions:reopen": {"get": allow("board", "admin"), "kwargs": lambda o: {"pk": o["signed_action"].pk}},
    "actions:withdraw": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["action"].pk}},
    # --- end actions ---
    # --- risks ---
    # The heat map and counts for officers (their own risks), the IG team, the board and the committee
    # (the whole council); the register, a risk and the exports for officers (a colleague's risk is
    # missing), the IG team, the board and the committee (every risk; a member without anyone's name).
    "risks:index": {"get": allow(*READERS)},
    "risks:list": {"get": allow(*READERS)},
    "risks:export_csv": {"get": allow(*READERS)},
    "risks:export_xlsx": {"get": allow(*READERS)},
    "risks:add": {"get": allow("igteam", "admin")},
    "risks:detail": {"get": allow("owner", "igteam", "board", "committee", "admin", other_officer=MISSING),
                     "kwargs": lambda o: {"pk": o["risk"].pk}},
    "risks:edit": {"get": allow("owner", "igteam", "admin", other_officer=MISSING),
                   "kwargs": lambda o: {"pk": o["risk"].pk}},
    "risks:review_add": {"get": allow("owner", "igteam", "admin", other_officer=MISSING),
                         "kwargs": lambda o: {"pk": o["risk"].pk}},
    # --- end risks ---
    # --- assets ---
    # Summary counts for officers, the IG team and the committee; the register, agreements and partners for
    # officers and the IG team; an asset's IAO (the owner) and the IG team change it; the IG team the rest.
    "assets:index": {"get": allow("owner", "other_officer", "igteam", "committee", "admin")},
    "assets:asset_list": {"get": allow(*OFFICERS_IG)},
    "assets:asset_export_csv": {"get": allow(*OFFICERS_IG)},
    "assets:asset_export_xlsx": {"get": allow(*OFFICERS_IG)},
    "assets:my_assets": {"get": allow(*OFFICERS_IG)},
    "assets:asset_create": {"get": allow("igteam", "admin")},
    "assets:asset_detail": {"get": allow(*OFFICERS_IG), "kwargs": lambda o: {"pk": o["asset"].pk}},
    "assets:asset_edit": {"get": allow("owner", "igteam", "admin"), "kwargs": lambda o: {"pk": o["asset"].pk}},
    "assets:asset_review": {"get": allow("owner", "igteam", "admin"), "kwargs": lambda o: {"pk": o["asset"].pk}},
    "assets:agreement_list": {"get": allow(*OFFICERS_IG)},
    "assets:agreement_export_csv": {"get": allow(*OFFICERS_IG)},
    "assets:agreement_export_xlsx": {"get": allow(*OFFICERS_IG)},
    "assets:agreement_create": {"get": allow("igteam", "admin")},
    "assets:agreement_detail": {"get": allow(*OFFICERS_IG), "kwargs": lambda o: {"pk": o["agreement"].pk}},
    "assets:agreement_edit": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["agreement"].pk}},
    "assets:partner_list": {"get": allow(*OFFICERS_IG)},
    "assets:partner_create": {"get": allow("igteam", "admin")},
    "assets:partner_edit": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["partner"].pk}},
    # --- end assets ---
    # --- training ---
    # Figures for officers, the IG team and the committee; names of staff still to complete only for the
    # IG team and the service's own officers (an officer's service comes from the HR record with their
    # e-mail address); imports for the IG team.
    "training:index": {"get": allow("owner", "other_officer", "igteam", "committee", "admin")},
    "training:unit": {"get": allow("owner", "other_officer", "igteam", "committee", "admin"),
                      "kwargs": lambda o: {"code": o["training_staff"].unit.code}},
    "training:staff_search": {"get": allow("owner", "other_officer", "igteam", "admin")},
    "training:staff": {"get": allow("owner", "igteam", "admin", other_officer=MISSING),
                       "kwargs": lambda o: {"pk": o["training_staff"].pk}},
    "training:import": {"get": allow("igteam", "admin")},
    "training:import_confirm": {"get": allow(igteam=405, admin=405)},
    "training:import_preview": {"get": allow(igteam=REDIRECT, admin=REDIRECT),
                                "kwargs": lambda o: {"kind": "staff", "checksum": "0" * 64}},
    "training:import_history": {"get": allow("igteam", "admin")},
    "training:report": {"get": allow("owner", "other_officer", "igteam", "committee", "admin")},
    # --- end training ---
    # --- organisation ---
    # Every role reads a unit's figures; each register's own page decides what rows it lists.
    "org:index": {"get": allow(*READERS)},
    "org:unit": {"get": allow(*READERS), "kwargs": lambda o: {"code": o["training_staff"].unit.code}},
    # --- end organisation ---
    # --- people ---
    # Who holds what, and handing a leaver's records over: the IG team only (the pages name staff).
    "people:list": {"get": allow("igteam", "admin")},
    "people:detail": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["person"].pk}},
    "people:hand_over": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["person"].pk}},
    "people:hand_over_confirm": {"get": allow(igteam=405, admin=405), "kwargs": lambda o: {"pk": o["person"].pk}},
    # --- end people ---
    # --- committee ---
    # Meetings and published reports for the IG team, the board and members; drafts, meetings,
    # resolutions and publishing for the IG team only (a draft is missing for everyone else).
    "committee:index": {"get": allow("igteam", "board", "committee", "admin")},
    "committee:meeting_add": {"get": allow("igteam", "admin")},
    "committee:meeting": {"get": allow("igteam", "board", "committee", "admin"),
                          "kwargs": lambda o: {"pk": o["meeting"].pk}},
    "committee:resolution_add": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["meeting"].pk}},
    "committee:report_start": {"get": allow("igteam", "admin", igteam=405, admin=405),
                               "kwargs": lambda o: {"pk": o["meeting"].pk}},
    "committee:report": {"get": allow("igteam", "board", "committee", "admin"),
                         "kwargs": lambda o: {"pk": o["published_report"].pk}},
    "committee:report_edit": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"pk": o["draft_report"].pk}},
    "committee:report_publish": {"get": allow("igteam", "admin"),
                                 "kwargs": lambda o: {"pk": o["draft_report"].pk}},
    "committee:report_correct": {"get": allow("igteam", "admin"),
                                 "kwargs": lambda o: {"pk": o["published_report"].pk}},
    "committee:report_pdf": {"get": allow("igteam", "board", "committee", "admin"),
                             "kwargs": lambda o: {"pk": o["published_report"].pk}},
    "committee:report_xlsx": {"get": allow("igteam", "board", "committee", "admin"),
                              "kwargs": lambda o: {"pk": o["published_report"].pk}},
    # --- end committee ---
    # --- imports ---
    # Spreadsheet imports into every register: the IG team only. A preview of a file no longer
    # waiting sends the IG team back to the upload page.
    "imports:history": {"get": allow("igteam", "admin")},
    "imports:upload": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"kind": "risks"}},
    "imports:template": {"get": allow("igteam", "admin"), "kwargs": lambda o: {"kind": "actions"}},
    "imports:preview": {"get": allow(igteam=REDIRECT, admin=REDIRECT),
                        "kwargs": lambda o: {"kind": "risks", "checksum": "0" * 64}},
    "imports:confirm": {"get": allow(igteam=405, admin=405),
                        "kwargs": lambda o: {"kind": "risks", "checksum": "0" * 64}},
    # --- end imports ---
}

def url_of(name, objects):
    """The URL of a declared pattern, with the kwargs its rule makes from the objects."""
    from django.urls import reverse

    rule = RULES[name]
    return reverse(name, kwargs=rule["kwargs"](objects) if "kwargs" in rule else None)


# Functions cast -> {name: object}: each register adds one that makes the objects its URLs need,
# owned by the cast's "owner".
OBJECT_BUILDERS = []


# --- actions ---
def _actions_objects(cast):
    """A plan with one completed action awaiting sign-off and one signed off, both the owner's, with a
    cast name in every place an action can name someone: its owner, a progress note's author (the other
    officer), a voided sign-off's signer (the board) and voider (the admin), its history's users (the IG
    team marked it completed again) and an evidence file's uploader (the owner)."""
    from datetime import date

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from actions.models import Action, ActionPlan, EvidenceFile, ProgressUpdate

    plan = ActionPlan.objects.create(title="ICO data protection audit", source_kind="ico_audit",
                                     lead=cast["igteam"], agreed_on=date(2016, 7, 1))
    done = {"status": "completed", "completion_date": date(2016, 12, 1), "evidence": "Policy approved",
            "owner": cast["owner"], "plan": plan}
    action = Action.objects.create(reference="A01", recommendation="Appoint a SIRO.", **done)
    signed = Action.objects.create(reference="A02", recommendation="Publish a privacy notice.", **done)
    signed.sign_off(cast["board"], "Information Management Strategy Group", date(2017, 1, 12))
    action.sign_off(cast["board"], "Information Management Strategy Group", date(2017, 1, 12))
    action.reopen(cast["admin"], "The policy was never published.")
    action.status, action.completion_date, action._history_user = "completed", date(2017, 2, 1), cast["igteam"]
    action.save()
    ProgressUpdate.objects.create(action=action, author=cast["other_officer"], note="Policy drafted.")
    path = "evidence/access-matrix/siro.pdf"  # one file for every run, not one per test
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(b"%PDF-1.4\n"))
    evidence = EvidenceFile.objects.create(action=action, file=path, name="siro.pdf", size=9,
                                           uploaded_by=cast["owner"])
    return {"action_plan": plan, "action": action, "signed_action": signed, "evidence_file": evidence}


OBJECT_BUILDERS.append(_actions_objects)
# --- end actions ---

# --- training ---
def _training_objects(cast):
    """A course and a service where the owner works (matched by e-mail) beside colleagues who carry the
    cast's names and have not completed: the canaries a committee member must never see."""
    from datetime import date

    from training.models import Course, StaffMember

    Course.objects.create(code="DP-ANNUAL", name="Data protection (annual)", renewal_months=12,
                          launch_date=date(2025, 11, 1))
    from tests.units import unit_for

    where = {"unit": unit_for("Resources", "Finance"), "start_date": date(2020, 1, 1)}
    own = StaffMember.objects.create(staff_number="E1", first_name="Olwen", last_name="Ownerby",
                                     email=cast["owner"].email, **where)
    for n, member in enumerate(["other_officer", "igteam", "board", "admin"], start=2):
        user = cast[member]
        StaffMember.objects.create(staff_number=f"E{n}", first_name=user.first_name, last_name=user.last_name,
                                   line_manager=own, **where)
    return {"training_staff": StaffMember.objects.get(staff_number="E2")}


OBJECT_BUILDERS.append(_training_objects)
# --- end training ---

# --- assets ---
def _assets_objects(cast):
    """An asset the owner is IAO of, shared with a partner under a safeguarding agreement the owner leads."""
    from datetime import date

    from assets.models import DataSharingAgreement, InformationAsset, Partner
    from tests.units import unit_for

    asset = InformationAsset.objects.create(
        reference="IA-0001", name="Children's social care case records", owner=cast["owner"],
        administrator=cast["other_officer"], unit=unit_for("Children and Families", "Children's Social Care"),
        personal_data=True, lawful_basis="public_task", last_reviewed=date(2025, 1, 15))
    partner = Partner.objects.create(name="Northshire Constabulary", kind=Partner.Kind.POLICE,
                                     contact_name=cast["other_officer"].get_full_name())
    agreement = DataSharingAgreement.objects.create(
        reference="DSA-001", title="Multi-agency safeguarding hub", purpose="Safeguarding children",
        safeguarding=True, status=DataSharingAgreement.Status.ACTIVE, signed_on=date(2025, 1, 10),
        starts_on=date(2025, 2, 1), lead_officer=cast["owner"])
    agreement.partners.add(partner)
    agreement.assets.add(asset)
    return {"asset": asset, "partner": partner, "agreement": agreement}


OBJECT_BUILDERS.append(_assets_objects)
# --- end assets ---

# --- risks ---
def _risks_objects(cast):
    """A risk the owner owns, carrying the cast's names wherever a name could reach a reader: raised by
    the IG team for another officer and handed to the owner by the administrator (history users, and
    an owner change in its history), planned controls saying who will act, and a review by the other
    officer whose note names the board member."""
    from datetime import date

    from risks.models import Risk, RiskCategory, RiskReview

    risk = Risk(
        reference="IR-001", title="Personal data emailed to the wrong recipient", cause="If staff pick the "
        "wrong address", consequence="then personal data is disclosed", owner=cast["other_officer"],
        category=RiskCategory.objects.get(name="Data protection compliance"), inherent_likelihood=5,
        inherent_impact=3, residual_likelihood=4, residual_impact=3, target_likelihood=2, target_impact=3,
        planned_controls=f"{cast['igteam'].get_full_name()} to switch on the e-mail delay rule by May.",
        raised_on=date(2025, 1, 6), last_reviewed=date(2025, 4, 1))
    risk._history_user = cast["igteam"]
    risk.save()
    risk.owner = cast["owner"]
    risk._history_user = cast["admin"]
    risk.save()
    review = RiskReview(risk=risk, reviewed_on=date(2025, 4, 1), reviewer=cast["other_officer"],
                        note=f"Held after talking to {cast['board'].get_full_name()}.",
                        residual_likelihood=4, residual_impact=3)
    review._history_user = cast["other_officer"]
    review.save()
    return {"risk": risk}


OBJECT_BUILDERS.append(_risks_objects)
# --- end risks ---

# --- glossary ---
def _glossary_objects(cast):
    """A term the IG team added, so its history names someone."""
    from igov.front.models import GlossaryTerm

    term = GlossaryTerm(term="MASH", meaning="Multi-agency safeguarding hub")
    term._history_user = cast["igteam"]
    term.save()
    return {"glossary_term": term}


OBJECT_BUILDERS.append(_glossary_objects)
# --- end glossary ---

# --- people ---
def _people_objects(cast):
    """The owner, whose records the other builders make: the person a people page is about."""
    return {"person": cast["owner"]}


OBJECT_BUILDERS.append(_people_objects)
# --- end people ---

# URL namespaces handled as a whole: the Django admin is for administrators only.
ADMIN_NAMESPACE = "admin"


# --- committee ---
def _committee_objects(cast):
    """A meeting with a published report and its correction in draft (the IG team's name on both),
    and a resolution owned by the owner."""
    from datetime import date

    from django.utils import timezone

    from igov.committee.models import Committee, Meeting, Report
    from igov.committee.report import draft_content, report_html, report_xlsx
    from igov.lib.pdf import render_pdf

    committee = Committee.objects.create(name="Audit and Procurement Committee")
    meeting = Meeting.objects.create(committee=committee, date=date(2026, 10, 1))
    meeting.record_resolution("Officers be requested to schedule a seminar.", "Hold a seminar for members.",
                              cast["owner"], date(2027, 3, 31), by=cast["igteam"])
    report = Report.objects.create(meeting=meeting, created_by=cast["igteam"], author="IG team lead")
    # Published as igov.committee.report.publish does, but with a one-page PDF: rendering the whole
    # report would cost every test of the matrix seconds (tests/committee check the real PDFs).
    content = draft_content(report)
    pdf = render_pdf("<html lang='en-GB'><title>Report</title><p>Information Management Strategy Update</p></html>",
                     "http://testserver/")
    report.freeze(cast["igteam"], timezone.now(), content, report_html(content), pdf, report_xlsx(content))
    report.refresh_from_db()
    draft = report.correct(cast["igteam"], "A figure was wrong.")
    return {"meeting": meeting, "published_report": report, "draft_report": draft}


OBJECT_BUILDERS.append(_committee_objects)

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
    "front:glossary": {"get": allow(*READERS)},
    # --- actions ---
    # Plan summaries (counts only) for every reader; named actions for staff; edits for the owner and
    # the IG team; sign-off and reopening for the board.
    "actions:index": {"get": allow(*READERS)},
    "actions:plan_detail": {"get": allow(*READERS), "kwargs": lambda o: {"pk": o["action_plan"].pk}},
    "actions:list": {"get": allow(*STAFF)},
    "actions:export_csv": {"get": allow(*STAFF)},
    "actions:export_xlsx": {"get": allow(*STAFF)},
    "actions:bulk_status": {"get": allow(igteam=405, admin=405)},
    "actions:mine": {"get": allow(*STAFF)},
    "actions:detail": {"get": allow(*STAFF), "kwargs": lambda o: {"pk": o["action"].pk}},
    "actions:edit": {"get": allow("owner", "igteam", "admin"), "kwargs": lambda o: {"pk": o["action"].pk}},
    "actions:update_add": {"get": allow("owner", "igteam", "admin"), "kwargs": lambda o: {"pk": o["action"].pk}},
    "actions:sign_off": {"get": allow("board", "admin"), "kwargs": lambda o: {"pk": o["action"].pk}},
    "actions:reopen": {"get": allow("board", "admin"), "kwargs": lambda o: {"pk": o["signed_action"].pk}},
    # --- end actions ---
    "risks:index": {"get": allow("owner", "other_officer", "igteam", "committee", "admin")},
    "assets:index": {"get": allow("owner", "other_officer", "igteam", "committee", "admin")},
    # --- training ---
    # Figures for officers, the IG team and the committee; names of staff still to complete only for the
    # IG team and the service's own officers (an officer's service comes from the HR record with their
    # e-mail address); imports for the IG team.
    "training:index": {"get": allow("owner", "other_officer", "igteam", "committee", "admin")},
    "training:directorate": {"get": allow("owner", "other_officer", "igteam", "committee", "admin"),
                             "kwargs": lambda o: {"directorate": o["training_staff"].directorate}},
    "training:service": {"get": allow("owner", "other_officer", "igteam", "committee", "admin"),
                         "kwargs": lambda o: {"directorate": o["training_staff"].directorate,
                                              "service": o["training_staff"].service}},
    "training:staff": {"get": allow("owner", "igteam", "admin", other_officer=MISSING),
                       "kwargs": lambda o: {"pk": o["training_staff"].pk}},
    "training:import": {"get": allow("igteam", "admin")},
    "training:import_confirm": {"get": allow(igteam=405, admin=405)},
    "training:import_history": {"get": allow("igteam", "admin")},
    "training:report": {"get": allow("owner", "other_officer", "igteam", "committee", "admin")},
    # --- end training ---
    "committee:index": {"get": allow("igteam", "board", "committee", "admin")},
    "committee:prepare": {"get": allow("igteam", "admin")},
}

# Functions cast -> {name: object}: each register adds one that makes the objects its URLs need,
# owned by the cast's "owner".
OBJECT_BUILDERS = []


# --- actions ---
def _actions_objects(cast):
    """A plan with one completed action awaiting sign-off and one signed off, both the owner's."""
    from datetime import date

    from actions.models import Action, ActionPlan

    plan = ActionPlan.objects.create(title="ICO data protection audit", source_kind="ico_audit",
                                     lead=cast["igteam"], agreed_on=date(2016, 7, 1))
    done = {"status": "completed", "completion_date": date(2016, 12, 1), "evidence": "Policy approved",
            "owner": cast["owner"], "plan": plan}
    action = Action.objects.create(reference="A01", recommendation="Appoint a SIRO.", **done)
    signed = Action.objects.create(reference="A02", recommendation="Publish a privacy notice.", **done)
    signed.sign_off(cast["board"], "Information Management Strategy Group", date(2017, 1, 12))
    return {"action_plan": plan, "action": action, "signed_action": signed}


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
    where = {"directorate": "Resources", "service": "Finance", "start_date": date(2020, 1, 1)}
    own = StaffMember.objects.create(staff_number="E1", first_name="Olwen", last_name="Ownerby",
                                     email=cast["owner"].email, **where)
    for n, member in enumerate(["other_officer", "igteam", "board", "admin"], start=2):
        user = cast[member]
        StaffMember.objects.create(staff_number=f"E{n}", first_name=user.first_name, last_name=user.last_name,
                                   line_manager=own, **where)
    return {"training_staff": StaffMember.objects.get(staff_number="E2")}


OBJECT_BUILDERS.append(_training_objects)
# --- end training ---

# URL namespaces handled as a whole: the Django admin is for administrators only.
ADMIN_NAMESPACE = "admin"

"""The wording of the demo plans' recommendations (kept apart so demo.py reads as the rules)."""

# (scope area, recommendation) for the ICO audit: 77 recommendations, as such a report words them.
ICO = [
    ("governance", "Appoint a Senior Information Risk Owner (SIRO) at board level and record the role in the "
                   "scheme of delegation."),
    ("governance", "Formalise the terms of reference of the Information Management Strategy Group, including "
                   "quorum, frequency and reporting line to the Audit and Procurement Committee."),
    ("governance", "Designate a Data Protection Officer with sufficient independence, resources and access to "
                   "senior management."),
    ("governance", "Produce an overarching information governance framework that links the council's "
                   "policies, roles and reporting arrangements."),
    ("governance", "Review all data protection policies at least every two years and record approval and "
                   "version history."),
    ("governance", "Establish key performance indicators for information governance and report them quarterly "
                   "to the Information Management Strategy Group."),
    ("governance", "Include information governance compliance in the internal audit plan on a risk basis."),
    ("governance", "Ensure each directorate has a named information governance lead who attends the "
                   "Strategy Group."),
    ("governance", "Document the responsibilities of Information Asset Owners in job descriptions."),
    ("governance", "Maintain a record of processing activities covering every directorate."),
    ("governance", "Publish an up-to-date privacy notice for each service that processes personal data."),
    ("governance", "Ensure contracts with data processors contain the clauses required by data protection "
                   "legislation."),
    ("governance", "Carry out compliance checks on a sample of processor contracts each year."),
    ("records", "Recruit a permanent Records Manager to lead the records management programme."),
    ("records", "Adopt a corporate retention and disposal schedule and publish it to all staff."),
    ("records", "Complete the information asset register, identifying an owner for every asset."),
    ("records", "Review the storage of paper records at the off-site store and record what is held."),
    ("records", "Introduce a file plan for shared network drives and restrict the creation of personal "
                "folders."),
    ("records", "Ensure records held in the basement archive are indexed and tracked when removed."),
    ("records", "Destroy records past their retention period and keep a certificate of destruction."),
    ("records", "Provide guidance on the use of email as a record and on the saving of emails to the "
                "correct file."),
    ("records", "Establish a clear desk and clear screen policy and monitor compliance by spot checks."),
    ("records", "Carry out a records management audit in each directorate annually."),
    ("records", "Ensure electronic records systems apply retention automatically where possible."),
    ("records", "Review the tracking of social care files transferred between teams."),
    ("records", "Agree arrangements for records of services transferred to external providers."),
    ("training", "Make data protection training mandatory for all staff, with annual refresher training."),
    ("training", "Provide specialist training for Information Asset Owners and Administrators."),
    ("training", "Record completion of training centrally and report completion rates to the Strategy "
                 "Group."),
    ("training", "Include data protection in the induction of all new starters before they access personal "
                 "data."),
    ("training", "Extend training to agency staff, contractors and volunteers with access to personal data."),
    ("training", "Provide training for elected members on their data protection responsibilities."),
    ("training", "Publish an Information Governance Handbook on the intranet."),
    ("training", "Run an awareness campaign on the reporting of personal data breaches."),
    ("training", "Provide targeted training for staff who handle subject access requests."),
    ("training", "Evaluate the effectiveness of training through assessment scores and incident trends."),
    ("training", "Follow up staff who have not completed mandatory training with their line managers."),
    ("training", "Provide guidance on secure working for staff working from home."),
    ("training", "Include records management in the mandatory e-learning."),
    ("security", "Encrypt all laptops and removable media that may hold personal data."),
    ("security", "Implement a documented user access management process for starters, movers and leavers."),
    ("security", "Review privileged access to systems holding personal data every six months."),
    ("security", "Carry out an annual penetration test and track remedial actions to completion."),
    ("security", "Ensure secure email is used for sending personal data to partner organisations."),
    ("security", "Introduce a process for the secure disposal of IT equipment with certificates of "
                 "destruction."),
    ("security", "Enable audit logging on key systems and review logs for inappropriate access."),
    ("security", "Maintain a business continuity plan for critical information systems and test it."),
    ("security", "Restrict the use of USB devices to those approved and encrypted."),
    ("security", "Complete the Public Services Network compliance submission on time."),
    ("security", "Ensure printers in open areas use secure release."),
    ("security", "Apply security patches within the timescales set in the patch management policy."),
    ("security", "Review the physical security of areas where personal data is processed."),
    ("requests", "Maintain a central log of subject access requests and monitor response times."),
    ("requests", "Provide a procedure for identifying the requester and the scope of a subject access "
                 "request."),
    ("requests", "Ensure redaction of third-party information is checked by a second person."),
    ("requests", "Report subject access request performance to the Strategy Group monthly."),
    ("requests", "Clear the backlog of overdue subject access requests."),
    ("requests", "Publish guidance for the public on how to make a subject access request."),
    ("requests", "Ensure requests received by any service are passed to the central team on the day they "
                 "arrive."),
    ("requests", "Use redaction software for large requests rather than manual redaction."),
    ("data_sharing", "Review the Coventry Information Sharing Protocol and the agreements made under it."),
    ("data_sharing", "Maintain a register of data sharing agreements with their review dates."),
    ("data_sharing", "Ensure each regular data sharing arrangement is covered by a signed agreement."),
    ("data_sharing", "Carry out a data protection impact assessment before any new data sharing."),
    ("data_sharing", "Agree the legal basis for sharing information for safeguarding purposes with partners."),
    ("data_sharing", "Review data sharing agreements at least annually with the partner organisations."),
    ("data_sharing", "Provide guidance to staff on sharing information in emergencies."),
    ("breaches", "Introduce a personal data breach procedure with clear timescales for reporting to the "
                 "ICO."),
    ("breaches", "Maintain a breach log recording the facts, effects and remedial action of every breach."),
    ("breaches", "Report breach trends and lessons learned to the Strategy Group quarterly."),
    ("breaches", "Ensure breaches are investigated by someone independent of the service concerned."),
    ("breaches", "Notify affected individuals of high-risk breaches without undue delay."),
    ("risk", "Compile an Information Risk Policy approved by the Senior Information Risk Owner."),
    ("risk", "Establish an information risk register and review it at each Strategy Group meeting."),
    ("risk", "Integrate information risks into the corporate risk register where they meet the threshold."),
    ("risk", "Embed data protection impact assessments in the project management methodology."),
    ("risk", "Publish a DPIA template and guidance on when a DPIA is required."),
]

# Added by the council after the ICO plan was agreed: scope, recommendation, the IG team's reason.
ICO_ADDITION = ("security", "Encrypt every laptop and removable drive that holds personal data, and keep a register "
                "of the devices encrypted.",
                "Added after the Revenues laptop breach in March: the IG board asked for it to be tracked with the "
                "ICO actions so the committee sees its progress.")
ICO_SUPERSEDED = 60  # index in ICO of the Information Sharing Protocol review (the minute's "final action")
ICO_SUPERSEDED_REASON = ("Superseded by individual data sharing agreements with partners. Should a new protocol "
                         "be required it could be shorter and less specific, complemented by those agreements.")

# In-Form Consult's IG review: (scope area, recommendation); repeated with a round number at scale N.
IFC = [
    ("governance", "Align the information governance work programme with the Information Management "
                   "Strategy."),
    ("governance", "Agree a single owner for each information governance policy."),
    ("records", "Define the 'golden record' for customer and address data and the system that holds it."),
    ("records", "Rationalise duplicate customer records across the main line-of-business systems."),
    ("records", "Scan and index the remaining paper planning files before the office move."),
    ("training", "Publish short guidance notes for Information Asset Owners."),
    ("training", "Offer drop-in sessions on the new retention schedule."),
    ("security", "Classify documents using the Government Security Classifications."),
    ("security", "Apply data loss prevention rules to outbound email."),
    ("security", "Review access to shared mailboxes holding personal data."),
    ("requests", "Combine the Freedom of Information and subject access request logs in one case system."),
    ("requests", "Publish a disclosure log of Freedom of Information responses."),
    ("data_sharing", "Standardise the template for data sharing agreements."),
    ("data_sharing", "Record the partners' security assurances with each agreement."),
    ("breaches", "Test the breach procedure with a desktop exercise."),
    ("breaches", "Add near misses to the breach log."),
    ("risk", "Provide a DPIA screening questionnaire for project managers."),
    ("risk", "Link the information asset register to the information risk register."),
    ("governance", "Publish an annual information governance report."),
    ("records", "Agree a retention period for CCTV footage in each service that operates cameras."),
    ("security", "Remove shared user accounts from case management systems."),
    ("training", "Add information governance to managers' induction."),
    ("data_sharing", "Review the consent forms used by Children's Services."),
    ("governance", "Set out the information governance responsibilities of schools that buy council services."),
]

# Resolutions of the Audit and Procurement Committee (the minute in committee-minutes.txt): the
# resolution as minuted, and the action officers agreed in response to it.
RESOLUTIONS = [
    ("governance", "The progress to date against the ICO action plan be noted.",
     "Report progress against the ICO action plan to each meeting of the Committee until every action is "
     "complete and the ICO has made its follow-up visit.", "completed"),
    ("risk", "Officers be requested to schedule a seminar for members of the Audit and Procurement "
             "Committee to cover the Information Risk approach in more detail.",
     "Hold a seminar for members of the Audit and Procurement Committee on the Information Risk Policy, the "
     "information risk register and how risks are scored and escalated, with the Senior Information Risk Owner "
     "presenting.", "in_progress"),
    ("training", "Officers be requested to report on the completion of mandatory training to the Committee "
                 "on an annual basis.",
     "Report the completion rates of the mandatory data protection e-learning, by directorate, to the Committee "
     "once a year, starting with the first full year after the November launch.", "in_progress"),
    ("governance", "A glossary of terms detailing acronyms to be included in any future Information "
                   "Management Strategy reports.",
     "Include a glossary of terms and acronyms in every Information Management Strategy report to the "
     "Committee.", "completed"),
    ("data_sharing", "The concerns raised about the sharing of information between partner organisations "
                     "relating to Safeguarding issues be considered during the forthcoming internal audit.",
     "Ask Internal Audit to include the sharing of safeguarding information with partner agencies in the scope "
     "of its forthcoming audit, and report its findings to the Committee.", "not_started"),
]

INTERNAL_AUDIT_TOPICS = [
    "Subject access requests", "Records management", "Data sharing and safeguarding", "Cyber security",
    "Information asset register", "Payroll data", "Schools data protection", "CCTV", "Social care records",
]

AGREED_ACTION_START = {
    "governance": "The Strategy Group will", "records": "The Records Manager will",
    "training": "Organisational Development will", "security": "ICT and Digital will",
    "requests": "The Information Governance team will", "data_sharing": "The Information Governance team will",
    "breaches": "The Information Governance team will", "risk": "The Senior Information Risk Owner will",
    "other": "The service will",
}

EVIDENCE = [
    "Policy approved by the Strategy Group; copy on the intranet: https://intranet.example.gov.uk/ig/policies",
    "Report to the Strategy Group with minutes recording approval.",
    "Register published on the intranet and reviewed at the last meeting.",
    "Completion report from the learning system attached to the Strategy Group papers.",
    "Procedure issued to all services by the Director; screenshots of the updated system settings.",
]

REVISION_REASONS = [
    "Recruitment of the permanent Records Manager delayed the work.",
    "Depends on the new case management system, whose go-live moved.",
    "Partner organisations asked for more time to review the agreements.",
    "Staff redeployed to the elections.",
]

PROGRESS_NOTES = [
    "Draft prepared and circulated to the directorate leads for comment.",
    "Comments received; revised draft going to the next Strategy Group.",
    "Work paused while the service restructure completes; restarting next month.",
    "Meeting held with ICT to agree the technical changes.",
]

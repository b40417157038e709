"""The asset register, partners and data sharing agreements as spreadsheets: the columns of each
export, import and blank template. Dates worked out from others (the next review, an agreement's
expiry and its review due) are written on export and ignored on import; the dates set by hand are
their own columns."""
from igov.imports.columns import Choice, Date, Derived, ManyNames, Number, Person, Text, Units, YesNo
from igov.imports.registers import Register

from .models import DataSharingAgreement, InformationAsset, Partner


def _current(agreement, context) -> str:
    # A list's rows carry the database's answer (with_current_status); a loaded row asks the model.
    status = agreement.current_status
    return status if isinstance(status, str) else status(context.today)


ASSET_COLUMNS = (
    Text("Reference", "reference", required=True, max_length=20, aliases=("asset reference", "ref", "asset id")),
    Text("Name", "name", max_length=200, aliases=("asset name", "asset")),
    Text("Description", "description"),
    Person("Information Asset Owner", "owner", aliases=("iao", "asset owner", "owner")),
    Person("Information Asset Administrator", "administrator", aliases=("iaa", "administrator")),
    Units("Directorate", "unit"),
    Choice("Format", "format", choices=InformationAsset.Format),
    Text("System or location", "system_or_location", max_length=200, aliases=("system", "location")),
    YesNo("Personal data", "personal_data", aliases=("holds personal data",)),
    YesNo("Special category data", "special_category_data", aliases=("holds special category data",)),
    Text("Data subjects", "data_subjects", max_length=200),
    Choice("Lawful basis (Article 6)", "lawful_basis", choices=InformationAsset.LawfulBasis, blank=True,
           aliases=("lawful basis", "article 6")),
    Choice("Condition for special category data (Article 9)", "special_category_condition",
           choices=InformationAsset.SpecialCategoryCondition, blank=True, aliases=("article 9 condition",
                                                                                  "article 9")),
    Text("Retention period", "retention_period", max_length=100),
    Text("Retention rule", "retention_rule", max_length=200),
    Choice("Security classification", "classification", choices=InformationAsset.Classification,
           aliases=("classification",)),
    Choice("Business criticality", "criticality", choices=InformationAsset.Criticality, aliases=("criticality",)),
    Date("Last review", "last_reviewed", aliases=("last reviewed",)),
    Date("Next review date (if set)", "next_review_on"),
    Derived("Next review", get=lambda asset, context: asset.next_review),
    Derived("Review overdue", get=lambda asset, context: "Yes" if asset.is_review_overdue(context.today) else "No"),
)

PARTNER_COLUMNS = (
    Text("Name", "name", required=True, max_length=200, aliases=("partner", "organisation")),
    Choice("Type", "kind", choices=Partner.Kind, aliases=("kind", "partner type")),
    Text("Contact name", "contact_name", max_length=200),
    Text("Contact email", "contact_email", max_length=254, aliases=("email",)),
    Text("Contact phone", "contact_phone", max_length=40, aliases=("phone", "telephone")),
)

AGREEMENT_COLUMNS = (
    Text("Reference", "reference", required=True, max_length=20, aliases=("dsa reference", "ref")),
    Text("Title", "title", max_length=200),
    ManyNames("Partners", "partners", model=Partner),
    YesNo("Concerns safeguarding", "safeguarding", aliases=("safeguarding",)),
    Derived("Status", get=lambda agreement, context: DataSharingAgreement.Status(_current(agreement, context)).label),
    Choice("Recorded status", "status", choices=DataSharingAgreement.Status),
    Text("Purpose", "purpose"),
    Text("Legal basis", "legal_basis", max_length=300),
    Text("Data shared", "data_shared"),
    YesNo("DPIA completed", "dpia_completed"),
    Date("DPIA date", "dpia_date"),
    Date("Signed", "signed_on", aliases=("date signed", "signed on")),
    Date("Start", "starts_on", aliases=("start date", "starts on")),
    Number("Term in months", "term_months", low=1, high=600, aliases=("term",)),
    Date("End date", "ends_on", aliases=("ends on",)),
    Derived("Expiry", get=lambda agreement, context: agreement.expires_on),
    Date("Last review", "last_reviewed"),
    Date("Review date", "review_on"),
    Derived("Review due", get=lambda agreement, context: agreement.review_due),
    Person("Lead officer", "lead_officer", aliases=("lead",)),
    Derived("Replaces action", get=lambda agreement, context: str(agreement.superseded_action or "")),
)

ASSETS = Register(kind="assets", title="Information assets", model=InformationAsset, columns=ASSET_COLUMNS,
                  related=("owner", "administrator", "unit__parent"))
PARTNERS = Register(kind="partners", title="Partners", model=Partner, columns=PARTNER_COLUMNS, key="Name")
AGREEMENTS = Register(kind="agreements", title="Data sharing agreements", model=DataSharingAgreement,
                      columns=AGREEMENT_COLUMNS, related=("lead_officer", "superseded_action__plan"),
                      many=("partners",))

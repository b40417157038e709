"""The risk register as a spreadsheet: the columns of the export, the import and the blank template.

Scores, bands and appetite are worked out from the likelihoods and impacts, so they are written on
export and ignored on import. "Next review date (if set)" is the date set by hand; blank follows
the review frequency, and the export's "Next review" shows the date that gives.
"""
from igov.imports.columns import Choice, Date, Derived, Lookup, Number, Person, Text, Units, yes_no
from igov.imports.registers import Register

from .models import Risk, RiskCategory


def _score(header, field, aliases=()):
    return Number(header, field, low=1, high=5, aliases=aliases)


COLUMNS = (
    Text("Reference", "reference", required=True, max_length=20, aliases=("risk reference", "risk ref", "ref",
                                                                         "risk id", "id")),
    Text("Title", "title", aliases=("risk title", "risk"), max_length=200),
    Text("Cause", "cause", aliases=("cause (if)", "if")),
    Text("Consequence", "consequence", aliases=("effect", "impact description", "then")),
    Lookup("Category", "category", model=RiskCategory, aliases=("risk category",)),
    Person("Owner", "owner", named=True, blank=False, aliases=("risk owner",)),
    Units("Directorate", "unit"),
    _score("Inherent likelihood", "inherent_likelihood", ("gross likelihood",)),
    _score("Inherent impact", "inherent_impact", ("gross impact",)),
    Derived("Inherent score", get=lambda risk, context: risk.inherent_likelihood * risk.inherent_impact),
    Text("Existing controls", "existing_controls", aliases=("current controls", "controls")),
    _score("Residual likelihood", "residual_likelihood", ("current likelihood", "net likelihood")),
    _score("Residual impact", "residual_impact", ("current impact", "net impact")),
    Derived("Residual score", get=lambda risk, context: risk.residual),
    Derived("Residual band", get=lambda risk, context: getattr(risk, "residual_band_label", "") or ""),
    _score("Target likelihood", "target_likelihood"),
    _score("Target impact", "target_impact"),
    Derived("Target score", get=lambda risk, context: risk.target),
    Derived("Appetite", get=lambda risk, context: risk.category.appetite.get_level_display()),
    Derived("Highest tolerated score", get=lambda risk, context: risk.category.appetite.max_residual_score),
    Derived("Above appetite", get=lambda risk, context: yes_no(risk.is_above_appetite)),
    Choice("Treatment", "treatment", choices=Risk.Treatment, aliases=("response", "risk response")),
    Text("Planned further controls", "planned_controls", named=True, aliases=("further actions", "planned controls",
                                                                              "further controls")),
    Choice("Status", "status", choices=Risk.Status),
    Date("Date raised", "raised_on", aliases=("raised", "date identified", "date added")),
    Date("Last review", "last_reviewed", aliases=("last reviewed", "date last reviewed")),
    Choice("Review frequency", "review_frequency", choices=Risk.Frequency),
    Date("Next review date (if set)", "next_review_on"),
    Derived("Next review", get=lambda risk, context: risk.next_review_due),
    Derived("Review overdue", get=lambda risk, context: yes_no(risk.is_review_overdue(context.today))),
    Derived("Information assets", named=True, get=lambda risk, context: "; ".join(
        f"{asset.reference} {asset.name}" for asset in risk.assets.all())),
)

RISKS = Register(kind="risks", title="Information risks", model=Risk, columns=COLUMNS,
                 related=("category__appetite", "owner", "unit__parent"))

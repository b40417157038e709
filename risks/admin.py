from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from igov.lib.versioning import VersionedAdminMixin
from risks.models import ImpactLevel, LikelihoodLevel, Risk, RiskAppetite, RiskCategory, RiskReview, ScoreBand


@admin.register(LikelihoodLevel, ImpactLevel)
class ScaleLevelAdmin(SimpleHistoryAdmin):
    list_display = ["value", "name", "description"]
    list_editable = ["name"]


@admin.register(ScoreBand)
class ScoreBandAdmin(SimpleHistoryAdmin):
    list_display = ["label", "min_score", "max_score", "colour"]


@admin.register(RiskAppetite)
class RiskAppetiteAdmin(SimpleHistoryAdmin):
    list_display = ["level", "max_residual_score", "description"]


@admin.register(RiskCategory)
class RiskCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "appetite"]
    list_select_related = ["appetite"]


class RiskReviewInline(admin.TabularInline):
    model = RiskReview
    extra = 0
    raw_id_fields = ["reviewer"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("risk")  # each review's name says its risk


@admin.register(Risk)
class RiskAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["reference", "title", "category", "owner", "status", "residual_likelihood", "residual_impact",
                    "last_reviewed"]
    list_filter = ["status", "category", "treatment", ("unit", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["reference", "title", "cause", "consequence"]
    list_select_related = ["category", "owner"]
    # Raw ids, not a select (nor the autocomplete, select2, which has no accessible name): a council has
    # thousands of users, actions and assets.
    raw_id_fields = ["owner", "actions", "assets"]
    inlines = [RiskReviewInline]

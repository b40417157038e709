from django.shortcuts import render

from igov.accounts.roles import COMMITTEE, IG_TEAM, OFFICER, role_required


@role_required(OFFICER, IG_TEAM, COMMITTEE)
def index(request):
    """The register's landing page."""
    return render(request, "risks/index.html")

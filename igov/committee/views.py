from django.shortcuts import render

from igov.accounts.roles import BOARD, COMMITTEE, IG_TEAM, role_required


@role_required(IG_TEAM, BOARD, COMMITTEE)
def index(request):
    """Committee meetings and their published reports."""
    return render(request, "committee/index.html")


@role_required(IG_TEAM)
def prepare(request):
    """Where the IG team prepares the next committee report."""
    return render(request, "committee/prepare.html")

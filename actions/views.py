from django.shortcuts import render

from igov.accounts.roles import READERS, role_required


@role_required(*READERS)
def index(request):
    """The action plans (ICO, IFC, committee resolutions) and their progress."""
    return render(request, "actions/index.html")

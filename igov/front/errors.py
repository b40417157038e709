"""Error pages in the council layout. The 500 page renders without context processors or the
database, since the error may be the database itself."""
from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template


def forbidden(request, exception=None):
    """403 with the reason the view gave ("Only the action's owner or the IG team can change it.")."""
    reason = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponseServerError(get_template("500.html").render({"council_name": settings.IGOV_COUNCIL_NAME}))

"""The one rule for sending a user on to an address they supplied (`?next=`, a hidden `next` field).

Only a path on this site is followed: never another site (`https://evil.example/`, `//evil.example`,
`/\\evil.example`), another scheme (`javascript:`), a relative address or a view name. Anything else
goes to the default. Callers redirect with `HttpResponseRedirect`, never `redirect()`, which would
treat the text as a view name to reverse.
"""
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next(request: HttpRequest, url: str | None) -> bool:
    return bool(url) and url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def safe_next(request: HttpRequest, url: str | None, default: str) -> str:
    """url when it is a path on this site, else default (a URL or a URL name)."""
    return url if is_safe_next(request, url) else resolve_url(default)

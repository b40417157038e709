"""Lists in pages: the page to show and the query string its links keep (templates/includes/pagination.html)."""
from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> tuple[Page, str]:
    """The requested page of `items` (a missing or out-of-range number gives the first or last page)
    and the request's other GET parameters, url-encoded, for the page links and downloads to keep."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()

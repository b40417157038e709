"""Lists in pages: the page to show and the query string its links keep (templates/includes/pagination.html)."""
from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int, count: int | None = None) -> tuple[Page, str]:
    """The requested page of `items` (a missing or out-of-range number gives the first or last page)
    and the request's other GET parameters, url-encoded, for the page links and downloads to keep.
    `count`: how many items there are, when already known (saves counting them in the database)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()

"""An opt-in response header with the number of SQL queries a request made, for the benchmark
(igov.benchmark), which measures pages served by gunicorn from outside the process.

On only when IGOV_QUERY_COUNT_HEADER is set (settings puts this middleware first, so the queries of
every other middleware count too, the session's save included). A streamed response's queries made
while streaming are not counted.
"""
from contextlib import ExitStack

from django.db import connections

HEADER = "X-Query-Count"


class QueryCountHeaderMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counted(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counted))
            response = self.get_response(request)
        response[HEADER] = str(count[0])
        return response

"""The benchmark behind `make bench` (issue 16): data at a large council's size and at ten times it
(seed), the pages measured over HTTP against gunicorn (client, pages), concurrent users editing and
reading (load), the imports against bare openpyxl (imports), and the targets the results are held to
(targets). Shared timing pieces live in igov.lib.bench.
"""

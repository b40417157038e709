"""The benchmark's verdicts: which targets a run meets, from its numbers."""
from igov.benchmark.client import form_fields
from igov.benchmark.targets import evaluate, table


def page(group, p50, p95, queries):
    return {"group": group, "p50_ms": p50, "p95_ms": p95, "queries": queries}


def size(list_p50, list_p95, list_queries, report_p50=40, pdf_p50=1200, training_ratio=1.2):
    return {"pages": {"floor (signed-in page)": page("floor", 4, 5, 3),
                      "admin: actions": page("admin", 50, 60, 8),
                      "admin: assets": page("admin", 55, 70, 8),
                      "action list": page("list", list_p50, list_p95, list_queries),
                      "committee report as at": page("report", report_p50, 50, 12),
                      "committee report PDF": page("pdf", pdf_p50, 1300, 14),
                      "export: actions xlsx": page("export", 300, 320, 5)},
            "pdf_bare_ms": 1000, "training_import": {"ratio": training_ratio},
            "register_imports": {"risks": {"ratio": 1.1}}}


def test_a_page_that_stays_flat_and_cheap_meets_its_targets():
    result = evaluate({"large": size(20, 22, 9), "10x": size(22, 24, 9)}, None, {"101": 180.0})
    row = next(r for r in result["rows"] if r["page"] == "action list")
    assert row["met"] and row["growth"] == 1.1 and row["x_floor"] == 4.8
    assert all(t["met"] for t in result["targets"])


def test_a_page_that_grows_with_the_data_or_adds_queries_is_reported_as_missing_them():
    result = evaluate({"large": size(20, 22, 9), "10x": size(40, 45, 10)}, None, {})
    row = next(r for r in result["rows"] if r["page"] == "action list")
    assert not row["met"]
    assert row["checks"] == {"answers 200": True, "queries ≤ 15": True, "queries constant at 10×": False,
                             "growth ≤ 1.3×": False,
                             "p95 ≤ admin changelist": True, "≤ 5× floor": False}
    assert "| action list | 20 → 40 | 22 → 45 | 9 | 9 → 10 | 2× | no: queries constant at 10×; growth ≤ 1.3×; " \
           "≤ 5× floor |" in table(result)


def test_exports_and_pdfs_may_grow_with_the_rows_they_hold():
    result = evaluate({"large": size(20, 22, 9, pdf_p50=100), "10x": size(20, 22, 9, pdf_p50=1000)}, None, {})
    export = next(r for r in result["rows"] if r["page"] == "export: actions xlsx")
    assert list(export["checks"]) == ["answers 200", "queries constant at 10×"]


def test_a_page_that_times_out_misses_its_targets():
    slow = size(20, 22, 9)
    slow["pages"]["action list"]["status"] = "timeout"
    result = evaluate({"large": size(20, 22, 9), "10x": slow}, None, {})
    row = next(r for r in result["rows"] if r["page"] == "action list")
    assert row["checks"]["answers 200"] is False and not row["met"]


def test_the_ratio_targets_the_load_and_the_memory():
    result = evaluate({"large": size(20, 22, 9), "10x": size(20, 22, 9, report_p50=70, pdf_p50=1600,
                                                              training_ratio=2.0)},
                      {"errors": 0, "lost_updates": 1}, {"101": 180.0, "102": 300.0})
    missed = {t["target"] for t in result["targets"] if not t["met"]}
    assert missed == {"committee report as at: growth ≤ 1.3×", "size 10: committee report as at ≤ 3× action list",
                      "size 10: report PDF ≤ 1.5× bare WeasyPrint",
                      "size 10: training completions import ≤ 1.5× bare openpyxl",
                      "gunicorn worker 102 peak RSS ≤ 250 MB", "load: no lost updates"}


def test_a_form_is_read_as_a_browser_would_submit_it():
    html = """<form method="post"><input name="q"></form>
    <form method="post"><input type="hidden" name="seen_version" value="7">
      <input type="checkbox" name="remove_files" value="1"><input type="checkbox" name="tick" value="y" checked>
      <select name="status"><option value="a">A</option><option value="b" selected>B</option></select>
      <textarea name="note">
Line one</textarea><input type="submit" name="go" value="Save"></form>"""
    assert form_fields(html, "seen_version") == {"seen_version": "7", "remove_files": [], "tick": "y",
                                                 "status": "b", "note": "Line one"}

"""bench_report runs end to end on a tiny history (the real run is `make bench-report`)."""
import io
import json

from django.core.management import call_command

from igov.committee.models import Committee
from igov.lib.bench import history_row_count


def test_it_times_the_report_and_its_pdf_and_leaves_no_meeting_behind(objects, tmp_path):
    committees = Committee.objects.count()
    output = tmp_path / "report.json"
    call_command("bench_report", history_rows=2000, repeat=1, scale=0, output=str(output), force=True,
                 stdout=io.StringIO())
    result = json.loads(output.read_text())
    assert {"report page", "first opened", "action list", "report_pdf", "bare WeasyPrint"} <= set(result["timings"])
    assert result["timings"]["first opened"]["queries"] > result["timings"]["action list"]["queries"] > 0
    assert result["timings"]["report page"]["queries"] < result["timings"]["first opened"]["queries"]
    assert result["ratios"]["report_vs_action_list"] > 0 and result["ratios"]["pdf_vs_weasyprint"] > 0
    assert result["machine"]["cpus"] >= 1 and result["machine"]["database"]
    assert result["history_rows"] == history_row_count() >= 2000
    assert Committee.objects.count() == committees

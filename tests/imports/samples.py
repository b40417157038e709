"""An ICO audit report's action plan as the ICO sends it: a title row, then its own column names."""
from datetime import date

from igov.lib.exports import xlsx_workbook

ICO_HEADERS = ["Recommendation reference", "Recommendation", "Priority", "Management response", "Agreed action",
               "Owner", "Target date"]
RESPONSES = ["Accepted. The council will do this.", "Partially accepted – see the agreed action.", "Not accepted"]
PRIORITIES = ["Urgent", "High", "Medium", "Low"]


def ico_action_plan(owners: list[str], rows: int = 77) -> bytes:
    """A workbook of `rows` recommendations (A1 to A77), owners named by e-mail or username, target dates
    alternately Excel date cells and UK text ("24 October 2016")."""
    lines = []
    for number in range(1, rows + 1):
        target = date(2017, 1 + number % 12, 1 + number % 28)
        lines.append([f"A{number}", f"The council should review control {number} and record the outcome.",
                      PRIORITIES[number % 4], RESPONSES[number % 3],
                      f"The information governance team will put control {number} in place.",
                      owners[number % len(owners)], target if number % 2 else f"{target:%-d %B %Y}"])
    sheet = xlsx_workbook([("Action plan", ["ICO data protection audit – action plan"], [[], ICO_HEADERS, *lines])])
    return sheet

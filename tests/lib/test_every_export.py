"""Every download the project offers survives any text people type: control characters XLSX
cannot hold (Word's manual line break, ESC) and text that starts a formula, in every free-text
field of every register.

Downloads are found, not listed: every named URL the access matrix knows is fetched as an
administrator, plain and with ?format=csv / ?format=xlsx, and every attachment is an export. A new
export is covered as soon as it has a URL.
"""
import csv
import io
import re

from django.apps import apps
from django.db import models
from openpyxl import load_workbook

from tests import access
from tests.conftest import client_for
from tests.test_access_matrix import ALL_PATTERNS

REGISTERS = ("actions", "risks", "assets", "training")
HOSTILE = "=1+1\vline\x1bEsc\x07"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def text_fields(model):
    for field in model._meta.get_fields():
        if (isinstance(field, models.CharField | models.TextField) and field.concrete and not field.choices
                and field.editable and (field.max_length or 100) >= len(HOSTILE) + 3):
            yield field


def plant_hostile_text() -> int:
    """Every free-text field of every register's rows holds HOSTILE; returns how many fields."""
    planted = 0
    for model in apps.get_models():
        if model._meta.app_label not in REGISTERS or model.__name__.startswith("Historical"):
            continue
        fields = list(text_fields(model))
        for row in model._default_manager.all():
            for field in fields:
                setattr(row, field.attname, f"{HOSTILE}{row.pk}")  # unique where references must be
                planted += 1
            row.save()
    return planted


def downloads(client, objects):
    for name in ALL_PATTERNS:
        rule = access.RULES[name]
        if rule["get"]["admin"] != access.OK:
            continue
        url = access.url_of(name, objects)
        response = client.get(url)
        if "attachment" not in response.get("Content-Disposition", ""):
            responses = [(f"{url}?format={fmt}", client.get(url, {"format": fmt})) for fmt in ("csv", "xlsx")]
        else:
            responses = [(url, response)]
        for where, response in responses:
            kind = response.get("Content-Type", "")
            if "attachment" in response.get("Content-Disposition", "") and ("csv" in kind or "spreadsheet" in kind):
                yield where, response


def test_every_export_survives_control_characters_and_formulas_in_every_text_field(cast, objects):
    planted = plant_hostile_text()
    for made in objects.values():
        made.refresh_from_db()
    assert planted >= 40

    seen = {}
    for url, response in downloads(client_for(cast["admin"]), objects):
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if "spreadsheetml" in response["Content-Type"]:
            sheet = load_workbook(io.BytesIO(body)).active
            cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
            assert all(cell.data_type == "s" for cell in cells), url
            hostile = [cell for cell in cells if cell.value.startswith("=1+1")]
            assert all(cell.quotePrefix for cell in hostile), f"{url}: formula-like text without a quote prefix"
            text = "\n".join(cell.value for cell in cells)
        else:
            cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
            assert not [c for c in cells if c.startswith("=")], f"{url}: formula-like text without an apostrophe"
            text = "\n".join(cells)
        assert not FORBIDDEN.search(text), f"{url} carries a control character"
        seen[url] = "=1+1\nline" in text
    # Every register's list exports, the plans summary and the training downloads were reached.
    assert len(seen) >= 14, sorted(seen)
    assert sum(seen.values()) >= 10, f"hostile text reached too few exports: {seen}"

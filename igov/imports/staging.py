"""Uploaded files waiting between preview and confirm, under MEDIA_ROOT/imports, named by their
SHA-256: a confirm form sends back only that checksum, never a path. Files never confirmed are
removed a day later (on the next upload): registers and staff lists hold personal data."""
import hashlib
import json
import re
import time
from pathlib import Path

from django.conf import settings

STAGED_FOR_SECONDS = 24 * 60 * 60
CHECKSUM = re.compile(r"^[0-9a-f]{64}$")


def checksum_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def staging_path(checksum: str, file_kind: str) -> Path:
    if not CHECKSUM.match(checksum or "") or file_kind not in ("csv", "xlsx"):
        raise FileNotFoundError("not a staged upload")
    return Path(settings.MEDIA_ROOT) / "imports" / f"{checksum}.{file_kind}"


def stage_upload(data: bytes, file_kind: str) -> str:
    """Keep an uploaded file until its preview is confirmed; returns its checksum."""
    checksum = checksum_of(data)
    path = staging_path(checksum, file_kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    stale = time.time() - STAGED_FOR_SECONDS
    for old in path.parent.iterdir():
        if old.is_file() and old.stat().st_mtime < stale:
            old.unlink(missing_ok=True)
    if not path.exists():
        path.write_bytes(data)
        path.chmod(0o600)
    return checksum


def staged_upload(checksum: str, file_kind: str) -> bytes:
    """The staged file's bytes, if it is there and still matches its checksum."""
    data = staging_path(checksum, file_kind).read_bytes()
    if checksum_of(data) != checksum:
        raise FileNotFoundError("the staged file has changed")
    return data


def discard_staged(checksum: str, file_kind: str) -> None:
    staging_path(checksum, file_kind).unlink(missing_ok=True)


def preview_path(checksum: str, kind: str, plan_id: int | None) -> Path:
    """Where a file's preview for one register (and plan) is kept, so its pages need not read the file again."""
    if not CHECKSUM.match(checksum or "") or not re.match(r"^[a-z]{1,20}$", kind or ""):
        raise FileNotFoundError("not a staged upload")
    return Path(settings.MEDIA_ROOT) / "imports" / f"{checksum}-{kind}-{int(plan_id or 0)}.json"


def save_preview(checksum: str, kind: str, plan_id: int | None, preview: dict) -> None:
    path = preview_path(checksum, kind, plan_id)
    path.write_text(json.dumps(preview))
    path.chmod(0o600)


def saved_preview(checksum: str, kind: str, plan_id: int | None) -> dict:
    return json.loads(preview_path(checksum, kind, plan_id).read_text())


def discard_preview(checksum: str, kind: str, plan_id: int | None) -> None:
    preview_path(checksum, kind, plan_id).unlink(missing_ok=True)

"""Concurrent signed-in users for a while: pairs of people (an officer and the IG team) editing the same
action at the same moment through its real edit form, each holding the version they loaded, and
members and the board reading dashboards. Counts errors, and checks afterwards, from each action's
history, that every accepted edit is there and no two were accepted from the same version (a lost
update). The second of a pair must get the conflict message.
"""
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from actions.models import Action, ProgressUpdate
from igov.benchmark.client import Client, form_fields

CONFLICT = "Someone else saved this record after you opened it"
READERS = [  # (demo user, the pages they keep opening)
    ("committee", ["/", "/committee/", "/training/", "/risks/"]),
    ("board", ["/", "/actions/list/", "/risks/"]),
    ("igteam", ["/training/", "/", "/assets/register/", "/actions/list/?status=in_progress"]),
]
EDITORS = ("officer", "igteam")


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    seconds: dict = field(default_factory=lambda: {"read": [], "edit": []})
    outcomes: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    accepted: list = field(default_factory=list)  # (action pk, version seen, note)

    def add(self, kind: str, seconds: float, outcome: str, detail: str = "") -> None:
        with self.lock:
            if seconds:
                self.seconds[kind].append(seconds)
            self.outcomes[outcome] += 1
            if outcome == "error":
                self.errors.append(detail)


def editable_actions(count: int) -> list[int]:
    """Actions in progress that the officer owns (both of a pair may edit them)."""
    return list(Action.objects.filter(owner__username="officer", status=Action.Status.IN_PROGRESS)
                .order_by("pk").values_list("pk", flat=True)[:count])


def run(base_url: str, seconds: float, users: int = 20, pairs: int = 4) -> dict:
    deadline = time.monotonic() + seconds
    tally = Tally()
    pks = editable_actions(pairs * 3)
    if len(pks) < pairs:
        raise RuntimeError("the load needs actions in progress owned by the demo officer")
    threads = []
    for n in range(pairs):
        state = {"stop": False}
        barrier = threading.Barrier(2, action=lambda s=state: s.update(stop=time.monotonic() > deadline))
        mine = pks[n::pairs]
        for who in EDITORS:
            threads.append(threading.Thread(target=_guarded, args=(
                tally, barrier, _editor, base_url, who, mine, barrier, state, tally)))
    for n in range(users - 2 * pairs):
        who, paths = READERS[n % len(READERS)]
        turn = n % len(paths)
        threads.append(threading.Thread(target=_guarded, args=(
            tally, None, _reader, base_url, who, paths[turn:] + paths[:turn], deadline, tally)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"users": users, "seconds": seconds, "editing_pairs": pairs, **summary(tally), **verify(tally.accepted)}


def _guarded(tally: Tally, barrier, work, *args) -> None:
    """Runs a user's work; anything unexpected is an error, and frees their partner (breaks the barrier)."""
    try:
        work(*args)
    except threading.BrokenBarrierError:
        pass
    except Exception as error:  # noqa: BLE001 (counted and shown, never hidden)
        tally.add("read", 0, "error", f"{work.__name__} stopped: {error!r}")
        if barrier is not None:
            barrier.abort()


def _signed_in(base_url: str, who: str) -> Client:
    client = Client(base_url)
    client.sign_in(who)
    return client


def _reader(base_url, who, paths, deadline, tally: Tally) -> None:
    client = _signed_in(base_url, who)
    n = 0
    while time.monotonic() < deadline:
        path = paths[n % len(paths)]
        n += 1
        try:
            answer = client.get(path)
        except OSError as error:
            tally.add("read", 0, "error", f"GET {path}: {error}")
            continue
        ok = answer.status == 200
        tally.add("read", answer.seconds, "read" if ok else "error", "" if ok else f"GET {path}: {answer.status}")


def _editor(base_url, who, pks, barrier: threading.Barrier, state: dict, tally: Tally) -> None:
    client = _signed_in(base_url, who)
    n = 0
    while True:
        barrier.wait(timeout=600)  # both of the pair start each round together; the barrier decides to stop
        if state["stop"]:
            return
        pk = pks[n % len(pks)]
        n += 1
        path = f"/actions/{pk}/edit/"
        try:
            fields = form_fields(client.get(path).text, "note")
        except (OSError, ValueError) as error:
            tally.add("edit", 0, "error", f"GET {path} as {who}: {error}")
            barrier.wait(timeout=600)
            continue
        seen = int(fields["seen_version"])
        note = f"Benchmark load: {who}'s edit {n} from version {seen}"
        barrier.wait(timeout=600)  # both post what they loaded, at once
        try:
            answer = client.post(path, {**fields, "note": note})
        except OSError as error:
            tally.add("edit", 0, "error", f"POST {path} as {who}: {error}")
            continue
        if answer.status == 302:
            tally.add("edit", answer.seconds, "saved")
            with tally.lock:
                tally.accepted.append((pk, seen, note))
        elif answer.status == 200 and CONFLICT in answer.text:
            tally.add("edit", answer.seconds, "conflict")
        else:
            tally.add("edit", answer.seconds, "error", f"POST {path} as {who}: {answer.status} {answer.text[:200]}")


def summary(tally: Tally) -> dict:
    def stats(values):
        ordered = sorted(values)
        if not ordered:
            return {"requests": 0}
        return {"requests": len(ordered), "p50_ms": round(statistics.median(ordered) * 1000, 1),
                "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000, 1)}

    return {"reads": stats(tally.seconds["read"]), "edits": stats(tally.seconds["edit"]),
            "outcomes": dict(tally.outcomes), "errors": len(tally.errors), "first_errors": tally.errors[:5]}


def verify(accepted: list[tuple[int, int, str]]) -> dict:
    """Lost updates: an accepted edit whose note or whose history row (the version after the one its
    person saw) is missing, or two edits accepted from the same version of one action."""
    notes = set(ProgressUpdate.objects.filter(note__startswith="Benchmark load:").values_list("action_id", "note"))
    versions = set(Action.history.filter(id__in={pk for pk, _s, _n in accepted})
                   .values_list("id", "version"))
    same_version = sum(count - 1 for count in Counter((pk, seen) for pk, seen, _n in accepted).values())
    missing = [(pk, seen) for pk, seen, note in accepted
               if (pk, note) not in notes or (pk, seen + 1) not in versions]
    return {"accepted_edits": len(accepted), "lost_updates": same_version + len(missing),
            "accepted_from_same_version": same_version, "accepted_but_missing": missing[:5]}

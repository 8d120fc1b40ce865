"""Results kept across requests (readmodel.per_state, issue 19): the dashboard's check run, its
cards and the print centre are computed once per state of the database and day, and never
served stale — a change through a POST, a change written by another process straight into the
file, and a new day each give a fresh count on the dashboard; a kept result belongs to one
conference."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import types

import pytest

from kehoach_app import checks, readmodel
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db

from .conftest import post

VERDICT = re.compile(
    r"(không có lỗi chặn|còn (\d+) lỗi chặn)</span>(?:, (\d+) cảnh báo)?\.", re.IGNORECASE
)


@pytest.fixture()
def runs(monkeypatch):
    """Counts the check runs; and lets a state be kept at once (the 2.5 s settling rule, which
    a test's freshly written file never passes, has a test of its own below)."""
    monkeypatch.setattr(readmodel, "SETTLE_NS", 0)
    calls = []
    real = checks.run_checks

    def counted(conference, today=None):
        calls.append(conference.id)
        return real(conference, today)

    monkeypatch.setattr(checks, "run_checks", counted)
    return calls


def counts(client, conference_id: int) -> tuple[int, int]:
    """(blocking, warnings) as the dashboard shows them."""
    response = client.get(f"/hoi-nghi/{conference_id}")
    assert response.status_code == 200
    match = VERDICT.search(response.get_data(as_text=True))
    assert match, "the dashboard shows no check verdict"
    return int(match.group(2) or 0), int(match.group(3) or 0)


def database_file(app) -> str:
    with app.app_context():
        return db.engine.url.database


def shift_today(monkeypatch, days: int) -> None:
    """Today as `days` after the real one, for the key and for the rules."""
    real = dt.date

    class Shifted(dt.date):
        @classmethod
        def today(cls):
            return real.fromordinal(real.today().toordinal() + days)

    fake = types.SimpleNamespace(date=Shifted, datetime=dt.datetime, timedelta=dt.timedelta)
    monkeypatch.setattr(readmodel, "dt", fake)
    monkeypatch.setattr(checks, "dt", fake)


def days_after_conference(app, conference_id: int, after: int) -> int:
    with app.app_context():
        day = db.session.get(Conference, conference_id).date
    return (day - dt.date.today()).days + after


def test_repeated_views_read_one_run(client, demo_id, runs):
    first = counts(client, demo_id)
    assert counts(client, demo_id) == first
    assert client.get(f"/hoi-nghi/{demo_id}/in").status_code == 200
    assert client.get(f"/hoi-nghi/{demo_id}/kiem-tra").status_code == 200
    assert runs == [demo_id]  # the dashboard, again, the print centre, the check page: one run


def test_a_change_by_another_process_gives_a_fresh_count(app, client, demo_id, runs):
    blocking, warnings = counts(client, demo_id)
    assert blocking == 0  # the demo has nothing blocking
    assert counts(client, demo_id) == (0, warnings) and len(runs) == 1
    # Another program writes the file (sqlite3, not this process's session): the signer's name
    # blank is one blocking problem more.
    connection = sqlite3.connect(database_file(app))
    connection.execute("UPDATE conferences SET signer_name = '' WHERE id = ?", (demo_id,))
    connection.commit()
    connection.close()
    assert counts(client, demo_id) == (1, warnings)
    assert len(runs) == 2


def test_a_new_day_gives_a_fresh_count(app, client, demo_id, runs, monkeypatch):
    before = counts(client, demo_id)
    assert counts(client, demo_id) == before and len(runs) == 1
    # The day after the conference: its tasks not done are overdue (tasks.deadline_passed).
    shift_today(monkeypatch, days_after_conference(app, demo_id, 1))
    blocking, _ = counts(client, demo_id)
    assert blocking > before[0]
    assert len(runs) == 2


def test_a_change_through_a_post_gives_a_fresh_count(app, client, demo_id, runs, monkeypatch):
    shift_today(monkeypatch, days_after_conference(app, demo_id, 1))
    blocking, warnings = counts(client, demo_id)
    assert blocking > 0 and len(runs) == 1
    page = client.get(f"/hoi-nghi/{demo_id}/kiem-tra").get_data(as_text=True)
    assert len(runs) == 1  # the check page read the kept run
    task_id = int(re.search(rf"/hoi-nghi/{demo_id}/nhiem-vu/(\d+)/sua", page).group(1))
    response = post(
        client,
        f"/hoi-nghi/{demo_id}/nhiem-vu/{task_id}/tinh-trang",
        {"status": "done"},
        page=f"/hoi-nghi/{demo_id}/nhiem-vu",
    )
    assert response.status_code == 302
    after = counts(client, demo_id)
    assert after[0] == blocking - 1
    assert len(runs) == 2


def test_kept_results_belong_to_one_conference(app, client, runs):
    from kehoach_app.demo import create_demo_conference

    with app.app_context():
        first = create_demo_conference()
        second = create_demo_conference()
        second.signer_name = ""
        db.session.commit()
        first_id, second_id = first.id, second.id
    one = counts(client, first_id)
    other = counts(client, second_id)
    assert other[0] == one[0] + 1  # the second's own run, not the first's kept one
    assert counts(client, first_id) == one and counts(client, second_id) == other
    assert runs == [first_id, second_id]


def test_a_freshly_written_database_is_not_kept(client, demo_id, monkeypatch):
    """The settling rule: files changed less than SETTLE_NS ago may change again within the same
    timestamp tick, so nothing read now is kept (the demo was written a moment ago)."""
    calls = []
    real = checks.run_checks
    monkeypatch.setattr(checks, "run_checks", lambda c, t=None: calls.append(1) or real(c, t))
    monkeypatch.setattr(readmodel, "SETTLE_NS", 3_600 * 10**9)
    counts(client, demo_id)
    counts(client, demo_id)
    assert len(calls) == 2


def test_a_post_reads_afresh(app, demo_id, runs):
    """Outside a GET nothing is kept: a POST that changed data reads what it changed."""
    with app.test_request_context(method="POST"):
        conference = db.session.get(Conference, demo_id)
        checks.checks_for_request(conference)
        checks.checks_for_request(conference)
    assert runs == [demo_id, demo_id]


def test_an_empty_wal_made_at_start_does_not_hold_the_kept_results_back(tmp_path):
    """SQLite creates the -wal empty whenever a process first opens the database: every start
    of the program touched it, and for 2.5 s after each start nothing was kept (the dashboard
    cost 35 ms a view instead of 2). An empty file holds no commit; a commit makes it grow, and
    a grown file just written is still too fresh to trust."""
    import time

    wal = tmp_path / "kehoach.sqlite3-wal"
    wal.write_bytes(b"")
    now = time.time_ns()
    empty = readmodel._file_state(str(wal), now)
    assert empty == (wal.stat().st_ino, 0, 0)
    wal.write_bytes(b"\0" * 4152)  # a commit's frame
    with pytest.raises(readmodel._Unsettled):
        readmodel._file_state(str(wal), time.time_ns())
    later = readmodel._file_state(str(wal), time.time_ns() + readmodel.SETTLE_NS)
    assert later is not None and later != empty

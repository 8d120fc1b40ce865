"""GET never writes (issue 19): every GET route of the URL map, fetched for the demo conference
with its arguments taken from the demo's own rows (downloads and every printout included),
leaves the database file exactly as it was — and sends no INSERT, UPDATE or DELETE at all, not
even one rolled back (a read that writes conflicts with the officer's other window)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, text

from kehoach_app.db import db

# The demo's rows that fill a route's arguments (besides conference_id), by blueprint and the
# route's other arguments; a query returns one row with those names as its columns.
ARGUMENT_ROWS: dict[tuple[str, tuple[str, ...]], str] = {
    ("agenda", ("item_id",)): "SELECT id AS item_id FROM agenda_items WHERE conference_id = :c",
    ("awards", ("award_id",)): "SELECT id AS award_id FROM awards WHERE conference_id = :c",
    ("awards", ("form_id",)): "SELECT form_id FROM awards WHERE conference_id = :c",
    ("awards", ("code",)): "SELECT f.code FROM award_forms f JOIN awards a ON a.form_id = f.id "
    "WHERE a.conference_id = :c",
    ("awards", ("form_id", "rate_id")): "SELECT form_id, id AS rate_id FROM award_rates",
    ("awards", ("rule_id",)): "SELECT id AS rule_id FROM award_rounding_rules",
    ("awards", ("salary_id",)): "SELECT id AS salary_id FROM base_salaries",
    ("budget", ("line_id",)): "SELECT id AS line_id FROM budget_lines WHERE conference_id = :c",
    ("budget", ("profile_id",)): "SELECT id AS profile_id FROM norm_profiles",
    ("budget", ("norm_id", "profile_id")): "SELECT profile_id, id AS norm_id FROM norms",
    ("decor", ("item_id",)): "SELECT id AS item_id FROM decor_items WHERE conference_id = :c",
    ("delegates", ("delegate_id",)): "SELECT id AS delegate_id FROM delegates "
    "WHERE conference_id = :c",
    ("delegates", ("group_id",)): "SELECT id AS group_id FROM delegate_groups "
    "WHERE conference_id = :c",
    ("tasks", ("task_id",)): "SELECT id AS task_id FROM tasks WHERE conference_id = :c",
    ("tasks", ("day_id",)): "SELECT id AS day_id FROM calendar_days",
}


def _argument_sets(app, rule, conference_id: int) -> list[dict]:
    """Every set of values the test fetches `rule` with."""
    blueprint = rule.endpoint.split(".")[0]
    others = tuple(sorted(a for a in rule.arguments if a != "conference_id"))
    base = {"conference_id": conference_id} if "conference_id" in rule.arguments else {}
    for name in rule.arguments:  # arguments the rule's defaults give (norm_id=None on "them")
        if name in (rule.defaults or {}):
            base[name] = rule.defaults[name]
    others = tuple(a for a in others if a not in base)
    if not others:
        return [base]
    if rule.endpoint == "conferences.printout":  # every printout in every format
        from kehoach_app.printouts import all_printouts

        return [{**base, "key": p.key, "fmt": fmt} for p in all_printouts() for fmt in p.formats]
    if others == ("preset_key",):
        from kehoach_app.presets import all_presets

        return [{**base, "preset_key": preset.key} for preset in all_presets()]
    if blueprint == "backups" and others == ("name",):
        from kehoach_app.backups.operations import list_backups

        backups = list_backups(Path(app.config["DATA_DIR"]))
        assert backups, "the test needs one backup to fetch"
        return [{**base, "name": backups[0].name}]
    query = ARGUMENT_ROWS.get((blueprint, others))
    assert query, f"{rule.endpoint} {rule.rule}: which demo row fills {others}? (ARGUMENT_ROWS)"
    row = db.session.execute(text(query + " ORDER BY 1 LIMIT 1"), {"c": conference_id}).first()
    assert row is not None, f"the demo has no row for {rule.endpoint} ({query})"
    return [{**base, **row._mapping}]


def get_urls(app, conference_id: int) -> list[str]:
    urls = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
                continue
            for values in _argument_sets(app, rule, conference_id):
                urls.append(rule.build(values, append_unknown=False)[1])
    return urls


def database_dump(app) -> list[str]:
    """The SQLite file as SQL, read by a connection of its own (what was committed)."""
    path = Path(app.config["DATA_DIR"]) / "kehoach.sqlite3"
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture()
def demo_with_every_row(app, client, demo_id):
    """The demo, plus the rows a GET route needs that the demo has none of (a day the officer
    added to the calendar, a backup), and a first visit as a browser makes."""
    from kehoach_app.backups.operations import make_backup
    from kehoach_app.tasks.models import CalendarDay

    with app.app_context():
        if db.session.scalar(text("SELECT count(*) FROM calendar_days")) == 0:
            db.session.add(CalendarDay(day=dt.date(2031, 1, 2), kind="off", reason="Nghỉ bù"))
        db.session.commit()
        data_dir = Path(app.config["DATA_DIR"])
        make_backup(data_dir / "kehoach.sqlite3", data_dir, "thu-cong")
    client.get("/")
    return demo_id


def test_the_walk_covers_every_part_and_the_downloads(app, demo_with_every_row):
    with app.app_context():
        urls = get_urls(app, demo_with_every_row)
    c = demo_with_every_row
    for url in (
        f"/hoi-nghi/{c}",
        f"/hoi-nghi/{c}/in",
        f"/hoi-nghi/{c}/du-toan",
        f"/hoi-nghi/{c}/ke-hoach",
        f"/hoi-nghi/{c}/in/tat-ca.zip",
        f"/hoi-nghi/{c}/in/du-toan.pdf",
        f"/hoi-nghi/{c}/khen-thuong/danh-sach.xlsx",
        f"/hoi-nghi/{c}/xuat-tep",
        "/danh-muc-khen-thuong",
    ):
        assert url in urls, url
    assert len([u for u in urls if "/in/" in u]) > 30  # every printout, every format


def test_no_get_route_writes(app, client, demo_with_every_row):
    writes: list[tuple[str, str]] = []
    current = {"url": ""}

    def count_writes(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append((current["url"], statement.split("\n")[0][:80]))

    with app.app_context():
        urls = get_urls(app, demo_with_every_row)
        engine = db.engine
    before = database_dump(app)
    event.listen(engine, "before_cursor_execute", count_writes)
    try:
        for url in urls:
            current["url"] = url
            response = client.get(url)
            assert response.status_code < 500, (url, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", count_writes)
    after = database_dump(app)
    assert writes == [], sorted(set(writes))
    changed = sorted(set(before) ^ set(after))
    assert changed == [], changed[:20]

"""Issue 18, items 4 and 10: control characters, characters the fonts cannot draw, and a
conference file nested deeply. Each attack as it was found, then the refusal or the clean text,
and the exports still answering."""

from __future__ import annotations

import io
import json
import sqlite3

import openpyxl
from sqlalchemy import select

from kehoach_app import create_app, glyphs
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from kehoach_app.forms import clean_form_data, strip_control_characters
from tests.conftest import post
from tests.security.test_csrf_and_hosts import database_fingerprint

EXPORT = "/hoi-nghi/{id}/dai-bieu/danh-sach.xlsx"


def delegate_named(app, conference_id: int, full_name: str) -> Delegate | None:
    """The conference's delegate of exactly that name (names below are not in the demo)."""
    with app.app_context():
        person = db.session.scalars(
            select(Delegate).where(
                Delegate.conference_id == conference_id, Delegate.full_name == full_name
            )
        ).one_or_none()
        if person is not None:
            db.session.expunge(person)
        return person


def workbook_names(raw: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    return [str(v) for row in book.worksheets[0].values for v in row if isinstance(v, str)]


def test_strip_control_characters_rule():
    text = "A\x00B\x0bC\x07D\u2028E\x85F\x9fG\tH\r\nI\x7f"
    assert strip_control_characters(text) == "AB\nCD\nE\nFG\tH\r\nI"
    assert strip_control_characters(text, multiline=False) == "AB CD E FG\tH I"
    assert strip_control_characters("Nguyễn Văn An") == "Nguyễn Văn An"
    from werkzeug.datastructures import MultiDict

    assert clean_form_data(MultiDict({"a": "x"})) is None
    assert clean_form_data(MultiDict({"a": "x\x00y\x0bz"}))["a"] == "xy\nz"


def test_the_delegate_form_saves_clean_text_and_the_workbook_downloads(app, client, demo_id):
    url = f"/hoi-nghi/{demo_id}/dai-bieu/them"
    response = post(
        client,
        url,
        {
            "honorific": "Đồng chí",
            "full_name": "Ôn\x00 Thị\x0bXoan",  # NUL and Word's soft line break, pasted
            "unit": "Xã\x0bTân\x0cHòa\x1b",
            "reply": "pending",
            "group_id": "",
            "notes": "Dòng một\x0bDòng hai\x00",
        },
        page=url,
    )
    assert response.status_code == 302
    person = delegate_named(app, demo_id, "Ôn Thị Xoan")  # one line: the soft break is a space
    assert person is not None
    assert (person.full_name, person.unit, person.notes) == (
        "Ôn Thị Xoan",
        "Xã Tân Hòa",
        "Dòng một\nDòng hai",  # several lines: a line break
    )
    export = client.get(EXPORT.format(id=demo_id))
    assert export.status_code == 200
    assert "Ôn Thị Xoan" in workbook_names(export.data)


def _run_migration_upgrade(db_path, number: str) -> None:
    """Run one migration file's upgrade() on a database, as Alembic would."""
    import importlib.util

    import sqlalchemy as sa
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    from kehoach_app import MIGRATIONS

    path = next((MIGRATIONS / "versions").glob(f"{number}_*.py"))
    spec = importlib.util.spec_from_file_location(f"migration_{number}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    engine = sa.create_engine(f"sqlite:///{db_path}")
    try:
        with engine.begin() as connection:
            with Operations.context(MigrationContext.configure(connection)):
                module.upgrade()
    finally:
        engine.dispose()


def test_rows_saved_before_are_cleaned_by_migration_0008(tmp_path):
    data = tmp_path / "data"
    app = create_app({"TESTING": True}, data_dir=data)
    with app.app_context():
        from kehoach_app.demo import create_demo_conference

        conference_id = create_demo_conference().id
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    # What the old forms let through, written as a 0007 database held it.
    with sqlite3.connect(data / "kehoach.sqlite3") as connection:
        connection.execute(
            "UPDATE delegates SET full_name = ?, notes = ? "
            "WHERE id = (SELECT min(id) FROM delegates)",
            ("Lò\x00 Thị\x0bBa", "Một\x0bHai\x01"),
        )
        connection.execute("UPDATE conferences SET venue = ?", ("Hội\x0btrường\x00",))
    # Migration 0008's own upgrade() on that file (the later migrations are already applied:
    # resetting the revision would run them twice).
    _run_migration_upgrade(data / "kehoach.sqlite3", "0008")
    app = create_app({"TESTING": True}, data_dir=data)
    try:
        person = delegate_named(app, conference_id, "Lò Thị Ba")
        assert person is not None
        assert (person.full_name, person.notes) == ("Lò Thị Ba", "Một\nHai")
        with app.app_context():
            assert db.session.get(Conference, conference_id).venue == "Hội trường"
        export = app.test_client().get(EXPORT.format(id=conference_id))
        assert export.status_code == 200
        assert "Lò Thị Ba" in workbook_names(export.data)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_the_excel_import_strips_control_characters(app, client, demo_id):
    from tests.delegates.test_delegates_excel import HEADERS, confirm, token_of, upload

    # XML 1.0 cannot hold NUL or \v, but it can hold C1 controls and DEL: a file can carry them
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    row = dict.fromkeys(HEADERS, "")
    row[HEADERS[1]] = "Khổng\x7f Minh\x85Chín\x9f"
    book.active.append([row[h] for h in HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    html = upload(client, demo_id, buffer.getvalue()).get_data(as_text=True)
    token = token_of(html)
    assert token, html
    assert confirm(client, demo_id, token).status_code == 302
    person = delegate_named(app, demo_id, "Khổng Minh Chín")
    assert person is not None and person.full_name == "Khổng Minh Chín"
    assert client.get(EXPORT.format(id=demo_id)).status_code == 200


def conference_file(app, demo_id) -> dict:
    from kehoach_app import transfer

    with app.app_context():
        return transfer.export_conference(db.session.get(Conference, demo_id))


def import_file(client, raw: bytes):
    return post(
        client,
        "/nhap-tep",
        {"file": (io.BytesIO(raw), "hoi-nghi.json")},
        page="/nhap-tep",
        content_type="multipart/form-data",
    )


def test_the_conference_file_import_strips_control_characters(app, client, demo_id):
    document = conference_file(app, demo_id)
    document["conference"]["title"] = "Hội nghị\x0btổng kết\x00 năm 2026"
    document["delegates"]["people"][0]["full_name"] = "Ông\x00 Văn\x0bMười"
    response = import_file(client, json.dumps(document).encode("utf-8"))
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    new_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    with app.app_context():
        assert db.session.get(Conference, new_id).title == "Hội nghị\ntổng kết năm 2026"
    assert delegate_named(app, new_id, "Ông Văn Mười") is not None
    assert client.get(EXPORT.format(id=new_id)).status_code == 200


def test_a_deeply_nested_conference_file_is_refused_with_a_message(app, client, demo_id):
    before = database_fingerprint(app)
    for depth in (100_000, 40):  # RecursionError in json.loads; deep but parseable
        raw = ("[" * depth + "]" * depth).encode()
        document = conference_file(app, demo_id)
        document["delegates"]["x"] = "NESTED"
        raw = json.dumps(document).replace('"NESTED"', raw.decode()).encode()
        response = import_file(client, raw)
        html = " ".join(response.get_data(as_text=True).split())
        assert response.status_code == 400
        assert "Tệp lồng nhau quá sâu" in html
    # nothing imported (the backup taken before the import is in the backup folder, not here)
    assert database_fingerprint(app) == before


def test_an_emoji_is_refused_when_saved_with_a_message_naming_it(app, client, demo_id):
    before = database_fingerprint(app)
    url = f"/hoi-nghi/{demo_id}/dai-bieu/them"
    response = post(
        client,
        url,
        {"honorific": "Đồng chí", "full_name": "Trần Văn Vui 😀", "reply": "pending"},
        page=url,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200  # the form again, not saved
    assert "Có ký tự không in được bằng phông chữ của văn bản: “😀” (U+1F600)" in html
    assert "Trần Văn Vui 😀" in html  # what was typed is shown back to be corrected
    assert database_fingerprint(app) == before
    # every Vietnamese letter, the typographic quotes and the đồng sign print
    assert glyphs.undrawable("ẮẰẲẴẶắằẳẵặỆệỸỹĐđ “” ‘’ – — … ₫ № °") == []


def test_an_emoji_in_a_conference_file_is_reported_not_dropped(app, client, demo_id):
    before = database_fingerprint(app)
    document = conference_file(app, demo_id)
    document["conference"]["title"] = "Hội nghị tổng kết 🎉"
    response = import_file(client, json.dumps(document).encode("utf-8"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "“🎉” (U+1F389)" in html
    assert database_fingerprint(app) == before

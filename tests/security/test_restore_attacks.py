"""Issue 18, items 1 and 2: a restore installs only what this program wrote. Each attack is
reproduced as it was found, then refused with a Vietnamese reason while the live database —
its rows and its schema — stays exactly as it was and every page still answers."""

from __future__ import annotations

import shutil
import sqlite3
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kehoach_app.backups import operations
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from tests.conftest import post
from tests.security.test_csrf_and_hosts import database_fingerprint


def live_schema(app) -> frozenset:
    connection = sqlite3.connect(Path(app.config["DATA_DIR"]) / "kehoach.sqlite3")
    try:
        return operations.schema_objects(connection)
    finally:
        connection.close()


def copy_of_live(app, tmp_path: Path, change: str = "") -> Path:
    """A true backup of the live data, then `change` run on it with the sqlite3 tool's powers."""
    data = Path(app.config["DATA_DIR"])
    path = operations.make_backup(data / "kehoach.sqlite3", data, "thu-cong")
    target = tmp_path / "sua.sqlite3"
    shutil.move(path, target)
    if change:
        connection = sqlite3.connect(target)
        connection.executescript(change)
        connection.commit()
        connection.close()
    return target


def upload(client, raw: bytes):
    return post(
        client,
        "/sao-luu/tai-len",
        {"file": (BytesIO(raw), "sao-luu.sqlite3")},
        page="/sao-luu",
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def restore_from_list(app, client, source: Path):
    """The same file put in the backup folder under a backup's name, restored from the list."""
    name = "kehoach-2026-01-02_030405-thu-cong.sqlite3"
    shutil.copyfile(source, operations.backup_dir(Path(app.config["DATA_DIR"])) / name)
    page = f"/sao-luu/tep/{name}/khoi-phuc"
    return post(client, page, page=page, follow_redirects=True)


def text_of(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


def assert_refused(app, client, demo_id, response, before, schema, *messages):
    assert response.status_code == 200
    html = text_of(response)
    assert "Không khôi phục được" in html and "Dữ liệu hiện tại không thay đổi" in html
    for message in messages:
        assert message in html, message
    assert database_fingerprint(app) == before
    assert live_schema(app) == schema
    for page in ("/", f"/hoi-nghi/{demo_id}", f"/hoi-nghi/{demo_id}/dai-bieu"):
        assert client.get(page).status_code == 200, page
    # nothing of the refused file is left in the backup folder's working files
    assert not list(operations.backup_dir(Path(app.config["DATA_DIR"])).glob("*.partial*"))


def two_table_file(tmp_path: Path, revision: str) -> Path:
    """The first attack: only alembic_version and conferences."""
    path = tmp_path / "hai-bang.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
        f"INSERT INTO alembic_version VALUES ('{revision}');"
        "CREATE TABLE conferences (id INTEGER PRIMARY KEY, title TEXT);"
        "INSERT INTO conferences VALUES (1, 'Giả');"
    )
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("way", ["upload", "list"])
def test_a_file_with_two_tables_at_revision_0001_is_refused(app, client, demo_id, tmp_path, way):
    before, schema = database_fingerprint(app), live_schema(app)
    source = two_table_file(tmp_path, "0001")
    response = (
        upload(client, source.read_bytes())
        if way == "upload"
        else restore_from_list(app, client, source)
    )
    assert_refused(app, client, demo_id, response, before, schema, "không đúng với phiên bản 0001")


@pytest.mark.parametrize("way", ["upload", "list"])
def test_a_backup_of_a_newer_version_is_refused_without_hanging(
    app, client, demo_id, tmp_path, way
):
    before, schema = database_fingerprint(app), live_schema(app)
    source = copy_of_live(app, tmp_path, "UPDATE alembic_version SET version_num = '9999';")
    response = (
        upload(client, source.read_bytes())
        if way == "upload"
        else restore_from_list(app, client, source)
    )
    assert_refused(
        app,
        client,
        demo_id,
        response,
        before,
        schema,
        "bản sao lưu của phiên bản mới hơn",
        "Hãy cập nhật chương trình",
    )


TRIGGER = """
CREATE TRIGGER xoa_het AFTER INSERT ON delegates
BEGIN DELETE FROM delegates WHERE id <> NEW.id; END;
"""


@pytest.mark.parametrize("way", ["upload", "list"])
def test_a_copy_with_an_added_trigger_is_refused(app, client, demo_id, tmp_path, way):
    before, schema = database_fingerprint(app), live_schema(app)
    source = copy_of_live(app, tmp_path, TRIGGER)
    response = (
        upload(client, source.read_bytes())
        if way == "upload"
        else restore_from_list(app, client, source)
    )
    assert_refused(
        app,
        client,
        demo_id,
        response,
        before,
        schema,
        "không do chương trình tạo ra",
        "trigger “xoa_het”",
    )
    # adding a delegate now adds one and deletes none
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Delegate))
    url = f"/hoi-nghi/{demo_id}/dai-bieu/them"
    post(client, url, {"full_name": "Trần Thị Mới", "reply": "pending"}, page=url)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Delegate)) == count + 1


@pytest.mark.parametrize(
    "change, message",
    [
        ("CREATE VIEW nhin AS SELECT * FROM delegates;", "view “nhin”"),
        ("CREATE TABLE them (x);", "bảng “them”"),
        (
            "DROP INDEX IF EXISTS ix_delegates_conference_id;"
            "CREATE INDEX ix_delegates_conference_id ON delegates (full_name);",
            "chỉ mục",
        ),
    ],
)
def test_other_foreign_schema_objects_are_refused(app, client, demo_id, tmp_path, change, message):
    before, schema = database_fingerprint(app), live_schema(app)
    response = upload(client, copy_of_live(app, tmp_path, change).read_bytes())
    assert_refused(app, client, demo_id, response, before, schema, message)


def test_broken_links_are_refused(app, client, demo_id, tmp_path):
    before, schema = database_fingerprint(app), live_schema(app)
    source = copy_of_live(
        app,
        tmp_path,
        "PRAGMA foreign_keys=OFF; UPDATE delegates SET conference_id = 4242 "
        "WHERE id = (SELECT min(id) FROM delegates);",
    )
    response = upload(client, source.read_bytes())
    assert_refused(app, client, demo_id, response, before, schema, "trỏ tới dòng không còn")


def test_an_older_backup_is_upgraded_on_a_copy_and_restored(app, client, demo_id, tmp_path):
    old = tmp_path / "cu.sqlite3"
    operations.upgrade_file(old, "0006")  # what an earlier version of the program wrote
    connection = sqlite3.connect(old)
    row = connection.execute("SELECT * FROM conferences").fetchall()
    assert row == []
    connection.close()
    response = upload(client, old.read_bytes())
    assert "Đã khôi phục dữ liệu từ tệp tải lên" in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Conference)) == 0
        version = db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalar()
    assert version == operations.known_revisions()[-1]
    assert client.get("/").status_code == 200
    reasons = [b.reason for b in operations.list_backups(Path(app.config["DATA_DIR"]))]
    assert "truoc-khoi-phuc" in reasons  # the demo is still there, in a backup


# The review of issue 18's work: a trigger written straight into sqlite_master under a name
# SQLite uses for its own tables, which the schema check used to skip.
HIDDEN_TRIGGER = """
PRAGMA writable_schema=ON;
INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql) VALUES('trigger','sqlite_stat9',
'delegates',0,'CREATE TRIGGER sqlite_stat9 AFTER INSERT ON delegates BEGIN DELETE FROM delegates
WHERE id<>new.id; END');
"""


def test_the_hidden_trigger_loads_in_sqlite(app, demo_id, tmp_path):
    """The attack is real: opened normally, the file's trigger fires."""
    source = copy_of_live(app, tmp_path, HIDDEN_TRIGGER)
    connection = sqlite3.connect(source)
    try:
        before = connection.execute("SELECT count(*) FROM delegates").fetchone()[0]
        assert before > 2
        connection.executescript(
            "CREATE TEMP TABLE mot AS SELECT * FROM delegates LIMIT 1;"
            "UPDATE mot SET id = NULL, check_in_code = 'ZZZZZZ';"
            "INSERT INTO delegates SELECT * FROM mot;"
        )
        assert connection.execute("SELECT count(*) FROM delegates").fetchone()[0] == 1
    finally:
        connection.close()


@pytest.mark.parametrize("way", ["upload", "list"])
def test_a_trigger_hidden_under_an_sqlite_name_is_refused(app, client, demo_id, tmp_path, way):
    before, schema = database_fingerprint(app), live_schema(app)
    source = copy_of_live(app, tmp_path, HIDDEN_TRIGGER)
    response = (
        upload(client, source.read_bytes())
        if way == "upload"
        else restore_from_list(app, client, source)
    )
    assert_refused(
        app,
        client,
        demo_id,
        response,
        before,
        schema,
        "không do chương trình tạo ra",
        "trigger “sqlite_stat9”",
    )
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Delegate))
    url = f"/hoi-nghi/{demo_id}/dai-bieu/them"
    post(client, url, {"full_name": "Trần Thị Mới", "reply": "pending"}, page=url)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Delegate)) == count + 1


def _write_schema_row(kind: str, name: str, sql: str) -> str:
    return (
        "PRAGMA writable_schema=ON; INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql) "
        f"VALUES('{kind}','{name}','delegates',0,'{sql}');"
    )


_WIPE = "AFTER INSERT ON delegates BEGIN DELETE FROM delegates WHERE id<>new.id; END"


@pytest.mark.parametrize(
    "change, message",
    [
        # any sqlite_… name but ANALYZE's two tables is compared like every other object
        (
            _write_schema_row(
                "trigger", "sqlite_autoindex_x_1", f"CREATE TRIGGER sqlite_autoindex_x_1 {_WIPE}"
            ),
            "trigger “sqlite_autoindex_x_1”",
        ),
        (
            _write_schema_row(
                "trigger", "sqlite_sequence", f"CREATE TRIGGER sqlite_sequence {_WIPE}"
            ),
            "không do chương trình tạo ra",
        ),
        # ANALYZE's name with a trigger's SQL, or a type that disagrees with the SQL: SQLite
        # itself refuses to load the schema when the copy is opened normally
        (
            _write_schema_row("table", "sqlite_stat1", f"CREATE TRIGGER sqlite_stat1 {_WIPE}"),
            "bị hỏng",
        ),
        (
            _write_schema_row("index", "ix_khac", f"CREATE TRIGGER ix_khac {_WIPE}"),
            "bị hỏng",
        ),
    ],
)
def test_other_hand_written_schema_rows_are_refused(
    app, client, demo_id, tmp_path, change, message
):
    before, schema = database_fingerprint(app), live_schema(app)
    response = upload(client, copy_of_live(app, tmp_path, change).read_bytes())
    assert_refused(app, client, demo_id, response, before, schema, message)


def test_analyze_statistics_do_not_refuse_a_sound_copy(app, client, tmp_path):
    source = copy_of_live(app, tmp_path, "ANALYZE;")
    with sqlite3.connect(source) as connection:
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert "sqlite_stat1" in names
    response = upload(client, source.read_bytes())
    assert "Đã khôi phục dữ liệu từ tệp tải lên" in text_of(response)


# Rows that fit no page: the file is sound SQLite with the right schema, but a value has a type
# the app cannot read (every page answered 500 after the restore).
@pytest.mark.parametrize(
    "change, message",
    [
        (
            "UPDATE conferences SET date = 'không phải ngày', start_time = 'xx';",
            "bảng conferences, cột date: giá trị không phải ngày (năm-tháng-ngày)",
        ),
        (
            "UPDATE conferences SET start_time = 'xx';",
            "bảng conferences, cột start_time: giá trị không phải giờ (giờ:phút:giây)",
        ),
        (
            "UPDATE delegates SET full_name = x'00ff';",
            "bảng delegates, cột full_name: giá trị không phải chữ",
        ),
        (
            "UPDATE conferences SET title = zeroblob(10);",
            "bảng conferences, cột title: giá trị không phải chữ",
        ),
        (
            "UPDATE conferences SET date = '2026-02-30';",
            "bảng conferences, cột date: giá trị không phải ngày",
        ),
        (
            "UPDATE delegates SET full_name = CAST(x'41ff42' AS TEXT);",
            "bảng delegates, cột full_name: chữ có ký tự hỏng hoặc ký tự điều khiển",
        ),
        (
            "UPDATE delegates SET full_name = 'A' || char(11) || 'B';",
            "bảng delegates, cột full_name: chữ có ký tự hỏng hoặc ký tự điều khiển",
        ),
        (
            "UPDATE delegates SET presidium = 2;",
            "bảng delegates, cột presidium: giá trị không phải 0 hoặc 1",
        ),
        (
            "UPDATE delegates SET protocol_rank = 1.5;",
            "bảng delegates, cột protocol_rank: giá trị không phải số nguyên",
        ),
        (
            "UPDATE conferences SET created_at = '2026-01-01T10:00:00';",
            "bảng conferences, cột created_at: giá trị không phải ngày giờ",
        ),
    ],
)
def test_rows_the_app_cannot_read_are_refused(app, client, demo_id, tmp_path, change, message):
    before, schema = database_fingerprint(app), live_schema(app)
    source = copy_of_live(app, tmp_path, change)
    response = upload(client, source.read_bytes())
    assert_refused(app, client, demo_id, response, before, schema, message)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            "UPDATE conferences SET date='không phải ngày', start_time='xx';",
            "bảng conferences, cột date",
        ),
        ("UPDATE delegates SET full_name=x'00ff';", "bảng delegates, cột full_name"),
        ("UPDATE conferences SET title=zeroblob(10);", "bảng conferences, cột title"),
    ],
)
def test_rows_the_app_cannot_read_are_refused_from_the_list(
    app, client, demo_id, tmp_path, change, message
):
    before, schema = database_fingerprint(app), live_schema(app)
    response = restore_from_list(app, client, copy_of_live(app, tmp_path, change))
    assert_refused(app, client, demo_id, response, before, schema, message)


def test_the_value_check_accepts_a_thousand_good_delegates(app, demo_id, tmp_path):
    """A thousand well-typed rows pass the value check (its speed is not timed here: timings
    belong in bench/)."""
    source = copy_of_live(app, tmp_path)
    connection = sqlite3.connect(source)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(delegates)")]
        values = connection.execute("SELECT * FROM delegates LIMIT 1").fetchone()
        first = dict(zip(columns, values, strict=True))
        for n in range(1000):
            row = {**first, "id": None, "full_name": f"Đại biểu số {n + 1}"}
            row["check_in_code"] = f"Z{n:05d}"
            names = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            connection.execute(
                f"INSERT INTO delegates ({names}) VALUES ({marks})", list(row.values())
            )
        connection.commit()
        assert connection.execute("SELECT count(*) FROM delegates").fetchone()[0] > 1000
        operations._check_values(connection)  # raises BackupError on a bad value
    finally:
        connection.close()

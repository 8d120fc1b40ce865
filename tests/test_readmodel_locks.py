"""The token of the database's state never opens the database's files (attack review of
04/12/2026): on Linux and macOS closing any handle of a file drops every POSIX lock the process
holds on it — SQLite's too — and the next program to open the database then deleted the live
-wal, losing the saves the server had acknowledged."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from kehoach_app import readmodel


def test_reading_the_state_keeps_the_servers_locks(tmp_path, monkeypatch):
    database = tmp_path / "kehoach.sqlite3"
    server = sqlite3.connect(database, isolation_level=None)
    server.execute("PRAGMA journal_mode=WAL")
    server.execute("PRAGMA wal_autocheckpoint=0")  # the saves stay in the -wal, as in use
    server.execute("CREATE TABLE arrivals (code TEXT)")
    server.execute("INSERT INTO arrivals VALUES ('A')")
    monkeypatch.setattr(readmodel, "SETTLE_NS", 0)
    assert readmodel.state_token(str(database)) is not None
    # another program (the command line, sqlite3, a backup) opens and closes the database
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            " c.execute('SELECT count(*) FROM arrivals').fetchall(); c.close()",
            str(database),
        ],
        check=True,
    )
    server.execute("INSERT INTO arrivals VALUES ('B')")  # acknowledged to the usher
    reader = sqlite3.connect(database)
    assert reader.execute("SELECT code FROM arrivals ORDER BY code").fetchall() == [("A",), ("B",)]
    reader.close()
    server.close()

"""The delegates' printouts read through the one reader (delegates/reading.py) and draw through
the printing layer's public API (issue 19, maintainers' item)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from kehoach_app.db import db
from kehoach_app.delegates import printout as P
from kehoach_app.delegates import reading
from kehoach_app.delegates.models import Delegate
from kehoach_app.printouts import get_printout
from kehoach_app.readmodel import shared_reads
from tests.delegates.test_printout_delegates import PROTOCOL, _conference, table_rows
from tests.delegates.test_reading import _reads_delegates, statements

APP = Path(__file__).resolve().parents[2] / "kehoach_app"
DELEGATE_KEYS = (
    "giay-moi",
    "nhan-phong-bi",
    "so-theo-doi-giay-moi",
    "danh-sach-dai-bieu",
    "danh-sach-ky-nhan",
)


@pytest.fixture()
def conference(app):
    """The hand-made xã conference of test_printout_delegates (five delegates, three groups)."""
    with app.app_context():
        yield _conference()


def _imports(path: Path) -> dict[str, set[str]]:
    """module → the names a file imports from it (relative modules written as they are,
    "..printing.pdf")."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            found.setdefault(module, set()).update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found.setdefault(alias.name, set())
    return found


def test_the_printouts_reach_no_renderer_internals_and_read_no_delegate_themselves():
    for path in (APP / "delegates" / "printout.py", APP / "checkin" / "printout.py"):
        imports = _imports(path)
        assert not [m for m in imports if m.endswith(("printing.pdf", "printing.docx"))], path
        names = set().union(*imports.values())
        # delegates and groups come from the one reader (delegates.reading), never the models
        assert not names & {"Delegate", "DelegateGroup"}, path
    own = _imports(APP / "delegates" / "printout.py")
    assert "sqlalchemy" not in own and "..db" not in own


def test_the_adapters_read_the_readers_rows_with_the_day_the_invitation_went(conference):
    rows = P.conference_delegates(conference)
    assert rows and all(isinstance(r, reading.DelegateRow) for r in rows)
    sent = {r.full_name: r.invitation_sent_on for r in rows}
    assert sent["Trần Thị Ỷ Lan"] == dt.date(2027, 1, 8)
    assert sent["Lê Văn Bình"] is None
    assert all(isinstance(g, reading.GroupRow) for g in P.conference_groups(conference))


def test_orm_rows_a_view_selected_print_as_the_readers_rows(conference):
    """The print page passes the ORM rows it selected (a group, ticked rows): the adapters read
    the same names on both, and the documents say the same."""
    orm = list(db.session.scalars(select(Delegate).where(Delegate.conference_id == conference.id)))
    light = P.conference_delegates(conference)
    for build in (P.tracking_sheet_pdf, P.sign_in_sheet_pdf, P.delegate_list_pdf):
        assert table_rows(build(conference, orm)) == table_rows(build(conference, light)), build
    assert P.invitation_data(conference, orm).guests == P.invitation_data(conference, light).guests
    names = [g.full_name for g in P.invitation_data(conference, light).guests]
    assert names == PROTOCOL


def test_a_set_of_the_delegate_printouts_reads_the_delegates_once(app, conference):
    with statements(db.engine) as seen, shared_reads():
        for key in DELEGATE_KEYS:
            printout = get_printout(key)
            for fmt in printout.formats:
                assert printout.build(conference, fmt).startswith((b"%PDF", b"PK"))
    assert len(_reads_delegates(seen)) == 1, _reads_delegates(seen)

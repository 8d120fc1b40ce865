"""The one reader of a conference's delegates and groups (issue 19, delegates/reading.py): one
query per GET request, shared by the parts; the awards state reads no group lazily and reads no
delegate for the money the budget takes."""

from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import event, select

from kehoach_app.awards import operations as awards_operations
from kehoach_app.awards.models import Award, AwardForm
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates import reading
from kehoach_app.delegates.models import Delegate, DelegateGroup
from tests.delegates.conftest import AWARDED, LEADERS, make_conference

# A SELECT that reads the delegates table (counts included).
_FROM_DELEGATES = re.compile(r"\bFROM delegates\b|\bJOIN delegates\b")


@contextmanager
def statements(engine):
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _reads_delegates(seen: list[str]) -> list[str]:
    return [
        s for s in seen if s.lstrip().upper().startswith("SELECT") and _FROM_DELEGATES.search(s)
    ]


def _reader_queries(seen: list[str]) -> list[str]:
    # The reader's own statement: the delegates with their group's name joined.
    return [
        s
        for s in _reads_delegates(seen)
        if "delegate_groups.name" in s and "delegates.check_in_code" in s
    ]


def _add_people(conference_id: int, count: int) -> None:
    groups = db.session.scalars(
        select(DelegateGroup).where(DelegateGroup.conference_id == conference_id)
    ).all()
    db.session.add_all(
        Delegate(
            conference_id=conference_id,
            group_id=groups[i % len(groups)].id,
            full_name=f"Đại biểu số {i + 1}",
            position="Chủ tịch Ủy ban nhân dân xã" if i % 7 == 0 else "Cán bộ",
            unit="Ủy ban nhân dân xã Tân Hòa",
            reply="absent" if i % 5 == 0 else "attending",
        )
        for i in range(count)
    )
    db.session.flush()


def _add_awards(conference_id: int) -> None:
    """Four awards, two of them received by a delegate (the receiver is looked up by id)."""
    form = db.session.scalars(select(AwardForm).order_by(AwardForm.id)).first()
    receivers = db.session.scalars(
        select(Delegate.id).where(Delegate.conference_id == conference_id).order_by(Delegate.id)
    ).all()
    for number in range(4):
        db.session.add(
            Award(
                conference_id=conference_id,
                form_id=form.id,
                position=number + 1,
                recipient_kind="individual" if number % 2 else "collective",
                name=f"Người nhận {number + 1}",
                receiver_delegate_id=receivers[number] if number < 2 else None,
            )
        )
    db.session.flush()


def test_the_reader_reads_rows_with_their_group_in_one_query(app):
    with app.app_context():
        conference_id = make_conference()
        with statements(db.engine) as seen:
            rows = reading.delegate_rows(conference_id)
        assert len(seen) == 1
        assert [(r.full_name, r.group_name, r.group_position) for r in rows] == [
            ("Nguyễn Văn An", LEADERS, 1),
            ("Trần Thị Ánh", LEADERS, 1),
            ("Đặng Quốc Dũng", AWARDED, 2),
        ]
        seating = reading.seating_person(rows[0])
        assert (seating.honorific, seating.presidium, seating.protocol_rank) == ("Ông", True, 1)
        award = reading.award_person(rows[2])
        assert (award.full_name, award.absent, award.unit) == (
            "Đặng Quốc Dũng",
            False,
            "Tổ hợp tác lúa Mỹ Lộc",
        )
        # The ORM mapping the forms use gives the same person as the reader's.
        delegate = db.session.get(Delegate, rows[0].id)
        assert awards_operations.person(delegate) == reading.award_person(rows[0])
        assert [g.name for g in reading.group_rows(conference_id)] == [LEADERS, AWARDED]


def _awards_state_queries(app, extra: int) -> tuple[int, int, int, list]:
    """(queries of the money alone, queries of the whole state, delegate reads, the ceremony's
    people) for a conference with `extra` delegates more."""
    with app.app_context():
        conference_id = make_conference()
        _add_people(conference_id, extra)
        _add_awards(conference_id)
        db.session.commit()
        conference = db.session.get(Conference, conference_id)
        with statements(db.engine) as money_seen:
            state = awards_operations.load(conference)
            _ = state.money, state.items, state.counted
        money_reads = _reads_delegates(money_seen)
        with statements(db.engine) as seen:
            state = awards_operations.load(conference)
            _ = state.money, state.items, state.ceremony, state.recipients, state.overview()
        receivers = [r.receiver.full_name for r in state.recipients if r.receiver]
        assert money_reads == []  # the budget's inputs read no delegate
        return len(money_seen), len(seen), len(_reads_delegates(seen)), receivers


def test_the_awards_state_reads_no_group_lazily(app, tmp_path):
    small = _awards_state_queries(app, 10)
    from kehoach_app import create_app

    other = create_app({"TESTING": True}, data_dir=tmp_path / "other")
    large = _awards_state_queries(other, 200)
    # As many queries for 13 delegates as for 203: none per delegate or per group.
    assert small[:3] == large[:3]
    assert small[2] == 1  # the one reader's query
    assert small[3] == large[3] == ["Nguyễn Văn An", "Trần Thị Ánh"]


def test_the_plan_page_reads_the_delegates_once(app, client, demo_id):
    with app.app_context():
        _add_people(demo_id, 120)
        db.session.commit()
        engine = db.engine
    for page in ("ke-hoach", "kiem-tra", ""):
        url = f"/hoi-nghi/{demo_id}/{page}".rstrip("/")
        with statements(engine) as seen:
            response = client.get(url)
        assert response.status_code == 200, url
        reads = _reads_delegates(seen)
        # The plan reads no delegate list (the budget total takes the award money alone); the
        # check page and the dashboard read it once for awards and seating together. No query
        # per delegate (their number is far below the 120 added).
        assert len(_reader_queries(seen)) == (0 if page == "ke-hoach" else 1), url
        assert len(reads) < 10, (url, reads)

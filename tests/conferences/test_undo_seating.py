"""Automatic seating reads the award batches for itself (issue 19): the same batches as the awards
part's own ceremony plan, and nothing from the awards part when no award names a delegate."""

from __future__ import annotations

from sqlalchemy import select, update

from kehoach_app.awards import operations as awards
from kehoach_app.awards.models import Award
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from kehoach_app.seating import operations as seating


def _awards_part_batches(conference) -> list[list[int]]:
    state = awards._load(conference)
    out = [[r.receiver.id for r in b.recipients if r.receiver] for b in state.ceremony.batches]
    return [ids for ids in out if ids]


def test_the_batches_are_the_awards_parts(app, demo_id):
    with app.test_request_context(method="POST"):
        conference = db.session.get(Conference, demo_id)
        people = db.session.scalars(
            select(Delegate.id).where(Delegate.conference_id == demo_id).order_by(Delegate.id)
        ).all()
        award_ids = db.session.scalars(
            select(Award.id).where(Award.conference_id == demo_id).order_by(Award.id)
        ).all()
        assert len(award_ids) >= 4
        for award_id, person_id in zip(award_ids, people[3:], strict=False):
            db.session.execute(
                update(Award).where(Award.id == award_id).values(receiver_delegate_id=person_id)
            )
        db.session.commit()
        expected = _awards_part_batches(conference)
        assert sum(len(b) for b in expected) >= 4
        assert seating.award_batches(conference) == expected


def test_no_award_names_a_delegate_one_query(app, demo_id):
    from sqlalchemy import event

    with app.test_request_context(method="POST"):
        db.session.execute(
            update(Award).where(Award.conference_id == demo_id).values(receiver_delegate_id=None)
        )
        db.session.commit()
        conference = db.session.get(Conference, demo_id)
        statements = []

        def count(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert seating.award_batches(conference) == []
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert len(statements) == 1 and "FROM awards" in statements[0]

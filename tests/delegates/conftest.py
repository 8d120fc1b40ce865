"""A small hand-made conference with two groups and three delegates, and helpers to read it."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.conferences import operations as conference_operations
from kehoach_app.conferences.presetting import preset_form_values
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate, DelegateGroup
from kehoach_app.presets import get_preset

LEADERS = "Lãnh đạo Ủy ban nhân dân"
AWARDED = "Các tập thể, cá nhân được khen thưởng"


def make_conference(title_suffix: str = "", with_people: bool = True) -> int:
    """A conference with no preset parts, two groups and three delegates (inside an app context)."""
    values = preset_form_values(
        get_preset("tong_ket.xa"), dt.date(2026, 11, 20), issuer="Ủy ban nhân dân xã Tân Hòa"
    )
    values["place_name"] = "Tân Hòa"
    values["planned_delegates"] = 14  # the groups below are its breakdown: 4 + 10
    values["title"] += title_suffix
    conference = conference_operations.create_conference(values)
    leaders = DelegateGroup(conference_id=conference.id, position=1, name=LEADERS, planned=4)
    awarded = DelegateGroup(conference_id=conference.id, position=2, name=AWARDED, planned=10)
    db.session.add_all([leaders, awarded])
    db.session.flush()
    if not with_people:
        return conference.id
    db.session.add_all(
        [
            Delegate(
                conference_id=conference.id,
                group_id=leaders.id,
                honorific="Ông",
                full_name="Nguyễn Văn An",
                position="Chủ tịch Ủy ban nhân dân xã",
                unit="Ủy ban nhân dân xã Tân Hòa",
                protocol_rank=1,
                presidium=True,
                phone="0912 345 678",
                invitation_sent_on=dt.date(2027, 1, 5),
                reply="attending",
            ),
            Delegate(
                conference_id=conference.id,
                group_id=leaders.id,
                honorific="Bà",
                full_name="Trần Thị Ánh",
                position="Phó Chủ tịch Ủy ban nhân dân xã",
                unit="Ủy ban nhân dân xã Tân Hòa",
                protocol_rank=2,
                reply="pending",
            ),
            Delegate(
                conference_id=conference.id,
                group_id=awarded.id,
                honorific="Ông",
                full_name="Đặng Quốc Dũng",
                position="Tổ trưởng",
                unit="Tổ hợp tác lúa Mỹ Lộc",
                reply="pending",
            ),
        ]
    )
    db.session.flush()
    return conference.id


@pytest.fixture()
def conference_id(app):
    with app.app_context():
        cid = make_conference()
        db.session.commit()
        return cid


def people(app, conference_id: int) -> dict[str, Delegate]:
    """The conference's delegates by name (detached objects, for assertions)."""
    with app.app_context():
        rows = db.session.query(Delegate).filter_by(conference_id=conference_id).all()
        for row in rows:
            _ = row.group  # load before the session closes
        db.session.expunge_all()
        return {row.full_name: row for row in rows}


def groups(app, conference_id: int) -> list[DelegateGroup]:
    with app.app_context():
        rows = (
            db.session.query(DelegateGroup)
            .filter_by(conference_id=conference_id)
            .order_by(DelegateGroup.position)
            .all()
        )
        db.session.expunge_all()
        return rows


def group_id(app, conference_id: int, name: str) -> int:
    return next(g.id for g in groups(app, conference_id) if g.name == name)

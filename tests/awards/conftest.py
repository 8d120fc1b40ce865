"""Small hand-made conferences for the awards tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kehoach_app.awards import catalogue
from kehoach_app.awards.models import Award, AwardForm
from kehoach_app.conferences import operations as conference_operations
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate

CONFERENCE = {
    "preset_key": "tong_ket.xa",
    "kind": "tong_ket",
    "level": "xa",
    "parent_body": "",
    "issuer": "Ủy ban nhân dân xã Tân Hòa",
    "place_name": "Tân Hòa",
    "title": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026",
    "year_reviewed": 2026,
    "year_launched": 2027,
    "date": dt.date(2027, 1, 15),
    "start_time": dt.time(7, 30),
    "length": "half_day",
    "venue": "Hội trường Ủy ban nhân dân xã Tân Hòa",
    "venue_address": "",
    "planned_delegates": 150,
    "funding_source": "Quỹ thi đua, khen thưởng",
    "doc_number": "",
    "doc_symbol": "KH-UBND",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN",
    "signer_deputy": "KT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "Trần Thị Ánh Tuyết",
    "purposes": "",
    "notes": "",
}

# (honorific, full name, position, unit, rank, presidium)
LEADERS = (
    ("Đồng chí", "Nguyễn Văn Thạnh", "Bí thư Đảng ủy xã", "Đảng ủy xã Tân Hòa", 1, True),
    ("Ông", "Lê Quốc Hưng", "Chủ tịch Ủy ban nhân dân xã", "Ủy ban nhân dân xã Tân Hòa", 2, True),
    (
        "Bà",
        "Phạm Thị Ngọc Ánh",
        "Chủ tịch Hội đồng nhân dân xã",
        "Hội đồng nhân dân xã Tân Hòa",
        3,
        True,
    ),
    ("Ông", "Châu Văn Út", "Trưởng ấp Mỹ Lộc", "ấp Mỹ Lộc", 0, False),
)


def make_conference(app, date: dt.date | None = None, leaders: bool = True) -> int:
    with app.app_context():
        values = dict(CONFERENCE)
        if date is not None:
            values["date"] = date
        conference = conference_operations.create_conference(values)
        if leaders:
            for honorific, name, position, unit, rank, presidium in LEADERS:
                db.session.add(
                    Delegate(
                        conference_id=conference.id,
                        honorific=honorific,
                        full_name=name,
                        position=position,
                        unit=unit,
                        protocol_rank=rank,
                        presidium=presidium,
                    )
                )
        catalogue.ensure_catalogue()
        db.session.commit()
        return conference.id


def form_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(select(AwardForm.id).where(AwardForm.code == code))


def delegate_id(app, conference_id: int, name: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Delegate.id).where(
                Delegate.conference_id == conference_id, Delegate.full_name == name
            )
        )


def add_awards(
    app, conference_id: int, code: str, names: list[str], kind: str = "individual", **extra
) -> None:
    with app.app_context():
        form = db.session.scalar(select(AwardForm).where(AwardForm.code == code))
        start = len(
            db.session.scalars(
                select(Award).where(Award.conference_id == conference_id, Award.form_id == form.id)
            ).all()
        )
        for offset, name in enumerate(names, start=1):
            db.session.add(
                Award(
                    conference_id=conference_id,
                    form_id=form.id,
                    position=start + offset,
                    recipient_kind=kind,
                    name=name,
                    **extra,
                )
            )
        db.session.commit()


def awards_of(app, conference_id: int) -> list[Award]:
    with app.app_context():
        rows = db.session.scalars(
            select(Award).where(Award.conference_id == conference_id).order_by(Award.id)
        ).all()
        for row in rows:
            db.session.expunge(row)
        return list(rows)

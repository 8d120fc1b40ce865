"""A small conference worked by hand: two groups, eight delegates, one who declined, one who
sends someone in his place — the figures every check-in test counts against."""

from __future__ import annotations

import pytest

from kehoach_app.db import db

# (group index, honorific, full name, position, unit, reply, substitute)
PEOPLE = [
    (0, "Ông", "Lê Quốc Hưng", "Phó Giám đốc", "Sở Nội vụ tỉnh", "attending", ""),
    (0, "Bà", "Đặng Thị Thu Hương", "Phó Trưởng ban", "Ban Thi đua - Khen thưởng", "attending", ""),
    (0, "Ông", "Trần Văn Bình", "Chánh Văn phòng", "Sở Nội vụ tỉnh", "absent", ""),
    (1, "Ông", "Nguyễn Văn An", "Chủ tịch", "Ủy ban nhân dân xã Tân Hòa", "attending", ""),
    (1, "Bà", "Nguyễn Thị Ánh", "Bí thư", "Đoàn Thanh niên xã", "attending", ""),
    (1, "Ông", "Phạm Đức Ân", "Trưởng ấp", "Ấp Mỹ Lộc", "substitute", "Phạm Văn Tài"),
    (1, "Bà", "Võ Thị Lan", "Hiệu trưởng", "Trường Tiểu học Tân Hòa", "pending", ""),
    (1, "Ông", "Hồ Sỹ Khải", "Trưởng trạm", "Trạm Y tế xã", "attending", ""),
]
GROUPS = ["Lãnh đạo tỉnh", "Đại biểu xã"]


def make_small_conference() -> int:
    """The demo conference with its delegates and groups replaced by PEOPLE (ids in order)."""
    from sqlalchemy import delete

    from kehoach_app.delegates.models import Delegate, DelegateGroup
    from kehoach_app.demo import create_demo_conference

    conference = create_demo_conference()
    db.session.execute(delete(Delegate).where(Delegate.conference_id == conference.id))
    db.session.execute(delete(DelegateGroup).where(DelegateGroup.conference_id == conference.id))
    groups = [
        DelegateGroup(conference_id=conference.id, position=i, name=name, planned=0)
        for i, name in enumerate(GROUPS, start=1)
    ]
    db.session.add_all(groups)
    db.session.flush()
    for group, honorific, name, position, unit, reply, substitute in PEOPLE:
        db.session.add(
            Delegate(
                conference_id=conference.id,
                group_id=groups[group].id,
                honorific=honorific,
                full_name=name,
                position=position,
                unit=unit,
                reply=reply,
                substitute_name=substitute,
            )
        )
    db.session.commit()
    return conference.id


def codes_of(conference_id: int) -> dict[str, str]:
    """full name → code."""
    from sqlalchemy import select

    from kehoach_app.delegates.models import Delegate

    return dict(
        db.session.execute(
            select(Delegate.full_name, Delegate.check_in_code).where(
                Delegate.conference_id == conference_id
            )
        ).all()
    )


@pytest.fixture()
def small(app):
    with app.app_context():
        conference_id = make_small_conference()
        return conference_id, codes_of(conference_id)


def scan(client, conference_id: int, typed: str, point: str = "Cửa chính", page=None):
    """POST what the scanner typed, as the page's script does; the JSON answer."""
    from tests.conftest import post

    response = post(
        client,
        f"/hoi-nghi/{conference_id}/diem-danh",
        {"ma": typed, "diem": point},
        page=page or f"/hoi-nghi/{conference_id}/diem-danh",
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()

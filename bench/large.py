"""The large conference every bench script measures (issues 9, 14, 19), built in one place.

    from bench.large import build, seat_the_hall, large_data_dir

The demo conference plus `delegates` delegates (1,000 by default) in one extra group, 300 awards
in the catalogue's first 8 forms, 40 programme items and 80 tasks (`build`); then the seating
part's 1,109-seat hall (bench_seating.big_layout) chosen and filled by the automatic seating
operation (`seat_the_hall`). `large_data_dir` does both in a data folder and closes the
database, ready for the real server to open it. Not a test.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khoa", "Lan", "Long",
         "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Thảo", "Trung", "Yến", "Ánh", "Ổn",
         "Ửng"]  # fmt: skip


def name(n: int) -> str:
    return f"{SURNAMES[n % 16]} {MIDDLE[(n // 16) % 10]} {GIVEN[(n // 160) % 23]}"


def build(app, delegates: int = 1000) -> int:
    """The demo + `delegates` delegates, 300 awards in 8 forms, 40 programme items, 80 tasks;
    committed; returns the conference id."""
    from kehoach_app.agenda.models import AgendaItem
    from kehoach_app.awards.catalogue import all_forms, ensure_catalogue
    from kehoach_app.awards.models import Award
    from kehoach_app.db import db
    from kehoach_app.delegates.models import Delegate, DelegateGroup
    from kehoach_app.demo import create_demo_conference
    from kehoach_app.tasks.models import Task

    with app.app_context():
        conference = create_demo_conference()
        db.session.flush()
        cid = conference.id
        group = DelegateGroup(
            conference_id=cid, position=99, name="Đại biểu mời thêm", planned=delegates
        )
        db.session.add(group)
        db.session.flush()
        for n in range(delegates):
            db.session.add(
                Delegate(
                    conference_id=cid,
                    group_id=group.id,
                    full_name=name(n),
                    honorific="Đồng chí",
                    position="Chuyên viên",
                    unit=f"Phòng chuyên môn số {n % 40 + 1}",
                    protocol_rank=n + 100,
                    reply="attending" if n % 5 else "pending",
                )
            )
        ensure_catalogue()
        forms = all_forms()[:8]
        for n in range(300):
            form = forms[n % len(forms)]
            kind = "individual" if form.for_individual else "collective"
            db.session.add(
                Award(
                    conference_id=cid,
                    form_id=form.id,
                    position=n + 100,
                    recipient_kind=kind,
                    name=name(n + 7),
                    unit="Xã Tân Hòa",
                    decision_number=f"{n + 1}/QĐ-UBND",
                    decision_date=dt.date(2026, 12, 20),
                )
            )
        for n in range(40):
            db.session.add(
                AgendaItem(
                    conference_id=cid,
                    position=n + 100,
                    kind="tham_luan",
                    title=f"Tham luận số {n + 1}",
                    minutes=5,
                )
            )
        for n in range(80):
            db.session.add(
                Task(
                    conference_id=cid,
                    position=n + 100,
                    title=f"Nhiệm vụ số {n + 1}",
                    lead_unit=f"Đơn vị {n % 12 + 1}",
                    deadline_kind="days_before",
                    days_before=n % 20,
                )
            )
        db.session.commit()
        return cid


def seat_the_hall(app, conference_id: int) -> int:
    """bench_seating's 1,109-seat hall chosen for the conference and filled by the automatic
    seating operation (as the button does); returns how many people were seated."""
    from bench.bench_seating import big_layout
    from kehoach_app.conferences.models import Conference
    from kehoach_app.db import db
    from kehoach_app.seating import logic, operations
    from kehoach_app.seating.models import Hall

    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        hall = Hall(name="Trung tâm Hội nghị tỉnh", layout=logic.layout_to_json(big_layout()))
        db.session.add(hall)
        db.session.flush()
        operations.choose_hall(conference, hall)
        db.session.commit()
        result = operations.auto_assign(db.session.get(Conference, conference_id))
        db.session.commit()
        return len(result.seats)


def large_data_dir(data_dir: Path, delegates: int = 1000, seated: bool = True) -> tuple[int, int]:
    """A data folder holding the large conference (hall seated unless `seated` is false),
    its database closed so that a server can open it; returns (conference id, people seated)."""
    from kehoach_app import create_app
    from kehoach_app.db import db

    app = create_app(data_dir=data_dir)
    cid = build(app, delegates)
    people = seat_the_hall(app, cid) if seated else 0
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return cid, people


def touch(database: Path, conference_id: int) -> None:
    """Commit a change to the conference from another connection (sqlite3, as the command line
    or a second window would): the next view is the first after a change and keeps nothing."""
    import sqlite3

    connection = sqlite3.connect(database, timeout=10)
    connection.execute(
        "UPDATE conferences SET notes = coalesce(notes, '') || ' ' WHERE id = ?",
        (conference_id,),
    )
    connection.commit()
    connection.close()

"""One protocol order for the MC's introduction, the giấy mời, the envelope labels and the
register (sổ theo dõi gửi giấy mời): group by group as the officer orders the groups, ranked
delegates first within a group, a delegate without a rank in his group's place.

The hand-made conference (conftest): "Lãnh đạo Ủy ban nhân dân" (position 1: Nguyễn Văn An
rank 1, Trần Thị Ánh rank 2) and the award recipients (position 2: Đặng Quốc Dũng, no rank).
A superiors' group is put first (position 0) with Lê Quốc Hưng, Phó Giám đốc Sở Nội vụ tỉnh, no
rank. Ranked-first across groups would read An, Ánh, Dũng, Hưng; protocol by group reads
Hưng, An, Ánh, Dũng.
"""

from __future__ import annotations

import io

import pdfplumber
from sqlalchemy import select

from kehoach_app.agenda.operations import introduced_delegates
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates import printout as P
from kehoach_app.delegates.models import Delegate, DelegateGroup

ORDER = ["Lê Quốc Hưng", "Nguyễn Văn An", "Trần Thị Ánh", "Đặng Quốc Dũng"]


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _order_in(text: str) -> list[str]:
    flat = " ".join(text.split())
    return sorted(ORDER, key=lambda name: flat.index(name))


def test_invitations_labels_and_register_follow_the_mcs_order(app, conference_id):
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        superiors = DelegateGroup(
            conference_id=conference.id, position=0, name="Đại biểu cấp tỉnh", planned=1
        )
        db.session.add(superiors)
        db.session.flush()
        db.session.add(
            Delegate(
                conference_id=conference.id,
                group_id=superiors.id,
                honorific="Ông",
                full_name="Lê Quốc Hưng",
                position="Phó Giám đốc",
                unit="Sở Nội vụ tỉnh",
                reply="attending",
            )
        )
        db.session.flush()
        people = list(
            db.session.scalars(select(Delegate).where(Delegate.conference_id == conference.id))
        )
        introduced = introduced_delegates(conference)
        invitations = P.invitations_pdf(conference, people)
        labels = P.envelope_labels_pdf(conference, people)
        register = P.tracking_sheet_pdf(conference, people)
        db.session.rollback()
    mc = [next(name for name in ORDER if name in line) for line in introduced if any(
        name in line for name in ORDER)]  # fmt: skip
    assert mc[:3] == ORDER[:3]  # the recipients' group is greeted as a body
    with pdfplumber.open(io.BytesIO(invitations)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert [next(n for n in ORDER if n in page) for page in pages] == ORDER
    assert "Kính gửi: Ông Lê Quốc Hưng – Phó Giám đốc Sở Nội vụ tỉnh" in " ".join(pages[0].split())
    assert _order_in(_text(labels)) == ORDER
    assert _order_in(_text(register)) == ORDER
